/**
 * A batch's life in the database: created as a draft with its rows, started (a job per row),
 * paused, resumed, cancelled, failed rows retried. Every change runs as the service with the
 * batch row locked, after checking that the batch belongs to the caller (404 otherwise, so
 * another user's batch is indistinguishable from none).
 */
import type { Db, Tx } from "../db/db.ts";
import { ApiError, notFound } from "../http/errors.ts";
import type { ResolvedRow } from "./batch-validation.ts";

export type BatchStatus = "draft" | "queued" | "running" | "paused" | "completed" | "failed" | "cancelled";

export interface BatchRow {
  id: string;
  userId: string;
  name: string;
  status: BatchStatus;
  prompt: string;
  model: string;
  settings: Record<string, unknown>;
  globalTokens: Record<string, string>;
  columnMapping: Record<string, string>;
  headers: string[];
  filename: string | null;
  totalRows: number;
  succeededRows: number;
  failedRows: number;
  cancelledRows: number;
  costPerRow: number | null;
  estimatedCost: number | null;
  spentCredits: number;
  pauseReason: string | null;
  error: string | null;
  startedAt: Date | null;
  completedAt: Date | null;
  createdAt: Date;
}

export const batchColumns = `id, user_id as "userId", name, status, prompt, model, settings,
  global_tokens as "globalTokens", column_mapping as "columnMapping", headers, filename,
  total_rows as "totalRows", succeeded_rows as "succeededRows", failed_rows as "failedRows",
  cancelled_rows as "cancelledRows", cost_per_row as "costPerRow", estimated_cost as "estimatedCost",
  spent_credits as "spentCredits", pause_reason as "pauseReason", error, started_at as "startedAt",
  completed_at as "completedAt", created_at as "createdAt"`;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const batchRowQueueName = "batch-row";

const conflict = (message: string, details: Record<string, unknown> = {}) =>
  new ApiError(409, "CONFLICT", message, details);

async function ownBatch(tx: Tx, batchId: string, userId: string, lock: boolean): Promise<BatchRow> {
  if (!uuidPattern.test(batchId)) throw notFound("There is no such batch.");
  const [batch] = await tx.query<BatchRow>(
    `select ${batchColumns} from public.batch_jobs where id = $1 and user_id = $2 ${
      lock ? "for update" : ""
    }`,
    [batchId, userId],
  );
  if (!batch) throw notFound("There is no such batch.");
  return batch;
}

/** The caller's batch; 404 when it is not theirs. */
export const findOwnBatch = (tx: Tx, batchId: string, userId: string) => ownBatch(tx, batchId, userId, false);

/** The caller's batch, locked for the rest of the transaction (a status change). */
const lockOwnBatch = (tx: Tx, batchId: string, userId: string) => ownBatch(tx, batchId, userId, true);

/**
 * Counts one row's outcome on the batch, and completes the batch when it was the last row open.
 * Called only when the row's own status change took effect, in the same transaction, so each
 * outcome is counted once; O(1), unlike a recount, for 10,000-row batches. A status change that
 * recounts (cancel, retry) holds the batch lock, so an increment lands after its recount.
 */
export async function countRowOutcome(
  tx: Tx,
  batchId: string,
  outcome: { succeeded: number; failed: number; spent: number; cancelled?: number },
): Promise<void> {
  await tx.query(
    `update public.batch_jobs
        set succeeded_rows = succeeded_rows + $2, failed_rows = failed_rows + $3, spent_credits = spent_credits + $4,
            cancelled_rows = cancelled_rows + $5,
            status = case when status = 'running'
                            and succeeded_rows + $2 + failed_rows + $3 + cancelled_rows + $5 >= total_rows
                          then 'completed' else status end,
            completed_at = case when status = 'running'
                                 and succeeded_rows + $2 + failed_rows + $3 + cancelled_rows + $5 >= total_rows
                               then now() else completed_at end
      where id = $1`,
    [batchId, outcome.succeeded, outcome.failed, outcome.spent, outcome.cancelled ?? 0],
  );
}

/**
 * Recounts a batch from its rows (idempotent, unlike increments) and completes it when no row is
 * left to run. The caller holds the batch lock, so counts from concurrent rows cannot interleave.
 */
