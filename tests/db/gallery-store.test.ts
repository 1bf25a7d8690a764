/**
 * The gallery's and albums' store functions against the real database (PGlite, or the PostgreSQL
 * in DATABASE_URL): keyset order at microsecond ties, strict cursors, the delete → sweep hand-off
 * with the object store failing at the ObjectStorage seam, and album positions.
 */
import assert from "node:assert/strict";
import { addImages, moveImage, positionStep } from "../../supabase/functions/_shared/albums/album-store.ts";
import {
  decodeAlbumCursor,
  decodeTimelineCursor,
  encodeAlbumCursor,
  encodeTimelineCursor,
} from "../../supabase/functions/_shared/gallery/gallery-cursor.ts";
import { deleteImages } from "../../supabase/functions/_shared/gallery/gallery-delete.ts";
import {
  likePattern,
  listTimeline,
  microsToIso,
} from "../../supabase/functions/_shared/gallery/gallery-store.ts";
import {
  scheduleUploadExpiry,
  storageSweepQueueName,
  sweepStorage,
} from "../../supabase/functions/_shared/gallery/storage-sweep.ts";
import { ApiError } from "../../supabase/functions/_shared/http/errors.ts";
import type { Bucket, ObjectStorage } from "../../supabase/functions/_shared/storage/object-storage.ts";
import { createTestUser, openTestDb } from "../support/db.ts";

const db = await openTestDb();

/** The Storage API's side of removals, in memory: the edge the functions reach over HTTP. */
function objectStore(initial: string[]) {
  const objects = new Set(initial.map((path) => `images/${path}`));
  let failing = false;
  const storage: ObjectStorage = {
    upload: () => Promise.reject(new Error("not used")),
    signedUrls: () => Promise.reject(new Error("not used")),
    signedDownloadUrl: () => Promise.reject(new Error("not used")),
    signedUploadUrl: () => Promise.reject(new Error("not used")),
    download: () => Promise.reject(new Error("not used")),
    remove(bucket: Bucket, paths: string[]) {
      if (failing) return Promise.reject(new Error("503 Service Unavailable"));
      for (const path of paths) objects.delete(`${bucket}/${path}`);
      return Promise.resolve();
    },
  };
  return { storage, objects, fail: (value: boolean) => failing = value };
}

async function insertImage(userId: string, path: string, createdAt = "now") {
  const [row] = await db.asService((tx) =>
    tx.query<{ id: string }>(
      `insert into public.images (user_id, prompt, resolved_prompt, model, provider, storage_path, thumbnail_path, created_at)
       values ($1::uuid, 'p', 'p', 'local', 'local', $1::text || '/' || $2 || '.png', $1::text || '/' || $2 || '.thumb.webp',
               $3::text::timestamptz)
       returning id`,
      [userId, path, createdAt],
    )
  );
  return row.id;
}

async function sweepRows(userId: string) {
  return await db.asOwner((tx) =>
    tx.query<{ path: string }>(
      "select object_path as path from private.storage_sweep where object_path like $1 order by object_path",
      [`${userId}/%`],
    )
  );
}

function rejects400(fn: () => unknown) {
  assert.throws(fn, (error: unknown) => error instanceof ApiError && error.status === 400);
}

Deno.test("cursors round-trip and anything else is a 400", () => {
  const id = crypto.randomUUID();
  const timeline = { t: 1780315199000123, id };
  assert.deepEqual(decodeTimelineCursor(encodeTimelineCursor(timeline)), timeline);
  assert.deepEqual(decodeAlbumCursor(encodeAlbumCursor({ p: -2048, id })), { p: -2048, id });
  const raw = (value: unknown) => btoa(JSON.stringify(value)).replaceAll("=", "");
  rejects400(() => decodeTimelineCursor(encodeAlbumCursor({ p: 1, id })));
  rejects400(() => decodeAlbumCursor(encodeTimelineCursor(timeline)));
  rejects400(() => decodeTimelineCursor(raw({ t: 1.5, id })));
  rejects400(() => decodeTimelineCursor(raw({ t: 1, id, extra: true })));
  rejects400(() => decodeTimelineCursor(raw({ t: 1, id: "x' or 1=1 --" })));
  rejects400(() => decodeTimelineCursor("not base64!"));
  rejects400(() => decodeTimelineCursor(raw("just a string")));
  rejects400(() => decodeTimelineCursor(""));
});

Deno.test("microsecond timestamps survive the cursor; LIKE wildcards in a search match themselves", () => {
  assert.equal(microsToIso(1780315199000123), "2026-06-01T11:59:59.000123Z");
  assert.equal(microsToIso(1780315199999999), "2026-06-01T11:59:59.999999Z");
  assert.equal(likePattern("100%_off\\"), "%100\\%\\_off\\\\%");
});

Deno.test("the timeline pages through rows that share a timestamp to the microsecond without gaps", async () => {
  const user = await createTestUser(db);
  const ids: string[] = [];
  for (let index = 0; index < 9; index++) {
    ids.push(
      await insertImage(
        user.id,
        `tie-${index}`,
        index < 6 ? "2026-05-05T05:05:05.123456Z" : "2026-05-05T05:05:05.123457Z",
      ),
    );
  }
  const seen: string[] = [];
  let cursor: { t: number; id: string } | undefined;
  while (true) {
    const rows = await db.withClaims(
      user.claims,
      (tx) => listTimeline(tx, user.id, {}, { limit: 2, cursor }),
    );
    seen.push(...rows.map((row) => row.id));
    if (rows.length < 2) break;
    const last = rows[rows.length - 1];
    cursor = { t: Number(last.createdAtMicros), id: last.id };
  }
  const newest = ids.slice(6).sort().reverse();
  const older = ids.slice(0, 6).sort().reverse();
  assert.deepEqual(seen, [...newest, ...older]);
});

