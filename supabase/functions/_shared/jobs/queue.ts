import type { Db, Tx } from "../db/db.ts";

export type JobStatus = "queued" | "running" | "succeeded" | "dead" | "cancelled";

export interface Job<Payload = Record<string, unknown>> {
  id: string;
  queue: string;
  payload: Payload;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  leaseOwner: string | null;
  leaseExpiresAt: Date | null;
  lastError: string | null;
  userId: string | null;
}

export interface EnqueueOptions {
  /** The same key enqueues once: a retried request does not make a second job. */
  idempotencyKey?: string;
  runAt?: Date;
  priority?: number;
  maxAttempts?: number;
  userId?: string;
}

const jobColumns = `id, queue, payload, status, attempts, max_attempts as "maxAttempts",
  lease_owner as "leaseOwner", lease_expires_at as "leaseExpiresAt", last_error as "lastError",
  user_id as "userId"`;

/** Adds a job inside the caller's service transaction, so it commits with the work that made it. */
export async function enqueue(
  tx: Tx,
  queue: string,
  payload: Record<string, unknown>,
  options: EnqueueOptions = {},
): Promise<string> {
  const rows = await tx.query<{ id: string }>(
    `insert into private.jobs (queue, payload, idempotency_key, run_at, priority, max_attempts, user_id)
     values ($1, $2::text::jsonb, $3, coalesce($4::timestamptz, now()), $5, $6, $7)
     on conflict (idempotency_key) do update set idempotency_key = excluded.idempotency_key
     returning id`,
    [
      queue,
      JSON.stringify(payload),
      options.idempotencyKey ?? null,
      options.runAt?.toISOString() ?? null,
      options.priority ?? 0,
      options.maxAttempts ?? 5,
      options.userId ?? null,
    ],
  );
  return rows[0].id;
}

/**
 * Claims up to `limit` jobs for `workerId`: ready ones, and running ones whose lease expired (their
 * worker died). A job that has used all its attempts when its lease expires is dead-lettered
 * instead. Skip-locked, so concurrent workers never claim the same job.
 */
export async function claimJobs(
  db: Db,
  options: { queues: string[]; workerId: string; leaseSeconds: number; limit: number },
): Promise<Job[]> {
  return await db.asService(async (tx) => {
    await tx.query(
      `update private.jobs
          set status = 'dead', lease_owner = null, lease_expires_at = null, updated_at = now(),
              last_error = coalesce(last_error || ' · ', '') || 'lease expired on the last attempt (worker lost)'
        where id in (
          select id from private.jobs
           where queue = any($1) and status = 'running' and lease_expires_at < now() and attempts >= max_attempts
           for update skip locked)`,
      [options.queues],
    );
    return await tx.query<Job>(
      `update private.jobs
          set status = 'running', attempts = attempts + 1, lease_owner = $2,
              lease_expires_at = now() + make_interval(secs => $3), updated_at = now()
        where id in (
          select id from private.jobs
           where queue = any($1)
             and ((status = 'queued' and run_at <= now())
               or (status = 'running' and lease_expires_at < now()))
           order by priority desc, run_at
           limit $4
           for update skip locked)
        returning ${jobColumns}`,
      [options.queues, options.workerId, options.leaseSeconds, options.limit],
    );
  });
}

/** Extends the lease while a long job runs; false when the lease was lost to another worker. */
export async function extendLease(
  db: Db,
  job: Job,
  workerId: string,
  leaseSeconds: number,
): Promise<boolean> {
  const rows = await db.asService((tx) =>
    tx.query(
      `update private.jobs set lease_expires_at = now() + make_interval(secs => $3), updated_at = now()
        where id = $1 and lease_owner = $2 and status = 'running' returning id`,
      [job.id, workerId, leaseSeconds],
    )
  );
  return rows.length === 1;
}

/**
 * Is the job still this worker's? Locks the job row so a lease cannot change hands mid-commit:
 * a handler checks it in the transaction that records its work, which then commits only while
 * the lease is held.
 */
export async function holdsLease(tx: Tx, job: Job, workerId: string): Promise<boolean> {
  const rows = await tx.query(
    "select 1 from private.jobs where id = $1 and lease_owner = $2 and status = 'running' for update",
    [job.id, workerId],
  );
  return rows.length === 1;
}

/** A handler found its lease gone before recording its work: another worker owns the job now. */
export class LeaseLostError extends Error {
  override name = "LeaseLostError";
}

/**
 * Marks the job done with its result, once: only the worker holding the lease succeeds, so a
 * worker that lost its lease and finishes late writes nothing. Runs inside the caller's
 * transaction so the job's own writes and its completion commit together.
 */
export async function completeJob(tx: Tx, job: Job, workerId: string, result: unknown): Promise<boolean> {
  const rows = await tx.query(
    `update private.jobs
        set status = 'succeeded', result = $3::text::jsonb, lease_owner = null, lease_expires_at = null,
            completed_at = now(), updated_at = now()
      where id = $1 and lease_owner = $2 and status = 'running'
      returning id`,
    [job.id, workerId, JSON.stringify(result ?? null)],
  );
  return rows.length === 1;
}

/** Exponential backoff with full jitter: about 2 s, 4 s, 8 s … capped at 5 minutes. */
export function backoffSeconds(attempt: number, random = Math.random): number {
  const ceiling = Math.min(300, 2 ** Math.max(1, attempt));
  return Math.max(1, Math.round(ceiling * (0.5 + random() / 2)));
}

/** Records a failed attempt: back to the queue with backoff, or dead-lettered when out of attempts. */
export async function failJob(
  db: Db,
  job: Job,
  workerId: string,
  error: string,
  options: { retryable?: boolean } = {},
): Promise<JobStatus | undefined> {
  const retry = (options.retryable ?? true) && job.attempts < job.maxAttempts;
  const rows = await db.asService((tx) =>
    tx.query<{ status: JobStatus }>(
      `update private.jobs
          set status = $3, last_error = $4, run_at = now() + make_interval(secs => $5),
              lease_owner = null, lease_expires_at = null, updated_at = now()
        where id = $1 and lease_owner = $2 and status = 'running'
        returning status`,
      [
        job.id,
        workerId,
        retry ? "queued" : "dead",
        error.slice(0, 2000),
        retry ? backoffSeconds(job.attempts) : 0,
      ],
    )
  );
  return rows[0]?.status;
}

export async function getJob(db: Db, id: string): Promise<(Job & { result: unknown }) | undefined> {
  const rows = await db.asService((tx) =>
    tx.query<Job & { result: unknown }>(`select ${jobColumns}, result from private.jobs where id = $1`, [id])
  );
  return rows[0];
}
