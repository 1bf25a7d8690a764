import { useMutation, useQueryClient } from "@tanstack/react-query";
import { createdBatch } from "@domain/contracts/batch";
import { batchKeys } from "@/features/batch/api/batch-keys";
import type { BatchRequest } from "@/features/batch/api/preview-batch";
import { invokeFunction } from "@/lib/invoke-function";

/** POST /functions/v1/batch: validates again and stores a draft batch; nothing is spent until it starts. */
export async function createBatch(request: BatchRequest) {
  const { batch } = await invokeFunction({
    name: "batch",
    body: request,
    schema: createdBatch,
    timeoutMs: 60_000,
  });
  return batch;
}

export function useCreateBatch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createBatch,
    onSuccess: (batch) => {
      queryClient.setQueryData(batchKeys.detail(batch.id), batch);
      void queryClient.invalidateQueries({ queryKey: batchKeys.list() });
    },
  });
}
