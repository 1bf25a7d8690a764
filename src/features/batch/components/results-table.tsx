import clsx from "clsx";
import { useEffect } from "react";
import { InlineLoadError } from "@/components/ui/inline-load-error";
import { Skeleton } from "@/components/ui/skeleton";
import { useBatchItems } from "@/features/batch/api/get-batch-items";
import type { BatchItem } from "@domain/contracts/batch";
import { VirtualRows } from "@/features/batch/components/virtual-rows";

const rowHeight = 72;
const tableHeight = 432;
/** Start fetching the next page this many rows before the loaded ones run out. */
const prefetchRows = 50;

const cellClasses = "flex items-center px-3";
const columns =
  "grid grid-cols-[3.5rem_4rem_minmax(0,1fr)_6rem] sm:grid-cols-[4rem_4.5rem_minmax(0,1fr)_8rem]";

const statusClasses: Record<string, string> = {
  succeeded: "text-emerald-700 dark:text-emerald-300",
  failed: "text-rose-700 dark:text-rose-300",
};

/** Every row's result, thumbnails and errors included, in a table that only mounts what is in view. */
export function ResultsTable(
  { batchId, totalRows, pollMs }: { batchId: string; totalRows: number; pollMs: number | false },
) {
  const items = useBatchItems(batchId, { pollMs });
  const rows: BatchItem[] = items.data?.pages.flatMap((page) => page.items) ?? [];
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = items;

  function loadMoreNear(lastVisibleIndex: number) {
    if (lastVisibleIndex + prefetchRows >= rows.length && hasNextPage && !isFetchingNextPage) {
      void fetchNextPage();
    }
  }

  // A batch short enough to fit in view never scrolls, so its second page is asked for here.
  useEffect(() => {
    if (rows.length < tableHeight / rowHeight && hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [rows.length, hasNextPage, isFetchingNextPage, fetchNextPage]);

  if (items.isPending) return <Skeleton className="h-96 w-full" />;
  if (items.isError) {
    return <InlineLoadError onRetry={() => void items.refetch()}>Couldn't load the rows.</InlineLoadError>;
  }

  return (
    <VirtualRows
      count={hasNextPage ? Math.min(totalRows, rows.length + prefetchRows) : rows.length}
      rowHeight={rowHeight}
      height={tableHeight}
      label="Results by row"
      onRangeChange={loadMoreNear}
      rowClassName={clsx(columns, "border-t border-line text-sm")}
      header={
        <div role="rowgroup" className="sticky top-0 z-10 bg-sunken text-sm text-muted">
          <div role="row" aria-rowindex={1} className={clsx(columns, "h-10")}>
            <span role="columnheader" className={cellClasses}>Row</span>
            <span role="columnheader" className={cellClasses}>Image</span>
            <span role="columnheader" className={cellClasses}>Prompt</span>
            <span role="columnheader" className={cellClasses}>Status</span>
          </div>
        </div>
      }
      renderRow={(index) => {
        const item = rows[index];
        if (!item) {
          return (
            <div role="cell" className="col-span-4 p-3">
              <Skeleton className="h-12 w-full" />
            </div>
          );
        }
        return (
          <>
            <span role="cell" className={clsx(cellClasses, "tabular-nums text-muted")}>
              {item.rowNumber}
            </span>
            <span role="cell" className={cellClasses}>
              {item.thumbnailUrl
                ? (
                  <a
                    href={item.imageUrl ?? item.thumbnailUrl}
                    target="_blank"
                    rel="noreferrer"
                    className="rounded-lg"
                  >
                    <img
                      src={item.thumbnailUrl}
                      alt={`Row ${item.rowNumber}`}
                      loading="lazy"
                      className="size-14 rounded-lg object-cover"
                    />
                  </a>
                )
                : <span className="size-14 rounded-lg bg-sunken" aria-hidden="true" />}
            </span>
            <span role="cell" className={clsx(cellClasses, "min-w-0")}>
              <span className="line-clamp-2 text-ink">
                {item.resolvedPrompt}
                {item.error
                  ? <span className="block text-rose-700 dark:text-rose-300">{item.error}</span>
                  : null}
              </span>
            </span>
            <span
              role="cell"
              className={clsx(
                cellClasses,
                "font-medium capitalize",
                statusClasses[item.status] ?? "text-muted",
              )}
            >
              {item.status}
            </span>
          </>
        );
      }}
    />
  );
}
