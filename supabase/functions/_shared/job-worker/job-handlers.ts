/**
 * What runs the queue's jobs, wherever a worker runs (the local platform's timer, a worker
 * process, the hosted job-worker function): the handlers, with one image generator whose
 * per-provider limits are leased from Postgres so that they hold across all workers.
 */
import { type JobHandler, startWorker } from "../jobs/worker.ts";
import { log } from "../log.ts";
import { imageGeneratorFor } from "../providers/image-generator.ts";
import type { Runtime } from "../runtime.ts";
import { objectStorage } from "../storage/object-storage.ts";
import { createAlbumOrganiseHandler } from "../album-organiser/organise-job.ts";
import { albumOrganiseQueueName } from "../album-organiser/organisation-store.ts";
import { createVisionOrganiser } from "../providers/vision/vision-organiser.ts";
import { createStorageSweepHandler, storageSweepQueueName } from "../gallery/storage-sweep.ts";
import { createBatchRowHandler } from "../batch/batch-row-job.ts";
import { batchRowQueueName } from "../batch/batch-store.ts";
import { createVideoRefundHandler } from "../image-to-video/video-refund-job.ts";
import { videoRefundQueue } from "../image-to-video/video-refund-store.ts";

export function createJobHandlers(runtime: Runtime): Record<string, JobHandler> {
  return {
    [batchRowQueueName]: createBatchRowHandler({
      db: runtime.db,
      generator: imageGeneratorFor(runtime, { limits: "postgres" }),
      storage: objectStorage(runtime),
    }),
    [albumOrganiseQueueName]: createAlbumOrganiseHandler({
      db: runtime.db,
      storage: objectStorage(runtime),
      organiser: createVisionOrganiser({ env: (name) => runtime.env(name) }),
    }),
    [storageSweepQueueName]: createStorageSweepHandler({ db: runtime.db, storage: objectStorage(runtime) }),
    [videoRefundQueue]: createVideoRefundHandler({ db: runtime.db, env: runtime.env }),
  };
}

export interface BudgetedRun {
  processed: number;
  stoppedBecause: "budget" | "idle";
}

/**
 * Works the queues until the time budget is spent or nothing has been ready for `idleMs`, then
 * stops claiming and lets the jobs in flight finish: what a hosted function invocation can do
 * before the platform ends it.
 */
export async function runJobsFor(
  runtime: Runtime,
  options: { budgetMs: number; idleMs?: number; concurrency?: number },
): Promise<BudgetedRun> {
  const idleMs = options.idleMs ?? 2_000;
  let processed = 0;
  let lastActivity = Date.now();
  const handlers = Object.fromEntries(
    Object.entries(createJobHandlers(runtime)).map(([queue, handler]) => [
      queue,
      (async (job, context) => {
        lastActivity = Date.now();
        try {
          return await handler(job, context);
        } finally {
          processed++;
          lastActivity = Date.now();
        }
      }) satisfies JobHandler,
    ]),
  );
  const worker = startWorker({
    db: runtime.db,
    handlers,
    concurrency: options.concurrency ?? 8,
    pollIntervalMs: 250,
  });
  const started = Date.now();
  let stoppedBecause: BudgetedRun["stoppedBecause"] = "budget";
  while (Date.now() - started < options.budgetMs) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (Date.now() - lastActivity > idleMs) {
      stoppedBecause = "idle";
      break;
    }
  }
  await worker.stop();
  log.info("job worker run ended", { processed, stoppedBecause, ms: Date.now() - started });
  return { processed, stoppedBecause };
}
