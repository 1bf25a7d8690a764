import { useQueryClient } from "@tanstack/react-query";
import clsx from "clsx";
import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import { PaymentStep } from "@/components/payments/payment-step";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { accountKeys } from "@/data/account/account-keys";
import { useCreateCreditPayment } from "@/features/credits/api/create-credit-payment";
import { usePurchase } from "@/features/credits/api/get-purchase";
import { formatPricePerCredit, savingsPercent } from "@/features/credits/lib/pack-prices";
import type { CreditPaymentIntent } from "@domain/contracts/create-payment-intent";
import { type CreditPack, creditPacks } from "@domain/credit-packs";
import { describeError } from "@/lib/describe-error";
import { formatCredits } from "@/lib/format";
import { formatPrice } from "@/lib/format-price";

export interface PurchaseResult {
  credits: number;
  balance: number;
}

type Failure = { error: unknown; retry?: () => void };

/**
 * Choose a pack, pay for it (Stripe Elements, or the labelled test payment), wait for the webhook
 * to settle it, then `done` shows what comes next. A failure is said here, in words, and keeps
 * the step it happened in, so nothing chosen is lost; `minimum` marks the packs that cover it.
 */
export function BuyCredits({
  minimum,
  onSettled,
  done,
}: {
  minimum?: number;
  onSettled?: (result: PurchaseResult) => void;
  /** What follows a settled purchase; `buyMore` goes back to the packs. */
  done?: (result: PurchaseResult, buyMore: () => void) => ReactNode;
}) {
  const queryClient = useQueryClient();
  const create = useCreateCreditPayment();
  const [failure, setFailure] = useState<Failure | null>(null);
  const [paidPurchase, setPaidPurchase] = useState<string | null>(null);
  const purchase = usePurchase(paidPurchase);
  const intent = create.data;
  const settledStatus = purchase.data?.payment?.status;
  const result: PurchaseResult | null = paidPurchase && settledStatus === "paid" && purchase.data
    ? { credits: purchase.data.payment?.credits ?? 0, balance: purchase.data.balance }
    : null;
  const reported = useRef<string | null>(null);

  // Once per purchase: the balance everywhere follows the credits, and the caller hears of them.
  useEffect(() => {
    if (!result || reported.current === paidPurchase) return;
    reported.current = paidPurchase;
    queryClient.setQueryData(accountKeys.creditBalance(), result.balance);
    void queryClient.invalidateQueries({ queryKey: accountKeys.all });
    void queryClient.invalidateQueries({ queryKey: accountKeys.creditBalance() });
    onSettled?.(result);
  });

  const choose = (pack: CreditPack) => {
    setFailure(null);
    create.mutate({ packId: pack.id }, {
      onError: (error) => setFailure({ error, retry: () => choose(pack) }),
    });
  };

  const startOver = () => {
    create.reset();
    setPaidPurchase(null);
    setFailure(null);
  };

  if (result) {
    return (
      <div className="space-y-4">
        <Alert tone="success" title={`${formatCredits(result.credits)} credits added`}>
          Your balance is now <span data-testid="purchase-balance">{formatCredits(result.balance)}</span>{" "}
          credits.
        </Alert>
        {done ? done(result, startOver) : (
          <Button variant="secondary" onClick={startOver}>
            Buy another pack
          </Button>
        )}
      </div>
    );
  }

  const unpaid = settledStatus === "failed" || settledStatus === "canceled";
  if (paidPurchase && intent && !unpaid) {
    return (
      <div className="space-y-4">
        {purchase.isError
          ? <FailureAlert failure={{ error: purchase.error, retry: () => void purchase.refetch() }} />
          : (
            <p role="status" className="flex items-center gap-3 text-sm font-medium text-ink">
              <Spinner className="size-4 text-violet-600" />
              Payment accepted — adding {formatCredits(intent.credits)} credits to your balance…
            </p>
          )}
      </div>
    );
  }

  if (intent) {
    return (
      <div className="space-y-4">
        {unpaid
          ? (
            <Alert title="The payment didn't go through">
              Nothing was charged and no credits were added. Try again, or choose another pack.
            </Alert>
          )
          : null}
        <Checkout
          intent={intent}
          onPaid={() => {
            setFailure(null);
            setPaidPurchase(intent.purchaseId);
          }}
          onError={(error, retry) => setFailure({ error, retry })}
        />
        {failure ? <FailureAlert failure={failure} /> : null}
        <Button variant="ghost" size="sm" onClick={startOver}>
          Choose another pack
        </Button>
      </div>
    );
  }

  return (
    <div className="space-y-4">
      <PackList
        minimum={minimum}
        pendingPack={create.isPending ? create.variables.packId : undefined}
        onChoose={choose}
      />
      {failure ? <FailureAlert failure={failure} /> : null}
    </div>
  );
}

function Checkout({
  intent,
  onPaid,
  onError,
}: {
  intent: CreditPaymentIntent;
  onPaid: () => void;
  onError: (error: unknown, retry?: () => void) => void;
}) {
  return (
    <div className="space-y-3">
      <p className="flex flex-wrap items-baseline justify-between gap-2 text-sm text-muted">
        <span>
          <span className="font-semibold text-ink">{formatCredits(intent.credits)} credits</span> for{" "}
          {formatPrice(intent.amount, intent.currency)}
        </span>
      </p>
      <PaymentStep intent={intent} onPaid={onPaid} onError={onError} />
    </div>
  );
}

function FailureAlert({ failure }: { failure: Failure }) {
  const { title, description } = describeError(failure.error);
  return (
    <Alert title={title}>
      <p>{description}</p>
      {failure.retry
        ? (
          <Button variant="secondary" size="sm" className="mt-2" onClick={failure.retry}>
            Try again
          </Button>
        )
        : null}
    </Alert>
  );
}

function PackList({
  minimum,
  pendingPack,
  onChoose,
}: {
  minimum?: number;
  pendingPack?: string;
  onChoose: (pack: CreditPack) => void;
}) {
  const idPrefix = useId();
  return (
    <ul className="grid gap-3 sm:grid-cols-2" aria-label="Credit packs">
      {creditPacks.map((pack) => {
        const price = formatPrice(pack.amountCents, pack.currency);
        const savings = savingsPercent(pack, creditPacks);
        const tooSmall = minimum !== undefined && pack.credits < minimum;
        return (
          <li
            key={pack.id}
            className={clsx(
              "flex flex-col gap-3 rounded-xl border p-4",
              tooSmall ? "border-line" : "border-violet-200 dark:border-violet-400/30",
            )}
          >
            <div className="flex items-start justify-between gap-2">
              <div>
                <p id={`${idPrefix}-${pack.id}`} className="text-lg font-semibold text-ink">{pack.label}</p>
                <p className="text-sm text-muted">{formatPricePerCredit(pack)} per credit</p>
              </div>
              <p className="text-xl font-bold tabular-nums text-ink">{price}</p>
            </div>
            <div className="flex min-h-6 flex-wrap gap-2">
              {savings > 0 ? <Badge tone="success">Save {savings}%</Badge> : null}
              {tooSmall ? <Badge>Not enough for this</Badge> : null}
            </div>
            <Button
              className="mt-auto w-full"
              variant={tooSmall ? "secondary" : "primary"}
              loading={pendingPack === pack.id}
              disabled={pendingPack !== undefined}
              onClick={() => onChoose(pack)}
              aria-describedby={`${idPrefix}-${pack.id}`}
            >
              Buy for {price}
            </Button>
          </li>
        );
      })}
    </ul>
  );
}
