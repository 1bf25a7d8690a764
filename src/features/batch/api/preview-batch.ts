import { useMutation } from "@tanstack/react-query";
import { batchPreview } from "@domain/contracts/batch";
import { invokeFunction } from "@/lib/invoke-function";

/** What POST /batch and POST /batch/preview take. */
export interface BatchRequest {
  csv: string;
  filename: string;
  prompt: string;
  model: string;
  globalTokens: Record<string, string>;
  /** CSV column → token name; "" leaves the column out. */
  columnMapping: Record<string, string>;
}

/** POST /functions/v1/batch/preview: validation by row, the first resolved prompts and the cost; writes nothing. */
export async function previewBatch(request: BatchRequest) {
  return await invokeFunction({
    name: "batch/preview",
    body: request,
    schema: batchPreview,
    timeoutMs: 60_000,
  });
}

export function usePreviewBatch() {
  return useMutation({ mutationFn: previewBatch });
}
