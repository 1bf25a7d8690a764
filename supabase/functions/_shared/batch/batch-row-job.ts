/**
 * The `batch-row` job: one CSV row to one image. Any step may be cut short by a crash and run
 * again, so each is idempotent: the row's id is the debit's reference (debited once), the name of
 * its objects (overwritten, never added) and the image's own id, recorded in the same transaction
 * that marks the row done and only while the job still holds its lease.
 */
import { debitOnce, InsufficientCreditsError, refundOutstanding } from "../credits/credits.ts";
import type { Db, Tx } from "../db/db.ts";
import { ApiError } from "../http/errors.ts";
import { recordImage } from "../images/image-records.ts";
import { producedImageRecord, produceImage } from "../image-generation/produce-image.ts";
import { holdsLease, type Job, LeaseLostError } from "../jobs/queue.ts";
import { type JobContext, type JobHandler, PermanentJobError } from "../jobs/worker.ts";
import { log } from "../log.ts";
import type { ImageGenerator } from "../providers/image-generator.ts";
import type { ObjectStorage } from "../storage/object-storage.ts";
import { findTokens } from "../domain/personalization-tokens.ts";
import { countRowOutcome, withdrawQueuedJobs } from "./batch-store.ts";
import { rowTokenValues } from "./batch-validation.ts";

export interface BatchRowDeps {
  db: Db;
  generator: ImageGenerator;
  storage: ObjectStorage;
}

interface ClaimedRow {
  id: string;
  batchId: string;
  userId: string;
  rowNumber: number;
  resolvedPrompt: string;
  rowData: Record<string, string>;
  columnMapping: Record<string, string>;
  globalTokens: Record<string, string>;
  prompt: string;
  model: string;
  settings: Record<string, unknown>;
}

/**
 * Marks the row running if this job is still the row's job and its batch is running; otherwise
 * the job is stale (the row was superseded, finished, paused or cancelled) and does nothing.
 */
async function claimRow(db: Db, job: Job, itemId: string): Promise<ClaimedRow | undefined> {
  return await db.asService(async (tx) => {
    const [row] = await tx.query<ClaimedRow>(
      `update public.batch_items i
          set status = 'running', attempts = i.attempts + 1, started_at = coalesce(i.started_at, now())
         from public.batch_jobs b
        where i.id = $1 and i.job_id = $2 and i.status in ('queued', 'running')
          and b.id = i.batch_id and b.status = 'running'
        returning i.id, i.batch_id as "batchId", i.user_id as "userId", i.row_number as "rowNumber",
                  i.resolved_prompt as "resolvedPrompt", i.row_data as "rowData",
                  b.column_mapping as "columnMapping", b.global_tokens as "globalTokens", b.prompt, b.model, b.settings`,
      [itemId, job.id],
    );
    return row;
  });
}

/**
 * Takes the row's credits once: a debit an earlier attempt left outstanding (it crashed) counts.
 * Short of credits, the batch pauses with the reason and the row goes back to the queue, to run
 * again on resume.
 */
async function reserveRow(db: Db, row: ClaimedRow, cost: number): Promise<"reserved" | "paused"> {
  return await db.asService(async (tx) => {
    try {
      await debitOnce(tx, {
        userId: row.userId,
        amount: cost,
        reason: "batch_row",
        referenceId: row.id,
        description: `Batch row ${row.rowNumber}`,
        metadata: { batchId: row.batchId, rowNumber: row.rowNumber },
      });
      return "reserved";
    } catch (error) {
      if (!(error instanceof InsufficientCreditsError)) throw error;
      // The refusal wrote nothing, so the transaction goes on to pause the batch.
      await tx.query(
        `update public.batch_jobs
            set status = 'paused',
                pause_reason = $2
          where id = $1 and status = 'running'`,
        [
          row.batchId,
          `Out of credits: row ${row.rowNumber} needs ${error.required} and the balance is ${error.balance}. Add credits, then resume.`,
        ],
      );
      await tx.query(
        "update public.batch_items set status = 'queued', job_id = null where id = $1 and status = 'running'",
        [row.id],
      );
      await withdrawQueuedJobs(tx, row.batchId);
      return "paused";
    }
  });
}

/**
 * Ends a row that will not produce an image: failed for good (with its error) or cancelled with
 * its batch. Whatever it had reserved is refunded, once, and the outcome counted on the batch.
 */
