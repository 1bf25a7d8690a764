/**
 * The `job-worker` function's contract (the service role only: pg_cron and the functions that
 * enqueue call it). Whatever body the caller sends is not read.
 *   POST /job-worker   → workerStarted (202: it answers at once and works the queues in the background)
 */
import * as z from "zod/mini";

export const workerStarted = z.object({
  started: z.literal(true),
  /** How long this run works the queues, in milliseconds. */
  budgetMs: z.number(),
});
export type WorkerStarted = z.infer<typeof workerStarted>;
