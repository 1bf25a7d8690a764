import { useQuery } from "@tanstack/react-query";
import * as z from "zod/mini";
import { batchKeys } from "@/features/batch/api/batch-keys";
import { batchSummarySchema } from "@/features/batch/api/batch-schemas";
import { invokeFunction } from "@/lib/invoke-function";

const batchesResponseSchema = z.object({ batches: z.array(batchSummarySchema) });

/** GET /functions/v1/batch: the signed-in person's latest batches, newest first. */
export async function getBatches({ signal }: { signal?: AbortSignal } = {}) {
  const { batches } = await invokeFunction({
    name: "batch",
    method: "GET",
    query: { limit: 20 },
    schema: batchesResponseSchema,
    signal,
  });
  return batches;
}

export function useBatches() {
  return useQuery({ queryKey: batchKeys.list(), queryFn: ({ signal }) => getBatches({ signal }) });
}
