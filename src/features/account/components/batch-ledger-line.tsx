import clsx from "clsx";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { ChevronDownIcon, TableIcon } from "@/components/ui/icons";
import { InlineLoadError } from "@/components/ui/inline-load-error";
import { Skeleton } from "@/components/ui/skeleton";
import type { LedgerBatch, LedgerEntry } from "@domain/contracts/account";
import { useBatchLedger } from "@/features/account/api/get-batch-ledger";
import { ledgerReasonLabel } from "@/features/account/components/ledger-reason";
import { formatCreditChange, formatCredits, formatDateTime } from "@/lib/format";

const plural = (count: number, one: string, many: string) =>
  `${formatCredits(count)} ${count === 1 ? one : many}`;

/**
 * A batch's rows as one line of the credit history (net of refunds); opening it lists the rows'
 * own debits and refunds, fetched then.
 */
export function BatchLedgerLine({ entry, batch }: { entry: LedgerEntry; batch: LedgerBatch }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const name = batch.name ?? "Deleted batch";
  return (
    <li>
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((was) => !was)}
        className="flex w-full items-center gap-4 px-5 py-4 text-left hover:bg-sunken focus:outline-none focus-visible:bg-sunken focus-visible:ring-4 focus-visible:ring-inset focus-visible:ring-violet-500/40 sm:px-6"
      >
        <span
          aria-hidden="true"
          className="grid size-10 shrink-0 place-items-center rounded-xl bg-sunken text-lg text-muted"
        >
          <TableIcon />
        </span>
        <span className="min-w-0 flex-1">
          <span className="block truncate font-medium text-ink">Batch · {name}</span>
          <span className="block truncate text-sm text-muted">
            {plural(batch.rowCount, "row", "rows")}
            {batch.refunded > 0 ? ` · ${formatCredits(batch.refunded)} refunded` : ""} ·{" "}
            <time dateTime={entry.createdAt}>{formatDateTime(entry.createdAt)}</time>
          </span>
        </span>
        <span className="shrink-0 font-semibold tabular-nums text-ink">
          {formatCreditChange(entry.amount)}
          <span className="sr-only">{" credits"}</span>
        </span>
        <ChevronDownIcon
          aria-hidden="true"
          className={clsx("size-4 shrink-0 text-muted transition-transform", open && "rotate-180")}
        />
      </button>
      {open ? <BatchEntries id={panelId} batchId={batch.id} name={name} /> : <div id={panelId} hidden />}
    </li>
  );
}

function BatchEntries({ id, batchId, name }: { id: string; batchId: string; name: string }) {
  const ledger = useBatchLedger(batchId, true);
  const entries = ledger.data?.pages.flatMap((page) => page.entries) ?? [];
  return (
    <div id={id} className="border-t border-line bg-sunken/50 px-5 py-3 sm:px-6 sm:pl-19">
      {ledger.isPending
        ? (
          <div role="status" aria-label={`Loading the rows of ${name}`} className="space-y-2 py-1">
            <Skeleton className="h-5 w-full" />
            <Skeleton className="h-5 w-2/3" />
          </div>
        )
        : ledger.isError && entries.length === 0
        ? (
          <InlineLoadError onRetry={() => void ledger.refetch()}>
            Couldn't load this batch's rows.
          </InlineLoadError>
        )
        : entries.length === 0
        ? <p className="py-1 text-sm text-muted">No row has been charged yet.</p>
        : (
          <>
            <ul aria-label={`Rows of ${name}`} className="divide-y divide-line">
              {entries.map((row) => (
                <li key={row.id} className="flex items-center justify-between gap-4 py-2 text-sm">
                  <span className="min-w-0 truncate text-ink">
                    {row.rowNumber !== undefined ? `Row ${row.rowNumber}` : (row.description ?? "Row")}
                    <span className="text-muted">
                      {" "}· {ledgerReasonLabel(row.reason)} ·{" "}
                      <time dateTime={row.createdAt}>{formatDateTime(row.createdAt)}</time>
                    </span>
                  </span>
                  <span
                    className={clsx(
                      "shrink-0 font-medium tabular-nums",
                      row.amount >= 0 ? "text-emerald-700 dark:text-emerald-300" : "text-ink",
                    )}
                  >
                    {formatCreditChange(row.amount)}
                    <span className="sr-only">{" credits"}</span>
                  </span>
                </li>
              ))}
            </ul>
            {ledger.hasNextPage
              ? (
                <div className="pt-2">
                  {ledger.isFetchNextPageError && !ledger.isFetchingNextPage
                    ? (
                      <p role="alert" className="mb-2 text-sm font-medium text-rose-700 dark:text-rose-300">
                        Couldn't load more rows.
                      </p>
                    )
                    : null}
                  <Button
                    variant="secondary"
                    size="sm"
                    loading={ledger.isFetchingNextPage}
                    onClick={() => void ledger.fetchNextPage()}
                  >
                    {ledger.isFetchNextPageError ? "Try again" : "More rows"}
                  </Button>
                </div>
              )
              : null}
          </>
        )}
    </div>
  );
}
