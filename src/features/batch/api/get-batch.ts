import { useQuery } from "@tanstack/react-query";
import { batchResponse, type BatchStatus } from "@domain/contracts/batch";
import { batchKeys } from "@/features/batch/api/batch-keys";
import { invokeFunction } from "@/lib/invoke-function";

/** Batches the worker is still moving forward, so their status is worth polling. */
export function isBatchActive(status: BatchStatus): boolean {
  return status === "queued" || status === "running";
}

/** How often a running batch's status is asked for: often enough that the bar moves smoothly. */
export const activeBatchPollMs = 1500;

/** GET /functions/v1/batch/:id: the batch with live counts, progress and ETA. */
export async function getBatch(batchId: string, { signal }: { signal?: AbortSignal } = {}) {
  const { batch } = await invokeFunction({
    name: `batch/${batchId}`,
    method: "GET",
    schema: batchResponse,
    signal,
  });
  return batch;
}

export function useBatch(batchId: string) {
  return useQuery({
    queryKey: batchKeys.detail(batchId),
    queryFn: ({ signal }) => getBatch(batchId, { signal }),
    // The server holds the state, so polling is what keeps this tab (or another device) live.
    refetchInterval: (
      query,
    ) => (query.state.data && isBatchActive(query.state.data.status) ? activeBatchPollMs : false),
  });
}
