/**
 * Albums and their display order. Every query runs as the caller (RLS) and names user_id too.
 * Positions are sparse (steps of 1024): a move writes one row between its new neighbours, and
 * only when they leave no integer between them is the album renumbered, in the same transaction.
 * Album writes lock the album row first, so concurrent adds and moves on one album take turns.
 */
import type { Tx } from "../db/db.ts";
import { notFound } from "../http/errors.ts";

export const positionStep = 1024;

/** One 404 for an album that is missing and for one that is someone else's: the queries cannot tell them apart. */
const noSuchAlbum = () => notFound("There is no such album of yours.");

export interface AlbumRow {
  id: string;
  title: string;
  description: string | null;
  source: string;
  imageCount: number;
  coverThumbnailPath: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const albumSummary =
  `a.id, a.title, a.description, a.source, a.created_at as "createdAt", a.updated_at as "updatedAt",
  (select count(*) from public.album_images ai where ai.album_id = a.id)::int as "imageCount",
  (select i.thumbnail_path from public.album_images ai join public.images i on i.id = ai.image_id
    where ai.album_id = a.id order by ai.position, ai.image_id limit 1) as "coverThumbnailPath"`;

export async function listAlbums(tx: Tx, userId: string): Promise<AlbumRow[]> {
  return await tx.query<AlbumRow>(
    `select ${albumSummary} from public.albums a where a.user_id = $1 order by a.created_at desc, a.id desc`,
    [userId],
  );
}

export async function findAlbum(tx: Tx, userId: string, albumId: string): Promise<AlbumRow | undefined> {
  const [row] = await tx.query<AlbumRow>(
    `select ${albumSummary} from public.albums a where a.id = $1 and a.user_id = $2`,
    [albumId, userId],
  );
  return row;
}

/** Locks the caller's album for this transaction; 404 when it is not theirs. */
export async function lockAlbum(tx: Tx, userId: string, albumId: string): Promise<void> {
  const rows = await tx.query("select id from public.albums where id = $1 and user_id = $2 for update", [
    albumId,
    userId,
  ]);
  if (rows.length === 0) throw noSuchAlbum();
}

export async function createAlbum(
  tx: Tx,
  userId: string,
  album: { title: string; description?: string | null },
): Promise<AlbumRow> {
  const [{ id }] = await tx.query<{ id: string }>(
    "insert into public.albums (user_id, title, description) values ($1, $2, $3) returning id",
    [userId, album.title, album.description ?? null],
  );
  return (await findAlbum(tx, userId, id))!;
}

export async function updateAlbum(
  tx: Tx,
  userId: string,
  albumId: string,
  changes: { title?: string; description?: string | null },
): Promise<AlbumRow> {
  const rows = await tx.query(
    `update public.albums set
       title = case when $3::boolean then $4 else title end,
       description = case when $5::boolean then $6 else description end
     where id = $1 and user_id = $2 returning id`,
    [
      albumId,
      userId,
      changes.title !== undefined,
      changes.title ?? null,
      changes.description !== undefined,
      changes.description ?? null,
    ],
  );
  if (rows.length === 0) throw noSuchAlbum();
  return (await findAlbum(tx, userId, albumId))!;
}

export async function deleteAlbum(tx: Tx, userId: string, albumId: string): Promise<void> {
  const rows = await tx.query("delete from public.albums where id = $1 and user_id = $2 returning id", [
    albumId,
    userId,
  ]);
  if (rows.length === 0) throw noSuchAlbum();
}

/** Appends the images in the given order; ones already in the album keep their place. */
export async function addImages(
  tx: Tx,
  userId: string,
  albumId: string,
  imageIds: string[],
): Promise<number> {
  await lockAlbum(tx, userId, albumId);
  const [{ owned }] = await tx.query<{ owned: number }>(
    "select count(*)::int as owned from public.images where user_id = $1 and id = any($2::uuid[])",
    [userId, imageIds],
  );
  if (owned !== imageIds.length) throw notFound("Some of these images are not yours or no longer exist.");
  const added = await tx.query(
    `insert into public.album_images (album_id, image_id, user_id, position)
     select $1, ids.image_id, $2,
            coalesce((select max(position) from public.album_images where album_id = $1), 0) + ids.ordinal * $4
       from unnest($3::uuid[]) with ordinality as ids(image_id, ordinal)
      where not exists (select 1 from public.album_images ai where ai.album_id = $1 and ai.image_id = ids.image_id)
      order by ids.ordinal
     on conflict (album_id, image_id) do nothing
     returning image_id`,
    [albumId, userId, imageIds, positionStep],
  );
  return added.length;
}

export async function removeImages(
  tx: Tx,
  userId: string,
  albumId: string,
  imageIds: string[],
): Promise<number> {
  await lockAlbum(tx, userId, albumId);
  const removed = await tx.query(
    "delete from public.album_images where album_id = $1 and user_id = $2 and image_id = any($3::uuid[]) returning image_id",
    [albumId, userId, imageIds],
  );
  return removed.length;
}

interface Placed {
  imageId: string;
  position: number;
}

async function placeOf(tx: Tx, albumId: string, imageId: string): Promise<Placed | undefined> {
  const [row] = await tx.query<Placed>(
    `select image_id as "imageId", position from public.album_images where album_id = $1 and image_id = $2`,
    [albumId, imageId],
  );
  return row;
}

/** The first image after `after` in display order (or the album's first), leaving out `moving`. */
async function nextAfter(
  tx: Tx,
  albumId: string,
  moving: string,
  after?: Placed,
): Promise<Placed | undefined> {
  const [row] = after
    ? await tx.query<Placed>(
      `select image_id as "imageId", position from public.album_images
        where album_id = $1 and image_id <> $2 and (position, image_id) > ($3::bigint, $4::uuid)
        order by position, image_id limit 1`,
      [albumId, moving, after.position, after.imageId],
    )
    : await tx.query<Placed>(
      `select image_id as "imageId", position from public.album_images
        where album_id = $1 and image_id <> $2 order by position, image_id limit 1`,
      [albumId, moving],
    );
  return row;
}

/** Evenly spaced positions for every image but `moving`, keeping their order. */
async function renumber(tx: Tx, albumId: string, moving: string): Promise<void> {
  await tx.query(
    `update public.album_images ai set position = ordered.rank * $3
       from (select image_id, row_number() over (order by position, image_id) as rank
               from public.album_images where album_id = $1 and image_id <> $2) ordered
      where ai.album_id = $1 and ai.image_id = ordered.image_id`,
    [albumId, moving, positionStep],
  );
}

/** Puts `imageId` right after `afterImageId` (null: first); returns its new position. */
export async function moveImage(
  tx: Tx,
  userId: string,
  albumId: string,
  imageId: string,
  afterImageId: string | null,
): Promise<number> {
  await lockAlbum(tx, userId, albumId);
  if (!(await placeOf(tx, albumId, imageId))) throw notFound("That image is not in this album.");
  const findNeighbours = async () => {
    const before = afterImageId === null ? undefined : await placeOf(tx, albumId, afterImageId);
    if (afterImageId !== null && !before) throw notFound("The image to move after is not in this album.");
    return { before, after: await nextAfter(tx, albumId, imageId, before) };
  };
  let { before, after } = await findNeighbours();
  const fits = () => !before || !after || after.position - before.position >= 2;
  if (!fits()) {
    await renumber(tx, albumId, imageId);
    ({ before, after } = await findNeighbours());
  }
  const position = !before && !after
    ? positionStep
    : !before
    ? after!.position - positionStep
    : !after
    ? before.position + positionStep
    : before.position + Math.floor((after.position - before.position) / 2);
  await tx.query("update public.album_images set position = $3 where album_id = $1 and image_id = $2", [
    albumId,
    imageId,
    position,
  ]);
  return position;
}