async function refreshBatch(tx: Tx, batchId: string): Promise<void> {
  await tx.query(
    `update public.batch_jobs b
        set succeeded_rows = c.succeeded, failed_rows = c.failed, cancelled_rows = c.cancelled,
            spent_credits = c.spent,
            status = case when b.status = 'running' and c.open = 0 then 'completed' else b.status end,
            completed_at = case when b.status = 'running' and c.open = 0 then now() else b.completed_at end
       from (select count(*) filter (where status = 'succeeded')::int as succeeded,
                    count(*) filter (where status = 'failed')::int as failed,
                    count(*) filter (where status = 'cancelled')::int as cancelled,
                    count(*) filter (where status in ('queued', 'running'))::int as open,
                    coalesce(sum(cost), 0)::int as spent
               from public.batch_items where batch_id = $1) c
      where b.id = $1`,
    [batchId],
  );
}

export interface NewBatch {
  userId: string;
  name: string;
  prompt: string;
  model: string;
  settings: Record<string, unknown>;
  globalTokens: Record<string, string>;
  columnMapping: Record<string, string>;
  headers: string[];
  filename: string | null;
  costPerRow: number;
  rows: ResolvedRow[];
}

/** The batch and all its rows in one transaction: a draft, nothing queued, nothing spent. */
export async function insertBatch(db: Db, batch: NewBatch): Promise<BatchRow> {
  return await db.asService(async (tx) => {
    const [created] = await tx.query<BatchRow>(
      `insert into public.batch_jobs (user_id, name, prompt, model, settings, global_tokens, column_mapping, headers,
          filename, total_rows, cost_per_row, estimated_cost)
       values ($1, $2, $3, $4, $5::text::jsonb, $6::text::jsonb, $7::text::jsonb, $8::text::jsonb, $9, $10, $11, $12)
       returning ${batchColumns}`,
      [
        batch.userId,
        batch.name,
        batch.prompt,
        batch.model,
        JSON.stringify(batch.settings),
        JSON.stringify(batch.globalTokens),
        JSON.stringify(batch.columnMapping),
        JSON.stringify(batch.headers),
        batch.filename,
        batch.rows.length,
        batch.costPerRow,
        batch.costPerRow * batch.rows.length,
      ],
    );
    // One statement for all rows: 10,000 single inserts would hold the transaction for seconds.
    await tx.query(
      `insert into public.batch_items (batch_id, user_id, row_number, row_data, resolved_prompt)
       select $1, $2, r.n, r.d, r.p from jsonb_to_recordset($3::text::jsonb) as r(n integer, d jsonb, p text)`,
      [
        created.id,
        batch.userId,
        JSON.stringify(batch.rows.map((row) => ({ n: row.rowNumber, d: row.data, p: row.resolvedPrompt }))),
      ],
    );
    return created;
  });
}

/**
 * Gives every row still to run and without a live job a new `batch-row` job (in row order), and
 * makes that job the row's only valid one. Inserted in bulk into the queue's table, in the
 * caller's transaction, so the jobs commit with the status change that asked for them.
 */
async function enqueueOpenRows(tx: Tx, batchId: string, userId: string): Promise<number> {
  const round = crypto.randomUUID();
  const rows = await tx.query<{ id: string }>(
    `with open as (
       select i.id, i.row_number from public.batch_items i
        where i.batch_id = $1 and i.status in ('queued', 'running')
          and not exists (select 1 from private.jobs j where j.id = i.job_id and j.status in ('queued', 'running'))
     ), jobs as (
       insert into private.jobs (queue, payload, user_id, max_attempts, idempotency_key, run_at)
       select $4, jsonb_build_object('itemId', open.id), $2, 5, $4 || ':' || open.id || ':' || $3,
              now() + make_interval(secs => open.row_number / 1000000.0)
         from open
       returning id, payload ->> 'itemId' as item_id
     )
     update public.batch_items i set job_id = jobs.id, status = 'queued'
       from jobs where i.id = jobs.item_id::uuid
     returning i.id`,
    [batchId, userId, round, batchRowQueueName],
  );
  return rows.length;
}

