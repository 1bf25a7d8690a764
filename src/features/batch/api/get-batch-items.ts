import { useInfiniteQuery } from "@tanstack/react-query";
import { batchItemsPage, maxItemsPageSize } from "@domain/contracts/batch";
import { batchKeys } from "@/features/batch/api/batch-keys";
import { invokeFunction } from "@/lib/invoke-function";

/** GET /functions/v1/batch/:id/items: a page of rows after row `after`, in row order. */
export async function getBatchItems(
  batchId: string,
  after: number,
  { signal }: { signal?: AbortSignal } = {},
) {
  return await invokeFunction({
    name: `batch/${batchId}/items`,
    method: "GET",
    // The server's largest page: fewer round trips when a 10,000-row batch is scrolled.
    query: { after, limit: maxItemsPageSize },
    schema: batchItemsPage,
    signal,
  });
}

export function useBatchItems(batchId: string, { pollMs }: { pollMs: number | false }) {
  return useInfiniteQuery({
    queryKey: batchKeys.items(batchId),
    queryFn: ({ pageParam, signal }) => getBatchItems(batchId, pageParam, { signal }),
    initialPageParam: 0,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    refetchInterval: pollMs,
  });
}
