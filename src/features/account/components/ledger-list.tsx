import clsx from "clsx";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { CoinsIcon } from "@/components/ui/icons";
import type { LedgerEntry } from "@domain/contracts/account";
import { BatchLedgerLine } from "@/features/account/components/batch-ledger-line";
import { ledgerReasonLabel } from "@/features/account/components/ledger-reason";
import { formatCreditChange, formatDateTime } from "@/lib/format";
import { formatPrice } from "@/lib/format-price";

/** The credit ledger, newest first, with "Load more" while older entries remain. */
export function LedgerList({
  entries,
  hasMore,
  loadingMore,
  loadMoreFailed,
  onLoadMore,
}: {
  entries: LedgerEntry[];
  hasMore: boolean;
  loadingMore: boolean;
  /** The last "Load more" failed; the button then offers to try again. */
  loadMoreFailed: boolean;
  onLoadMore: () => void;
}) {
  if (entries.length === 0) {
    return (
      <EmptyState
        icon={<CoinsIcon />}
        title="No credit activity yet"
        description="Credits you receive, buy or spend on images and videos will be listed here."
      />
    );
  }
  return (
    <div>
      <ul className="divide-y divide-line" aria-label="Credit history">
        {entries.map((entry) =>
          entry.batch
            ? <BatchLedgerLine key={entry.id} entry={entry} batch={entry.batch} />
            : (
              <li key={entry.id} className="flex items-center gap-4 px-5 py-4 sm:px-6">
                <span
                  aria-hidden="true"
                  className={clsx(
                    "grid size-10 shrink-0 place-items-center rounded-xl text-lg",
                    entry.amount >= 0
                      ? "bg-emerald-50 text-emerald-700 dark:bg-emerald-500/15 dark:text-emerald-300"
                      : "bg-sunken text-muted",
                  )}
                >
                  <CoinsIcon />
                </span>
                <div className="min-w-0 flex-1">
                  <p className="truncate font-medium text-ink">{ledgerReasonLabel(entry.reason)}</p>
                  <p className="truncate text-sm text-muted">
                    {entry.description ? `${entry.description} · ` : ""}
                    {entry.purchase
                      ? `${formatPrice(entry.purchase.amountCents, entry.purchase.currency)} paid · `
                      : ""}
                    <time dateTime={entry.createdAt}>{formatDateTime(entry.createdAt)}</time>
                  </p>
                </div>
                <p
                  className={clsx(
                    "shrink-0 font-semibold tabular-nums",
                    entry.amount >= 0 ? "text-emerald-700 dark:text-emerald-300" : "text-ink",
                  )}
                >
                  {formatCreditChange(entry.amount)}
                  <span className="sr-only">{" credits"}</span>
                </p>
              </li>
            )
        )}
      </ul>
      <div className="border-t border-line px-5 py-4 text-center sm:px-6">
        {hasMore
          ? (
            <div className="space-y-2">
              {loadMoreFailed && !loadingMore
                ? (
                  <p role="alert" className="text-sm font-medium text-rose-700 dark:text-rose-300">
                    Couldn't load older entries.
                  </p>
                )
                : null}
              <Button variant="secondary" onClick={onLoadMore} loading={loadingMore}>
                {loadingMore ? "Loading…" : loadMoreFailed ? "Try again" : "Load more"}
              </Button>
            </div>
          )
          : <p className="text-sm text-muted">That's all your credit history.</p>}
      </div>
    </div>
  );
}
