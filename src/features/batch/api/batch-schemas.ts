import * as z from "zod/mini";

export const batchStatuses = ["draft", "queued", "running", "paused", "completed", "failed", "cancelled"] as const;
export type BatchStatus = (typeof batchStatuses)[number];

/** A batch as the list shows it (GET /batch). */
export const batchSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(batchStatuses),
  model: z.string(),
  filename: z.nullable(z.string()),
  totalRows: z.number(),
  succeededRows: z.number(),
  failedRows: z.number(),
  spentCredits: z.number(),
  estimatedCost: z.nullable(z.number()),
  pauseReason: z.nullable(z.string()),
  error: z.nullable(z.string()),
  createdAt: z.string(),
});
export type BatchSummary = z.infer<typeof batchSummarySchema>;

export const itemCountsSchema = z.object({
  queued: z.number(),
  running: z.number(),
  succeeded: z.number(),
  failed: z.number(),
  cancelled: z.number(),
});
export type ItemCounts = z.infer<typeof itemCountsSchema>;

/** A batch with its live counts and ETA (GET /batch/:id and every action's answer). */
export const batchDetailSchema = z.extend(batchSummarySchema, {
  prompt: z.string(),
  counts: itemCountsSchema,
  progress: z.number(),
  etaSeconds: z.nullable(z.number()),
});
export type BatchDetail = z.infer<typeof batchDetailSchema>;

export const batchResponseSchema = z.object({ batch: batchDetailSchema });

/** Batches the worker is still moving forward, so their status is worth polling. */
export function isBatchActive(status: BatchStatus): boolean {
  return status === "queued" || status === "running";
}
