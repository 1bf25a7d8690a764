/**
 * The gallery's queries, each bound to one user by its first condition (`user_id = $1`), which
 * also lets the planner walk the (user_id, created_at desc, id desc) indexes. SQL is assembled
 * from the filters actually given, so a prepared plan never has to serve "filter or no filter".
 */
import type { Tx } from "../db/db.ts";
import type { AlbumCursor, TimelineCursor } from "./gallery-cursor.ts";

export interface GalleryFilters {
  q?: string;
  model?: string;
  feature?: string;
  favorite?: boolean;
  /** Inclusive lower bound, an ISO timestamp. */
  from?: string;
  /** Exclusive upper bound, an ISO timestamp. */
  before?: string;
}

export interface ImageRow {
  id: string;
  prompt: string;
  resolvedPrompt: string;
  model: string;
  provider: string;
  feature: string;
  isFavorite: boolean;
  width: number | null;
  height: number | null;
  cost: number;
  createdAt: Date;
  thumbnailPath: string | null;
}

export interface TimelineRow extends ImageRow {
  createdAtMicros: string;
}

export interface AlbumViewRow extends ImageRow {
  position: number;
}

export interface ImageDetailRow extends ImageRow {
  storagePath: string;
  settings: Record<string, unknown>;
  tokens: Record<string, unknown>;
  providerModel: string | null;
  providerMetadata: Record<string, unknown>;
  generationTimeMs: number | null;
  parentImageId: string | null;
  edits: Record<string, unknown> | null;
}

export const imageColumns =
  `i.id, i.prompt, i.resolved_prompt as "resolvedPrompt", i.model, i.provider, i.feature,
  i.is_favorite as "isFavorite", i.width, i.height, i.cost, i.created_at as "createdAt",
  i.thumbnail_path as "thumbnailPath"`;

const detailColumns = `${imageColumns}, i.storage_path as "storagePath", i.settings, i.tokens,
  i.provider_model as "providerModel", i.provider_metadata as "providerMetadata",
  i.generation_time_ms as "generationTimeMs", i.parent_image_id as "parentImageId", i.edits`;

/** `%`, `_` and `\` in the user's text match themselves, not as wildcards. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** Microseconds since the epoch (as Postgres text) to an exact ISO timestamp Postgres reads back. */
export function microsToIso(micros: number): string {
  const millis = Math.floor(micros / 1000);
  const iso = new Date(millis).toISOString();
  const extra = String(micros - millis * 1000).padStart(3, "0");
  return `${iso.slice(0, -1)}${extra}Z`;
}

class Conditions {
  readonly clauses: string[] = [];
  constructor(readonly params: unknown[]) {}

  add(clause: (placeholder: string) => string, value: unknown) {
    this.params.push(value);
    this.clauses.push(clause(`$${this.params.length}`));
  }

  addFilters(filters: GalleryFilters) {
    if (filters.model !== undefined) this.add((p) => `i.model = ${p}`, filters.model);
    if (filters.feature !== undefined) this.add((p) => `i.feature = ${p}`, filters.feature);
    if (filters.favorite) this.clauses.push("i.is_favorite");
    if (filters.from !== undefined) this.add((p) => `i.created_at >= ${p}::text::timestamptz`, filters.from);
    if (filters.before !== undefined) {
      this.add((p) => `i.created_at < ${p}::text::timestamptz`, filters.before);
    }
    if (filters.q !== undefined) {
      // The caller's matches come from the trigram index (see private.own_image_ids_matching).
      this.add((p) => `i.id in (select private.own_image_ids_matching(${p}))`, likePattern(filters.q));
    }
  }

  get sql() {
    return this.clauses.map((clause) => ` and ${clause}`).join("");
  }
}

/** The caller's images, newest first, after the cursor's row. */
export async function listTimeline(
  tx: Tx,
  userId: string,
  filters: GalleryFilters,
  page: { limit: number; cursor?: TimelineCursor },
): Promise<TimelineRow[]> {
  const conditions = new Conditions([userId]);
  const { q, ...otherFilters } = filters;
  conditions.addFilters(otherFilters);
  if (q !== undefined) {
    const cursorAt = page.cursor ? microsToIso(page.cursor.t) : null;
    const start = conditions.params.length;
    conditions.params.push(
      likePattern(q),
      filters.model ?? null,
      filters.feature ?? null,
      filters.favorite ?? false,
      filters.from ?? null,
      filters.before ?? null,
      cursorAt,
      page.cursor?.id ?? null,
      page.limit,
    );
    const [pattern, model, feature, favorite, from, before, afterAt, afterId, size] = Array.from(
      { length: 9 },
      (_, index) => `$${start + index + 1}`,
    );
    // The caller's page of matches comes from the function (see its migration for why).
    conditions.clauses.push(
      `i.id in (select private.own_timeline_page_matching(${pattern}, ${model}, ${feature}, ${favorite}::boolean,
        ${from}::text::timestamptz, ${before}::text::timestamptz, ${afterAt}::text::timestamptz, ${afterId}::uuid,
        ${size}::integer))`,
    );
  }
  if (page.cursor) {
    conditions.params.push(microsToIso(page.cursor.t), page.cursor.id);
    const n = conditions.params.length;
    // Bound as text: postgres.js turns a timestamptz parameter into a Date, dropping the microseconds.
    conditions.clauses.push(`(i.created_at, i.id) < ($${n - 1}::text::timestamptz, $${n}::uuid)`);
  }
  conditions.params.push(page.limit);
  return await tx.query<TimelineRow>(
    `select ${imageColumns}, (extract(epoch from i.created_at) * 1000000)::bigint::text as "createdAtMicros"
       from public.images i
      where i.user_id = $1${conditions.sql}
      order by i.created_at desc, i.id desc
      limit $${conditions.params.length}`,
    conditions.params,
  );
}

