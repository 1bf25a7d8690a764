/**
 * album_organisations: one "Organise into albums" request, written only by the service (users
 * may read theirs), and the job that works it.
 */
import type { Db, Tx } from "../db/db.ts";
import { ApiError } from "../http/errors.ts";
import { enqueue } from "../jobs/queue.ts";

export const albumOrganiseQueueName = "album-organise";

export type OrganisationStatus = "queued" | "running" | "proposed" | "succeeded" | "failed";

/** One group the organiser proposes; the user may rename, merge or drop it before applying. */
export interface ProposedGroup {
  title: string;
  description: string;
  imageIds: string[];
}

export interface OrganisationRow {
  id: string;
  userId: string;
  imageIds: string[];
  status: OrganisationStatus;
  provider: string;
  usedFallback: boolean;
  albumIds: string[];
  proposal: ProposedGroup[] | null;
  imagesSeen: number;
  error: string | null;
  createdAt: Date;
}

export const organisationColumns = `id, user_id as "userId", image_ids as "imageIds", status, provider,
  used_fallback as "usedFallback", album_ids as "albumIds", proposal, images_seen as "imagesSeen", error,
  created_at as "createdAt"`;

/** The same organisation always maps to the same job, so a re-run enqueue adds nothing. */
export function organiseJobKey(organisationId: string): string {
  return `${albumOrganiseQueueName}:${organisationId}`;
}

/** A 404 naming the ids that are not the user's images (unknown and foreign look the same). */
export async function assertOwnImages(tx: Tx, userId: string, imageIds: string[]): Promise<void> {
  const owned = await tx.query<{ id: string }>(
    "select id from public.images where id = any($1::uuid[]) and user_id = $2",
    [imageIds, userId],
  );
  if (owned.length === imageIds.length) return;
  const found = new Set(owned.map((row) => row.id));
  const missing = imageIds.filter((id) => !found.has(id));
  throw new ApiError(
    404,
    "NOT_FOUND",
    missing.length === 1
      ? `Image ${missing[0]} was not found.`
      : `${missing.length} of the images were not found.`,
    { missingImageIds: missing.slice(0, 20) },
  );
}

/**
 * Records the request and its job in one service transaction, after checking that every image
 * is the caller's; otherwise nothing is written and the answer is a 404, as for any id the
 * caller cannot see.
 */
export async function createOrganisation(
  db: Db,
  request: { userId: string; imageIds: string[]; provider: string },
): Promise<OrganisationRow> {
  return await db.asService(async (tx) => {
    await assertOwnImages(tx, request.userId, request.imageIds);
    const [row] = await tx.query<OrganisationRow>(
      `insert into public.album_organisations (user_id, image_ids, provider)
       values ($1, $2::uuid[], $3)
       returning ${organisationColumns}`,
      [request.userId, request.imageIds, request.provider],
    );
    await enqueue(tx, albumOrganiseQueueName, { organisationId: row.id }, {
      idempotencyKey: organiseJobKey(row.id),
      userId: request.userId,
      maxAttempts: 3,
    });
    return row;
  });
}

export async function findOrganisation(tx: Tx, id: string): Promise<OrganisationRow | undefined> {
  const [row] = await tx.query<OrganisationRow>(
    `select ${organisationColumns} from public.album_organisations where id = $1`,
    [id],
  );
  return row;
}

/** Ends an organisation that produced no proposal; a proposed or finished one is left as it is. */
export async function failOrganisation(tx: Tx, id: string, error: string): Promise<void> {
  await tx.query(
    `update public.album_organisations set status = 'failed', error = $2
      where id = $1 and status in ('queued', 'running')`,
    [id, error.slice(0, 2000)],
  );
}
