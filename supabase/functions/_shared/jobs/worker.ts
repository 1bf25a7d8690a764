import type { Db } from "../db/db.ts";
import { log } from "../log.ts";
import { claimJobs, completeJob, extendLease, failJob, type Job } from "./queue.ts";

export interface JobContext {
  db: Db;
  workerId: string;
  /** Aborted when the worker loses the job's lease or is stopping. */
  signal: AbortSignal;
}

/** Does a job's work and returns its result. Its writes must be idempotent: a job may run again. */
export type JobHandler = (job: Job, context: JobContext) => Promise<unknown>;

/** Thrown by a handler when trying again cannot help (bad payload, row gone): dead-letter at once. */
export class PermanentJobError extends Error {
  override name = "PermanentJobError";
}

export interface WorkerOptions {
  db: Db;
  handlers: Record<string, JobHandler>;
  workerId?: string;
  /** Jobs in flight at once in this worker. */
  concurrency?: number;
  leaseSeconds?: number;
  pollIntervalMs?: number;
}

export interface Worker {
  readonly workerId: string;
  /** Wakes the worker now (after an enqueue) instead of at the next poll. */
  poke(): void;
  /** Stops claiming, waits for the jobs in flight. */
  stop(): Promise<void>;
}

/** Runs one claimed job to the end: lease kept alive while it runs, then completed or failed. */
async function runJob(job: Job, options: Required<Omit<WorkerOptions, "handlers">>, handler: JobHandler) {
  const { db, workerId, leaseSeconds } = options;
  const lost = new AbortController();
  const heartbeat = setInterval(async () => {
    const held = await extendLease(db, job, workerId, leaseSeconds).catch(() => true);
    if (!held) lost.abort(new Error("lease lost"));
  }, Math.max(250, (leaseSeconds * 1000) / 3));
  try {
    const result = await handler(job, { db, workerId, signal: lost.signal });
    const completed = await db.asService((tx) => completeJob(tx, job, workerId, result));
    if (!completed) log.warn("job finished after its lease was lost; result discarded", { jobId: job.id });
  } catch (error) {
    const message = (error as Error)?.message ?? String(error);
    const status = await failJob(db, job, workerId, message, {
      retryable: !(error instanceof PermanentJobError),
    });
    log.warn("job attempt failed", {
      jobId: job.id,
      queue: job.queue,
      attempt: job.attempts,
      status,
      error: message,
    });
  } finally {
    clearInterval(heartbeat);
  }
}

/** A polling worker over the given queues; several may run at once, in one process or many. */
export function startWorker(options: WorkerOptions): Worker {
  const settings = {
    db: options.db,
    workerId: options.workerId ?? `worker-${crypto.randomUUID()}`,
    concurrency: options.concurrency ?? 4,
    leaseSeconds: options.leaseSeconds ?? 30,
    pollIntervalMs: options.pollIntervalMs ?? 500,
  };
  const queues = Object.keys(options.handlers);
  const inFlight = new Set<Promise<void>>();
  let stopping = false;
  let wake: () => void = () => {};

  const loop = (async () => {
    while (!stopping) {
      const free = settings.concurrency - inFlight.size;
      let claimed: Job[] = [];
      if (free > 0) {
        claimed = await claimJobs(settings.db, {
          queues,
          workerId: settings.workerId,
          leaseSeconds: settings.leaseSeconds,
          limit: free,
        }).catch((error) => {
          log.error("claiming jobs failed", { error: String(error) });
          return [];
        });
      }
      for (const job of claimed) {
        const running = runJob(job, settings, options.handlers[job.queue]).finally(() => {
          inFlight.delete(running);
          wake();
        });
        inFlight.add(running);
      }
      if (claimed.length === 0 || inFlight.size >= settings.concurrency) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, settings.pollIntervalMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  })();

  return {
    workerId: settings.workerId,
    poke: () => wake(),
    async stop() {
      stopping = true;
      wake();
      await loop;
      await Promise.allSettled([...inFlight]);
    },
  };
}