export async function closeRow(
  tx: Tx,
  item: { id: string; batchId: string; userId: string },
  outcome: { status: "failed"; error: string } | { status: "cancelled" },
) {
  const updated = await tx.query(
    `update public.batch_items set status = $2, error = $3, completed_at = now(), cost = 0, job_id = null
      where id = $1 and status in ('queued', 'running') returning id`,
    [item.id, outcome.status, outcome.status === "failed" ? outcome.error.slice(0, 2000) : null],
  );
  if (updated.length === 0) return;
  await refundOutstanding(tx, {
    userId: item.userId,
    referenceId: item.id,
    description: `Refund: batch row ${outcome.status}`,
  });
  await countRowOutcome(tx, item.batchId, {
    succeeded: 0,
    failed: outcome.status === "failed" ? 1 : 0,
    cancelled: outcome.status === "cancelled" ? 1 : 0,
    spent: 0,
  });
}

/**
 * A job that may not run its row: when the row's batch was cancelled while this job held it (a
 * worker died mid-row), the row is closed here, or it would show as running forever.
 */
async function settleSkippedRow(db: Db, job: Job, itemId: string) {
  await db.asService(async (tx) => {
    const [row] = await tx.query<{ id: string; batchId: string; userId: string }>(
      `select i.id, i.batch_id as "batchId", i.user_id as "userId"
         from public.batch_items i join public.batch_jobs b on b.id = i.batch_id
        where i.id = $1 and i.job_id = $2 and i.status in ('queued', 'running') and b.status = 'cancelled'`,
      [itemId, job.id],
    );
    if (row) await closeRow(tx, row, { status: "cancelled" });
  });
}

/** The token values the row's prompt used, as a single generation records them. */
function usedTokens(row: ClaimedRow): Record<string, string> {
  const used = new Set(findTokens(row.prompt).map((token) => token.name));
  const values = rowTokenValues(row.rowData, row.columnMapping, row.globalTokens);
  return Object.fromEntries([...values].filter(([name]) => used.has(name)));
}

/** Provider refusals (content policy, invalid request) will not change on a retry. */
function isPermanent(error: unknown): boolean {
  if (error instanceof PermanentJobError) return true;
  return error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 429 &&
    error.status !== 408;
}

function messageOf(error: unknown): string {
  return String((error as Error)?.message ?? error);
}

export function createBatchRowHandler(deps: BatchRowDeps): JobHandler {
  const { db, generator, storage } = deps;
  return async (job: Job, context: JobContext) => {
    const itemId = String(job.payload.itemId ?? "");
    if (!/^[0-9a-f-]{36}$/i.test(itemId)) throw new PermanentJobError(`batch-row job without an item id`);
    const row = await claimRow(db, job, itemId);
    if (!row) {
      await settleSkippedRow(db, job, itemId);
      return { skipped: true };
    }

    try {
      const plan = generator.plan({ model: row.model, settings: row.settings });
      if (await reserveRow(db, row, plan.credits) === "paused") return { paused: true };

      const produced = await produceImage({ generator, storage }, {
        plan,
        userId: row.userId,
        imageId: row.id,
        prompt: row.resolvedPrompt,
        signal: context.signal,
      });

      const { result } = produced;

      // The batch row is locked last (by the counter update), so rows finishing together wait
      // on each other only for that statement and the commit.
      const recorded = await db.asService(async (tx) => {
        if (!await holdsLease(tx, job, context.workerId)) return false;
        await recordImage(
          tx,
          producedImageRecord(produced, {
            id: row.id,
            userId: row.userId,
            prompt: row.prompt,
            resolvedPrompt: row.resolvedPrompt,
            tokens: usedTokens(row),
            generationTimeMs: Math.round(produced.result.durationMs),
            providerMetadata: { batchId: row.batchId, rowNumber: row.rowNumber },
            feature: "batch",
          }),
        );
        const finished = await tx.query(
          `update public.batch_items
              set status = 'succeeded', image_id = $2, cost = $3, error = null, completed_at = now()
            where id = $1 and status = 'running' returning id`,
          [row.id, row.id, result.credits],
        );
        if (finished.length === 1) {
          await countRowOutcome(tx, row.batchId, { succeeded: 1, failed: 0, spent: result.credits });
        }
        return true;
      });
      if (!recorded) throw new LeaseLostError("the job's lease was lost before its result was recorded");
      return { imageId: row.id };
    } catch (error) {
      // A lost lease means another worker has the row now: leave it to that one.
      if (context.signal.aborted || error instanceof LeaseLostError) throw error;
      const lastAttempt = job.attempts >= job.maxAttempts;
      if (!isPermanent(error) && !lastAttempt) throw error;
      log.warn("batch row failed for good", {
        itemId: row.id,
        batchId: row.batchId,
        error: messageOf(error),
      });
      await db.asService((tx) => closeRow(tx, row, { status: "failed", error: messageOf(error) }));
      return { failed: messageOf(error) };
    }
  };
}
