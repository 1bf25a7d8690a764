import { useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CloseIcon } from "@/components/ui/icons";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { useCreditBalance } from "@/data/account/get-credit-balance";
import { BuyCredits } from "@/features/credits/components/buy-credits";
import type { CreditsOffer } from "@/lib/credits-offer";
import { formatCredits } from "@/lib/format";

/**
 * The purchase offered where credits ran out: why, the balance, the packs, and once the credits
 * are in, the offer's one-click way back (such as resuming the batch).
 */
export default function BuyCreditsDialog({ offer, onClose }: { offer: CreditsOffer; onClose: () => void }) {
  const titleId = useId();
  const balance = useCreditBalance();
  const [paid, setPaid] = useState(false);
  const shortfall = offer.required !== undefined && offer.balance !== undefined
    ? Math.max(0, offer.required - offer.balance)
    : undefined;

  return (
    <ModalDialog labelledBy={titleId} onClose={onClose} className="w-[min(40rem,calc(100vw-1rem))]">
      <div className="space-y-5 p-5 sm:p-6">
        <div className="flex items-start justify-between gap-4">
          <div>
            <h2 id={titleId} className="text-xl font-semibold text-ink">Add credits</h2>
            <p className="mt-1 text-sm text-muted">
              Your balance:{" "}
              <span className="font-semibold tabular-nums text-ink">
                {balance.data !== undefined
                  ? `${formatCredits(balance.data)} credits`
                  : balance.isError
                  ? "unavailable"
                  : "…"}
              </span>
            </p>
          </div>
          <Button variant="ghost" size="sm" onClick={onClose} aria-label="Close">
            <CloseIcon className="size-5" />
          </Button>
        </div>
        {offer.message && !paid ? <Alert tone="info">{offer.message}</Alert> : null}
        <BuyCredits
          minimum={shortfall}
          onSettled={() => {
            setPaid(true);
            offer.onPaid?.();
          }}
          done={() => (
            <div className="flex flex-wrap justify-end gap-2">
              <Button variant="secondary" onClick={onClose} autoFocus={!offer.resume}>
                Close
              </Button>
              {offer.resume
                ? (
                  <Button
                    autoFocus
                    onClick={() => {
                      onClose();
                      offer.resume?.run();
                    }}
                  >
                    {offer.resume.label}
                  </Button>
                )
                : null}
            </div>
          )}
        />
      </div>
    </ModalDialog>
  );
}
