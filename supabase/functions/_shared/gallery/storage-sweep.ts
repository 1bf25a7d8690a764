/**
 * Objects whose rows are gone. A delete commits the rows' removal together with the list of
 * their objects in private.storage_sweep, then removes the objects and crosses them off. If the
 * removal fails (or the process dies first), the entries stay and the `storage-sweep` job, queued
 * in that same transaction, removes them later, so no object outlives its row for good. The
 * same pass throws away uploads that were announced but never completed within a day.
 */
import type { Db, Tx } from "../db/db.ts";
import { enqueue } from "../jobs/queue.ts";
import type { JobHandler } from "../jobs/worker.ts";
import { log } from "../log.ts";
import type { Bucket, ObjectStorage } from "../storage/object-storage.ts";

export const storageSweepQueueName = "storage-sweep";

/** How long after a delete its sweep job looks again; a removal that worked leaves it nothing. */
const sweepDelaySeconds = 60;
const sweepBatchSize = 500;

export interface SweepEntry {
  id: number;
  bucket: Bucket;
  objectPath: string;
}

/**
 * Lists objects for removal inside the caller's transaction and makes sure a sweep job will look
 * at them soon: one waiting job serves every delete until it starts (a job already running may
 * have read the list before this commit, so it does not count).
 */
export async function queueForSweep(tx: Tx, bucket: Bucket, paths: string[]): Promise<SweepEntry[]> {
  if (paths.length === 0) return [];
  const entries = await tx.query<SweepEntry>(
    `insert into private.storage_sweep (bucket, object_path)
     select $1, path from unnest($2::text[]) as path
     on conflict (bucket, object_path) do update set last_error = private.storage_sweep.last_error
     returning id, bucket, object_path as "objectPath"`,
    [bucket, paths],
  );
  const waiting = await tx.query(
    `select 1 from private.jobs
      where queue = $1 and status = 'queued' and run_at <= now() + make_interval(secs => $2) limit 1`,
    [storageSweepQueueName, sweepDelaySeconds],
  );
  if (waiting.length === 0) {
    await enqueue(tx, storageSweepQueueName, {}, {
      runAt: new Date(Date.now() + sweepDelaySeconds * 1000),
      maxAttempts: 10,
    });
  }
  return entries;
}

/** Removes the listed objects and crosses them off; on failure they stay listed with the error. */
export async function removeListed(db: Db, storage: ObjectStorage, entries: SweepEntry[]): Promise<boolean> {
  let allRemoved = true;
  const byBucket = Map.groupBy(entries, (entry) => entry.bucket);
  for (const [bucket, bucketEntries] of byBucket) {
    const ids = bucketEntries.map((entry) => entry.id);
    try {
      await storage.remove(bucket, bucketEntries.map((entry) => entry.objectPath));
      await db.asService((tx) =>
        tx.query("delete from private.storage_sweep where id = any($1::bigint[])", [ids])
      );
    } catch (error) {
      allRemoved = false;
      const message = String((error as Error)?.message ?? error).slice(0, 2000);
      log.warn("object removal failed; left for the storage sweep", {
        bucket,
        count: ids.length,
        error: message,
      });
      await db.asService((tx) =>
        tx.query(
          "update private.storage_sweep set attempts = attempts + 1, last_error = $2 where id = any($1::bigint[])",
          [ids, message],
        )
      ).catch(() => {});
    }
  }
  return allRemoved;
}

/** How long an announced upload may wait for its completion before its file is thrown away. */
export const pendingUploadHours = 24;

/**
 * Makes sure a sweep runs once this hour's announced uploads have expired. Uploads announced in
 * the same hour share one job (the key names the hour, by the database's clock), which starts
 * after the last of them has expired.
 */
export async function scheduleUploadExpiry(tx: Tx): Promise<void> {
  const [{ hour }] = await tx.query<{ hour: string }>(
    "select to_char(date_trunc('hour', now() at time zone 'utc'), 'YYYY-MM-DD\"T\"HH24:00:00\"Z\"') as hour",
  );
  const expiresAt = new Date(Date.parse(hour) + (pendingUploadHours + 1) * 3600_000 + 60_000);
  await enqueue(tx, storageSweepQueueName, {}, {
    idempotencyKey: `${storageSweepQueueName}:uploads-announced:${hour}`,
    runAt: expiresAt,
    maxAttempts: 10,
  });
}

/** Uploads announced but never completed: forgotten, and their files listed for removal. */
async function expirePendingUploads(db: Db): Promise<void> {
  await db.asService(async (tx) => {
    const expired = await tx.query<{ path: string }>(
      `delete from private.gallery_uploads
        where created_at < now() - make_interval(hours => $1)
        returning user_id::text || '/' || id::text || '.' ||
          case content_type when 'image/png' then 'png' when 'image/jpeg' then 'jpg' else 'webp' end as path`,
      [pendingUploadHours],
    );
    await queueForSweep(tx, "uploads", expired.map((row) => row.path));
  });
}

/** One pass: expired uploads, then everything listed, oldest first. */
export async function sweepStorage(
  db: Db,
  storage: ObjectStorage,
): Promise<{ removed: number; failed: boolean }> {
  await expirePendingUploads(db);
  let removed = 0;
  let lastId = 0;
  while (true) {
    const entries = await db.asService((tx) =>
      tx.query<SweepEntry>(
        `select id, bucket, object_path as "objectPath" from private.storage_sweep
          where id > $1 order by id limit $2`,
        [lastId, sweepBatchSize],
      )
    );
    if (entries.length === 0) return { removed, failed: false };
    lastId = entries[entries.length - 1].id;
    if (!(await removeListed(db, storage, entries))) return { removed, failed: true };
    removed += entries.length;
  }
}

export function createStorageSweepHandler(deps: { db: Db; storage: ObjectStorage }): JobHandler {
  return async () => {
    const result = await sweepStorage(deps.db, deps.storage);
    // Thrown, the job goes back to the queue with backoff and tries the storage again.
    if (result.failed) throw new Error("some objects could not be removed yet");
    return result;
  };
}
