import { useQuery } from "@tanstack/react-query";
import { batchesPage } from "@domain/contracts/batch";
import { batchKeys } from "@/features/batch/api/batch-keys";
import { invokeFunction } from "@/lib/invoke-function";

/** GET /functions/v1/batch: the signed-in person's latest batches, newest first. */
export async function getBatches({ signal }: { signal?: AbortSignal } = {}) {
  const { batches } = await invokeFunction({
    name: "batch",
    method: "GET",
    query: { limit: 20 },
    schema: batchesPage,
    signal,
  });
  return batches;
}

export function useBatches() {
  return useQuery({ queryKey: batchKeys.list(), queryFn: ({ signal }) => getBatches({ signal }) });
}
