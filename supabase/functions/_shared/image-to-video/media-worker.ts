/**
 * The media worker: a job worker over the "video-render" queue alone. It is kept apart from the
 * other queues' workers (createJobHandlers, the hosted job-worker function), which never claim
 * renders: encoding is CPU-bound and runs as an ffmpeg child process, one or two at a time, in a
 * process meant for it (supabase/workers/media-worker.ts, or the local platform's own loop).
 */
import { type JobHandler, startWorker, type Worker } from "../jobs/worker.ts";
import type { Runtime } from "../runtime.ts";
import { objectStorage } from "../storage/object-storage.ts";
import { locateFfmpeg } from "./ffmpeg.ts";
import { createVeoClient, type VeoClient } from "./veo.ts";
import { createVideoRenderHandler } from "./video-render-job.ts";
import { videoRenderQueue } from "./video-store.ts";

/** MEDIA_WORKER_CONCURRENCY (1 or 2): renders at once in one worker; each ffmpeg uses every core. */
export function mediaWorkerConcurrency(env: Runtime["env"]): number {
  const asked = Number(env("MEDIA_WORKER_CONCURRENCY"));
  return Number.isInteger(asked) && asked >= 1 ? Math.min(2, asked) : 1;
}

export function createMediaJobHandlers(runtime: Runtime): Record<string, JobHandler> {
  let veo: VeoClient | undefined;
  return {
    [videoRenderQueue]: createVideoRenderHandler({
      db: runtime.db,
      storage: objectStorage(runtime),
      ffmpeg: locateFfmpeg(runtime.env),
      veo: () => veo ??= createVeoClient({ env: runtime.env }),
    }),
  };
}

/** A long render keeps its lease through the worker's heartbeat (every third of the lease). */
export function startMediaWorker(
  runtime: Runtime,
  options: { concurrency?: number; leaseSeconds?: number; pollIntervalMs?: number; workerId?: string } = {},
): Worker {
  return startWorker({
    db: runtime.db,
    handlers: createMediaJobHandlers(runtime),
    concurrency: options.concurrency ?? mediaWorkerConcurrency(runtime.env),
    leaseSeconds: options.leaseSeconds ?? 60,
    pollIntervalMs: options.pollIntervalMs ?? 500,
    workerId: options.workerId ?? `media-${crypto.randomUUID()}`,
  });
}