/** Cancels the queued jobs of the batch's queued rows (rows already running finish). */
export async function withdrawQueuedJobs(tx: Tx, batchId: string) {
  await tx.query(
    `update private.jobs set status = 'cancelled', updated_at = now()
      where status = 'queued' and id in (
        select job_id from public.batch_items where batch_id = $1 and status = 'queued' and job_id is not null)`,
    [batchId],
  );
  await tx.query("update public.batch_items set job_id = null where batch_id = $1 and status = 'queued'", [
    batchId,
  ]);
}

async function reload(tx: Tx, batchId: string): Promise<BatchRow> {
  const [batch] = await tx.query<BatchRow>(`select ${batchColumns} from public.batch_jobs where id = $1`, [
    batchId,
  ]);
  return batch;
}

/**
 * Moves the caller's batch, locked, to `target`: nothing to do when it is there already, a 409
 * when `refusal` names a reason from the status it is in, else `apply` and the batch as it now is.
 */
async function moveOwnBatch(
  db: Db,
  batchId: string,
  userId: string,
  target: BatchStatus,
  refusal: (status: BatchStatus) => string | undefined,
  apply: (tx: Tx, batch: BatchRow) => Promise<void>,
): Promise<BatchRow> {
  return await db.asService(async (tx) => {
    const batch = await lockOwnBatch(tx, batchId, userId);
    if (batch.status === target) return batch;
    const refused = refusal(batch.status);
    if (refused) throw conflict(refused);
    await apply(tx, batch);
    return await reload(tx, batchId);
  });
}

export async function startBatch(db: Db, batchId: string, userId: string): Promise<BatchRow> {
  return await moveOwnBatch(
    db,
    batchId,
    userId,
    "running",
    (status) => status === "draft" ? undefined : `The batch is ${status}; only a draft can be started.`,
    async (tx) => {
      await tx.query(
        "update public.batch_jobs set status = 'running', started_at = now(), pause_reason = null where id = $1",
        [batchId],
      );
      await enqueueOpenRows(tx, batchId, userId);
    },
  );
}

export async function pauseBatch(db: Db, batchId: string, userId: string): Promise<BatchRow> {
  return await moveOwnBatch(
    db,
    batchId,
    userId,
    "paused",
    (status) =>
      status === "running" ? undefined : `The batch is ${status}; only a running batch can be paused.`,
    async (tx) => {
      await tx.query(
        "update public.batch_jobs set status = 'paused', pause_reason = 'Paused by you.' where id = $1",
        [batchId],
      );
      await withdrawQueuedJobs(tx, batchId);
    },
  );
}

/** Resumes a paused batch; refused with a 402 while the balance cannot pay for the next row. */
export async function resumeBatch(
  db: Db,
  batchId: string,
  userId: string,
  balance: number,
): Promise<BatchRow> {
  return await moveOwnBatch(
    db,
    batchId,
    userId,
    "running",
    (status) =>
      status === "paused" ? undefined : `The batch is ${status}; only a paused batch can be resumed.`,
    async (tx, batch) => {
      const costPerRow = batch.costPerRow ?? 0;
      if (balance < costPerRow) {
        throw new ApiError(
          402,
          "INSUFFICIENT_CREDITS",
          `Not enough credits to resume: a row costs ${costPerRow} and your balance is ${balance}.`,
          { balance, required: costPerRow },
        );
      }
      await tx.query("update public.batch_jobs set status = 'running', pause_reason = null where id = $1", [
        batchId,
      ]);
      await enqueueOpenRows(tx, batchId, userId);
      await refreshBatch(tx, batchId);
    },
  );
}

export async function cancelBatch(db: Db, batchId: string, userId: string): Promise<BatchRow> {
  return await moveOwnBatch(
    db,
    batchId,
    userId,
    "cancelled",
    (status) => status === "completed" || status === "failed" ? `The batch is already ${status}.` : undefined,
    async (tx) => {
      await withdrawQueuedJobs(tx, batchId);
      await tx.query(
        `update public.batch_items set status = 'cancelled', completed_at = now(), job_id = null
          where batch_id = $1 and status = 'queued'`,
        [batchId],
      );
      await tx.query(
        "update public.batch_jobs set status = 'cancelled', pause_reason = null, completed_at = now() where id = $1",
        [batchId],
      );
      await refreshBatch(tx, batchId);
    },
  );
}

