import { useQuery } from "@tanstack/react-query";
import { batchKeys } from "@/features/batch/api/batch-keys";
import { batchResponseSchema, isBatchActive } from "@/features/batch/api/batch-schemas";
import { invokeFunction } from "@/lib/invoke-function";

/** How often a running batch's status is asked for: often enough that the bar moves smoothly. */
export const activeBatchPollMs = 1500;

/** GET /functions/v1/batch/:id: the batch with live counts, progress and ETA. */
export async function getBatch(batchId: string, { signal }: { signal?: AbortSignal } = {}) {
  const { batch } = await invokeFunction({
    name: `batch/${batchId}`,
    method: "GET",
    schema: batchResponseSchema,
    signal,
  });
  return batch;
}

export function useBatch(batchId: string) {
  return useQuery({
    queryKey: batchKeys.detail(batchId),
    queryFn: ({ signal }) => getBatch(batchId, { signal }),
    // The server holds the state, so polling is what keeps this tab (or another device) live.
    refetchInterval: (query) => (query.state.data && isBatchActive(query.state.data.status) ? activeBatchPollMs : false),
  });
}
