import type { Db } from "../db/db.ts";
import type { ObjectStorage } from "../storage/object-storage.ts";
import { queueForSweep, removeListed } from "./storage-sweep.ts";

/**
 * Deletes the caller's images among `ids` and their objects. The rows go in one transaction
 * that also lists their objects for the sweep (only objects no remaining row points at: seeded
 * placeholders are shared), so whatever fails afterwards, nothing is orphaned for good.
 */
export async function deleteImages(
  db: Db,
  storage: ObjectStorage,
  userId: string,
  ids: string[],
): Promise<string[]> {
  const { deleted, entries } = await db.asService(async (tx) => {
    const gone = await tx.query<{ id: string; storagePath: string; thumbnailPath: string | null }>(
      `delete from public.images where user_id = $1 and id = any($2::uuid[])
       returning id, storage_path as "storagePath", thumbnail_path as "thumbnailPath"`,
      [userId, ids],
    );
    const paths = [...new Set(gone.flatMap((row) => [row.storagePath, row.thumbnailPath ?? []].flat()))];
    // A second statement, so that it sees the rows the delete above removed as gone.
    const orphaned = paths.length === 0 ? [] : await tx.query<{ path: string }>(
      `select path from unnest($1::text[]) as path
        where not exists (select 1 from public.images i where i.storage_path = path)
          and not exists (select 1 from public.images i where i.thumbnail_path = path)`,
      [paths],
    );
    const entries = await queueForSweep(tx, "images", orphaned.map((row) => row.path));
    return { deleted: gone.map((row) => row.id), entries };
  });
  await removeListed(db, storage, entries);
  return deleted;
}
