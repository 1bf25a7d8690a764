import { Link } from "react-router-dom";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { TableIcon } from "@/components/ui/icons";
import { InlineLoadError } from "@/components/ui/inline-load-error";
import { Skeleton } from "@/components/ui/skeleton";
import { useBatches } from "@/features/batch/api/get-batches";
import { statusLabels } from "@/features/batch/components/batch-progress";
import { formatDateTime } from "@/lib/format";

/** The person's past batches, newest first; each opens its live page. */
export function BatchList() {
  const batches = useBatches();
  return (
    <Card className="p-4 sm:p-6">
      <h2 className="mb-3 text-lg font-semibold text-ink">Your batches</h2>
      {batches.isPending
        ? (
          <div className="space-y-2">
            <Skeleton className="h-12 w-full" />
            <Skeleton className="h-12 w-full" />
          </div>
        )
        : batches.isError
        ? (
          <InlineLoadError onRetry={() => void batches.refetch()}>
            Couldn't load your batches.
          </InlineLoadError>
        )
        : batches.data.length === 0
        ? (
          <EmptyState
            icon={<TableIcon className="size-6" />}
            title="No batches yet"
            description="Upload a CSV to make one personalized image per row."
          />
        )
        : (
          <ul className="divide-y divide-line" aria-label="Past batches">
            {batches.data.map((batch) => (
              <li key={batch.id}>
                <Link
                  to={`/batch-generation?batch=${batch.id}`}
                  className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 rounded-lg px-2 py-3 hover:bg-sunken focus-visible:outline-none focus-visible:ring-4 focus-visible:ring-violet-500/30"
                >
                  <span className="font-medium text-ink">{batch.name}</span>
                  <span className="text-sm text-muted">
                    {statusLabels[batch.status]} · {batch.succeededRows}/{batch.totalRows} rows ·{" "}
                    {formatDateTime(batch.createdAt)}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
    </Card>
  );
}