/** Puts the failed rows back in the queue (their credits were refunded when they failed). */
export async function retryFailedRows(
  db: Db,
  batchId: string,
  userId: string,
): Promise<{ batch: BatchRow; retried: number }> {
  return await db.asService(async (tx) => {
    const batch = await lockOwnBatch(tx, batchId, userId);
    if (!["running", "completed", "failed"].includes(batch.status)) {
      throw conflict(
        batch.status === "paused"
          ? "The batch is paused: resume it, and its failed rows can be retried."
          : `The batch is ${batch.status}; failed rows can be retried once it has run.`,
      );
    }
    const reset = await tx.query(
      `update public.batch_items set status = 'queued', error = null, completed_at = null, job_id = null
        where batch_id = $1 and status = 'failed' returning id`,
      [batchId],
    );
    if (reset.length === 0) return { batch, retried: 0 };
    await tx.query(
      "update public.batch_jobs set status = 'running', completed_at = null where id = $1",
      [batchId],
    );
    await enqueueOpenRows(tx, batchId, userId);
    await refreshBatch(tx, batchId);
    return { batch: await reload(tx, batchId), retried: reset.length };
  });
}

export interface BatchItemRow {
  id: string;
  rowNumber: number;
  rowData: Record<string, string>;
  resolvedPrompt: string;
  status: string;
  attempts: number;
  error: string | null;
  imageId: string | null;
  cost: number;
  storagePath: string | null;
  thumbnailPath: string | null;
  completedAt: Date | null;
}

/** A page of rows in row order after `afterRow` (keyset on the unique (batch_id, row_number)). */
export async function listItems(
  tx: Tx,
  batchId: string,
  options: { afterRow: number; limit: number; status?: string },
): Promise<BatchItemRow[]> {
  return await tx.query<BatchItemRow>(
    `select i.id, i.row_number as "rowNumber", i.row_data as "rowData", i.resolved_prompt as "resolvedPrompt",
            i.status, i.attempts, i.error, i.image_id as "imageId", i.cost, i.completed_at as "completedAt",
            m.storage_path as "storagePath", m.thumbnail_path as "thumbnailPath"
       from public.batch_items i left join public.images m on m.id = i.image_id
      where i.batch_id = $1 and i.row_number > $2 and ($4::text is null or i.status = $4)
      order by i.row_number
      limit $3`,
    [batchId, options.afterRow, options.limit, options.status ?? null],
  );
}

/**
 * Rows whose job was dead-lettered without the handler finishing them (the worker died on the
 * last attempt, so the queue gave up when the lease expired): failed with the job's error, and
 * refunded by `closeRow`, so a batch never waits forever on a row nobody will run.
 */
export async function findLostRows(
  tx: Tx,
  batchId: string,
  userId: string,
): Promise<Array<{ id: string; error: string }>> {
  return await tx.query<{ id: string; error: string }>(
    `select i.id, coalesce(j.last_error, 'the job was abandoned') as error
       from private.jobs j join public.batch_items i on i.job_id = j.id
      where j.status = 'dead' and j.user_id = $2 and i.batch_id = $1 and i.status in ('queued', 'running')`,
    [batchId, userId],
  );
}

/**
 * Counts by row status: the batch's counters for finished rows, the (few) running rows counted
 * on the (batch_id, status) index, and the rest queued. No scan of the whole batch per poll. One
 * statement, so one snapshot: counters read before rows finish and a running count read after
 * would report those rows as queued again.
 */
export async function countItems(tx: Tx, batchId: string): Promise<Record<string, number>> {
  const [row] = await tx.query<
    { total: number; succeeded: number; failed: number; cancelled: number; running: number }
  >(
    `select b.total_rows as total, b.succeeded_rows as succeeded, b.failed_rows as failed,
            b.cancelled_rows as cancelled,
            (select count(*)::int from public.batch_items i
              where i.batch_id = b.id and i.status = 'running') as running
       from public.batch_jobs b
      where b.id = $1`,
    [batchId],
  );
  const finished = row.succeeded + row.failed + row.cancelled;
  return {
    queued: Math.max(0, row.total - finished - row.running),
    running: row.running,
    succeeded: row.succeeded,
    failed: row.failed,
    cancelled: row.cancelled,
  };
}