Deno.test("a failed removal leaves the objects listed with a waiting sweep job, and the sweep removes them", async () => {
  const user = await createTestUser(db);
  const first = await insertImage(user.id, "a");
  const second = await insertImage(user.id, "b");
  const store = objectStore([
    `${user.id}/a.png`,
    `${user.id}/a.thumb.webp`,
    `${user.id}/b.png`,
    `${user.id}/b.thumb.webp`,
  ]);
  const stranger = await createTestUser(db);

  assert.deepEqual(await deleteImages(db, store.storage, stranger.id, [first]), []);
  assert.equal(store.objects.size, 4);

  store.fail(true);
  assert.deepEqual(await deleteImages(db, store.storage, user.id, [first]), [first]);
  const [{ count }] = await db.asOwner((tx) =>
    tx.query<{ count: number }>("select count(*)::int from public.images where id = $1", [first])
  );
  assert.equal(count, 0);
  assert.deepEqual((await sweepRows(user.id)).map((row) => row.path), [
    `${user.id}/a.png`,
    `${user.id}/a.thumb.webp`,
  ]);
  const waiting = await db.asOwner((tx) =>
    tx.query("select id from private.jobs where queue = $1 and status = 'queued'", [storageSweepQueueName])
  );
  assert.equal(waiting.length, 1);

  // A second failed delete joins the same waiting job.
  await deleteImages(db, store.storage, user.id, [second]);
  const stillOne = await db.asOwner((tx) =>
    tx.query("select id from private.jobs where queue = $1 and status = 'queued'", [storageSweepQueueName])
  );
  assert.equal(stillOne.length, 1);

  assert.equal((await sweepStorage(db, store.storage)).failed, true, "still failing: the entries stay");
  assert.equal((await sweepRows(user.id)).length, 4);
  store.fail(false);
  const result = await sweepStorage(db, store.storage);
  assert.equal(result.failed, false);
  assert.equal(store.objects.size, 0);
  assert.deepEqual(await sweepRows(user.id), []);
});

Deno.test("uploads announced but not completed within a day are forgotten and their files removed", async () => {
  const user = await createTestUser(db);
  const stale = crypto.randomUUID();
  const fresh = crypto.randomUUID();
  await db.asService(async (tx) => {
    await tx.query(
      `insert into private.gallery_uploads (id, user_id, file_name, content_type, declared_size, created_at)
       values ($1, $3, 'old.jpg', 'image/jpeg', 10, now() - interval '25 hours'),
              ($2, $3, 'new.png', 'image/png', 10, now() - interval '23 hours')`,
      [stale, fresh, user.id],
    );
    // A job far in the future (an expiry) must not stand in for a sweep that is due soon.
    await scheduleUploadExpiry(tx);
  });
  const store = objectStore([]);
  store.objects.add(`uploads/${user.id}/${stale}.jpg`);
  store.objects.add(`uploads/${user.id}/${fresh}.png`);
  await sweepStorage(db, store.storage);
  assert.deepEqual([...store.objects], [`uploads/${user.id}/${fresh}.png`]);
  const left = await db.asOwner((tx) =>
    tx.query<{ id: string }>("select id from private.gallery_uploads where user_id = $1", [user.id])
  );
  assert.deepEqual(left.map((row) => row.id), [fresh]);

  const imageId = await insertImage(user.id, "soon");
  await db.asOwner((tx) =>
    tx.query("delete from private.jobs where queue = $1 and run_at < now() + interval '1 hour'", [
      storageSweepQueueName,
    ])
  );
  await deleteImages(db, store.storage, user.id, [imageId]);
  const soon = await db.asOwner((tx) =>
    tx.query(
      "select 1 from private.jobs where queue = $1 and status = 'queued' and run_at < now() + interval '5 minutes'",
      [storageSweepQueueName],
    )
  );
  assert.equal(soon.length, 1);
});

Deno.test("album appends and moves keep a total order, renumbering when a gap closes", async () => {
  const user = await createTestUser(db);
  const ids: string[] = [];
  for (let index = 0; index < 4; index++) ids.push(await insertImage(user.id, `album-${index}`));
  const [{ id: albumId }] = await db.withClaims(
    user.claims,
    (tx) =>
      tx.query<{ id: string }>(
        "insert into public.albums (user_id, title) values ($1, 'Ordered') returning id",
        [user.id],
      ),
  );
  const order = () =>
    db.asOwner((tx) =>
      tx.query<{ imageId: string; position: number }>(
        `select image_id as "imageId", position from public.album_images where album_id = $1 order by position, image_id`,
        [albumId],
      )
    );
  assert.equal(await db.withClaims(user.claims, (tx) => addImages(tx, user.id, albumId, ids)), 4);
  assert.deepEqual((await order()).map((row) => row.position), [1, 2, 3, 4].map((n) => n * positionStep));

  // Squeeze: positions 1024 and 1025 leave no integer between them for a move.
  await db.asOwner((tx) =>
    tx.query("update public.album_images set position = 1025 where album_id = $1 and image_id = $2", [
      albumId,
      ids[1],
    ])
  );
  const position = await db.withClaims(user.claims, (tx) => moveImage(tx, user.id, albumId, ids[3], ids[0]));
  const after = await order();
  assert.deepEqual(after.map((row) => row.imageId), [ids[0], ids[3], ids[1], ids[2]]);
  assert.equal(after[1].position, position);
  assert.ok(after.every((row, index) => index === 0 || row.position > after[index - 1].position));
});

Deno.test({
  name: "close the database",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () => db.close(),
});
