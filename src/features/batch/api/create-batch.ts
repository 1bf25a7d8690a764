import { useMutation, useQueryClient } from "@tanstack/react-query";
import { batchKeys } from "@/features/batch/api/batch-keys";
import { batchDetailSchema } from "@/features/batch/api/batch-schemas";
import type { BatchRequest } from "@/features/batch/api/preview-batch";
import { invokeFunction } from "@/lib/invoke-function";
import * as z from "zod/mini";

const createdSchema = z.object({ batch: batchDetailSchema });

/** POST /functions/v1/batch: validates again and stores a draft batch; nothing is spent until it starts. */
export async function createBatch(request: BatchRequest) {
  const { batch } = await invokeFunction({ name: "batch", body: request, schema: createdSchema, timeoutMs: 60_000 });
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
