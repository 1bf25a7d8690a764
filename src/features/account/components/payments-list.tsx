import { Badge, type BadgeTone } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { CoinsIcon, VideoIcon } from "@/components/ui/icons";
import type { Payment } from "@domain/contracts/account";
import { formatCredits, formatDateTime } from "@/lib/format";
import { formatPrice } from "@/lib/format-price";

const statusTones: Record<string, BadgeTone> = {
  paid: "success",
  pending: "warning",
  failed: "neutral",
  canceled: "neutral",
  refunded: "neutral",
};

const statusLabel = (status: string) => status.charAt(0).toUpperCase() + status.slice(1);

/** Money paid through Stripe, newest first: credit packs and full videos. */
export function PaymentsList({ payments }: { payments: Payment[] }) {
  if (payments.length === 0) {
    return (
      <EmptyState
        icon={<CoinsIcon />}
        title="No payments yet"
        description="Credit packs you buy and full videos you pay for will be listed here."
      />
    );
  }
  return (
    <ul className="divide-y divide-line" aria-label="Payments">
      {payments.map((payment) => (
        <li key={`${payment.kind}-${payment.id}`} className="flex items-center gap-4 px-5 py-4 sm:px-6">
          <span
            aria-hidden="true"
            className="grid size-10 shrink-0 place-items-center rounded-xl bg-sunken text-lg text-muted"
          >
            {payment.kind === "video" ? <VideoIcon /> : <CoinsIcon />}
          </span>
          <div className="min-w-0 flex-1">
            <p className="truncate font-medium text-ink">
              {payment.kind === "video"
                ? "Full video"
                : payment.credits !== undefined
                ? `${formatCredits(payment.credits)} credits`
                : "Credit pack"}
            </p>
            <p className="truncate text-sm text-muted">
              <time dateTime={payment.paidAt ?? payment.createdAt}>
                {formatDateTime(payment.paidAt ?? payment.createdAt)}
              </time>
            </p>
          </div>
          <div className="flex shrink-0 flex-col items-end gap-1">
            <p className="font-semibold tabular-nums text-ink">
              {formatPrice(payment.amount, payment.currency)}
              <span className="sr-only">{` ${payment.currency.toUpperCase()}`}</span>
            </p>
            <Badge tone={statusTones[payment.status] ?? "neutral"}>{statusLabel(payment.status)}</Badge>
          </div>
        </li>
      ))}
    </ul>
  );
}
