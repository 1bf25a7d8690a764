import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type BatchAction, batchActionResponse } from "@domain/contracts/batch";
import { accountKeys } from "@/data/account/account-keys";
import { batchKeys } from "@/features/batch/api/batch-keys";
import { invokeFunction } from "@/lib/invoke-function";

/** POST /functions/v1/batch/:id/<action>: moves the batch and answers with its new status. */
export async function runBatchAction({ batchId, action }: { batchId: string; action: BatchAction }) {
  const { batch } = await invokeFunction({
    name: `batch/${batchId}/${action}`,
    schema: batchActionResponse,
  });
  return batch;
}

export function useBatchAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: runBatchAction,
    onSuccess: (batch) => {
      queryClient.setQueryData(batchKeys.detail(batch.id), batch);
      void queryClient.invalidateQueries({ queryKey: batchKeys.items(batch.id) });
      void queryClient.invalidateQueries({ queryKey: batchKeys.list() });
      void queryClient.invalidateQueries({ queryKey: accountKeys.all });
    },
  });
}