/** One album's images in its display order, after the cursor's row. */
export async function listAlbumView(
  tx: Tx,
  userId: string,
  albumId: string,
  filters: GalleryFilters,
  page: { limit: number; cursor?: AlbumCursor },
): Promise<AlbumViewRow[]> {
  const conditions = new Conditions([userId, albumId]);
  conditions.addFilters(filters);
  if (page.cursor) {
    conditions.params.push(page.cursor.p, page.cursor.id);
    const n = conditions.params.length;
    conditions.clauses.push(`(ai.position, ai.image_id) > ($${n - 1}::bigint, $${n}::uuid)`);
  }
  conditions.params.push(page.limit);
  return await tx.query<AlbumViewRow>(
    `select ${imageColumns}, ai.position
       from public.album_images ai
       join public.images i on i.id = ai.image_id
      where ai.album_id = $2 and ai.user_id = $1 and i.user_id = $1${conditions.sql}
      order by ai.position, ai.image_id
      limit $${conditions.params.length}`,
    conditions.params,
  );
}

export async function albumIsVisible(tx: Tx, userId: string, albumId: string): Promise<boolean> {
  const rows = await tx.query("select 1 from public.albums where id = $1 and user_id = $2", [
    albumId,
    userId,
  ]);
  return rows.length === 1;
}

export async function findImageDetail(
  tx: Tx,
  userId: string,
  imageId: string,
): Promise<(ImageDetailRow & { albums: { id: string; title: string }[] }) | undefined> {
  const [row] = await tx.query<ImageDetailRow>(
    `select ${detailColumns} from public.images i where i.id = $1 and i.user_id = $2`,
    [imageId, userId],
  );
  if (!row) return undefined;
  const albums = await tx.query<{ id: string; title: string }>(
    `select a.id, a.title from public.album_images ai join public.albums a on a.id = ai.album_id
      where ai.image_id = $1 and ai.user_id = $2 order by a.title, a.id`,
    [imageId, userId],
  );
  return { ...row, albums };
}

export async function setFavorite(
  tx: Tx,
  userId: string,
  imageId: string,
  isFavorite: boolean,
): Promise<ImageRow | undefined> {
  const [row] = await tx.query<ImageRow>(
    `update public.images i set is_favorite = $3 where i.id = $1 and i.user_id = $2 returning ${imageColumns}`,
    [imageId, userId, isFavorite],
  );
  return row;
}

/** The distinct values of one column for the caller, by skipping through its index. */
async function distinctValues(tx: Tx, userId: string, column: "model" | "feature"): Promise<string[]> {
  const rows = await tx.query<{ value: string }>(
    `with recursive walk(value) as (
       (select ${column} from public.images where user_id = $1 order by ${column} limit 1)
       union all
       select (select i.${column} from public.images i
                where i.user_id = $1 and i.${column} > walk.value order by i.${column} limit 1)
         from walk where walk.value is not null
     )
     select value from walk where value is not null`,
    [userId],
  );
  return rows.map((row) => row.value);
}

export async function facets(tx: Tx, userId: string) {
  return {
    models: await distinctValues(tx, userId, "model"),
    features: await distinctValues(tx, userId, "feature"),
  };
}

/**
 * An image's versions: the image it was made from and the images made from it, oldest first.
 * Undefined when the image is not the caller's.
 */
export async function findVersions(tx: Tx, userId: string, imageId: string) {
  const [image] = await tx.query<{ parentImageId: string | null }>(
    `select parent_image_id as "parentImageId" from public.images where id = $1 and user_id = $2`,
    [imageId, userId],
  );
  if (!image) return undefined;
  const [parent] = image.parentImageId
    ? await tx.query<ImageRow>(
      `select ${imageColumns} from public.images i where i.id = $1 and i.user_id = $2`,
      [
        image.parentImageId,
        userId,
      ],
    )
    : [];
  const children = await tx.query<ImageRow>(
    `select ${imageColumns} from public.images i where i.user_id = $1 and i.parent_image_id = $2
      order by i.created_at, i.id limit 100`,
    [userId, imageId],
  );
  return { parent, children };
}
