import { useMutation } from "@tanstack/react-query";
import * as z from "zod/mini";
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

export const batchIssueSchema = z.object({
  row: z.optional(z.number()),
  code: z.string(),
  message: z.string(),
});
export type BatchIssue = z.infer<typeof batchIssueSchema>;

export const batchReportSchema = z.object({
  valid: z.boolean(),
  headers: z.array(z.string()),
  rowCount: z.number(),
  warnings: z.array(z.string()),
  issues: z.array(batchIssueSchema),
  issueCount: z.number(),
  summary: z.optional(z.string()),
  preview: z.array(
    z.object({ rowNumber: z.number(), data: z.record(z.string(), z.string()), resolvedPrompt: z.string() }),
  ),
  estimate: z.object({
    model: z.string(),
    costPerRow: z.number(),
    totalCost: z.number(),
    balance: z.number(),
    sufficient: z.boolean(),
  }),
});
export type BatchReport = z.infer<typeof batchReportSchema>;

/** POST /functions/v1/batch/preview: validation by row, the first resolved prompts and the cost; writes nothing. */
export async function previewBatch(request: BatchRequest) {
  return await invokeFunction({ name: "batch/preview", body: request, schema: batchReportSchema, timeoutMs: 60_000 });
}

export function usePreviewBatch() {
  return useMutation({ mutationFn: previewBatch });
}
