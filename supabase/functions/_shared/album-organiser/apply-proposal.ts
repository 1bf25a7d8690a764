/**
 * Applying a reviewed proposal: the albums and their images are made in one service
 * transaction that locks the organisation first, so a repeated apply (a double click, a retry
 * after a lost answer) finds it succeeded and is a 409 instead of a second set of albums.
 */
import type { ApplyBody } from "../domain/contracts/album-organiser.ts";
import type { Tx } from "../db/db.ts";
import { ApiError, badRequest, notFound } from "../http/errors.ts";
import { maxDescriptionLength } from "../providers/vision/vision.ts";
import { organisationColumns, type OrganisationRow } from "./organisation-store.ts";

/** Album positions leave room between neighbours, as the albums function expects. */
const POSITION_STEP = 1024;

function notReady(status: string): ApiError {
  return status === "succeeded"
    ? new ApiError(409, "CONFLICT", "These albums have already been created.", { status })
    : status === "failed"
    ? new ApiError(409, "CONFLICT", "This organisation failed, so there is nothing to create.", { status })
    : new ApiError(409, "CONFLICT", "The images are still being organised; wait for the proposal.", {
      status,
    });
}

/** Every image must come from the proposal and be used once; the first problem is the answer. */
function checkGroups(organisation: OrganisationRow, groups: ApplyBody["groups"]): void {
  const proposed = new Set((organisation.proposal ?? []).flatMap((group) => group.imageIds));
  const used = new Set<string>();
  groups.forEach((group, index) => {
    for (const imageId of group.imageIds) {
      if (!proposed.has(imageId)) {
        throw badRequest(`Image ${imageId} is not in this proposal.`, {
          field: `groups.${index}.imageIds`,
          imageId,
        });
      }
      if (used.has(imageId)) {
        throw badRequest(`Image ${imageId} is in more than one album.`, {
          field: `groups.${index}.imageIds`,
          imageId,
        });
      }
      used.add(imageId);
    }
  });
}

/**
 * A kept group keeps its proposed description when it is still one proposed group's images
 * (perhaps renamed, perhaps with fewer images); a merged group has none.
 */
function descriptionFor(organisation: OrganisationRow, imageIds: string[]): string | null {
  const source = (organisation.proposal ?? []).find((group) => group.imageIds.includes(imageIds[0]));
  if (!source || !imageIds.every((id) => source.imageIds.includes(id))) return null;
  return source.description.slice(0, maxDescriptionLength) || null;
}

export async function applyProposal(
  tx: Tx,
  userId: string,
  organisationId: string,
  groups: ApplyBody["groups"],
): Promise<void> {
  const [organisation] = await tx.query<OrganisationRow>(
    `select ${organisationColumns} from public.album_organisations
      where id = $1 and user_id = $2 for update`,
    [organisationId, userId],
  );
  if (!organisation) throw notFound("There is no such album organisation.");
  if (organisation.status !== "proposed") throw notReady(organisation.status);
  checkGroups(organisation, groups);
  const source = organisation.usedFallback ? "ai-fallback" : "ai";
  const albumIds: string[] = [];
  for (const group of groups) {
    const [{ id }] = await tx.query<{ id: string }>(
      `insert into public.albums (user_id, title, description, source, organisation_id)
       values ($1, $2, $3, $4, $5) returning id`,
      [userId, group.title, descriptionFor(organisation, group.imageIds), source, organisation.id],
    );
    // Images deleted since the proposal are left out rather than failing the insert.
    await tx.query(
      `insert into public.album_images (album_id, image_id, user_id, position)
       select $1, i.id, $2, placed.ord * $4
         from unnest($3::uuid[]) with ordinality as placed (id, ord)
         join public.images i on i.id = placed.id and i.user_id = $2
       on conflict (album_id, image_id) do nothing`,
      [id, userId, group.imageIds, POSITION_STEP],
    );
    albumIds.push(id);
  }
  await tx.query(
    `update public.album_organisations set status = 'succeeded', album_ids = $2::uuid[] where id = $1`,
    [organisation.id, albumIds],
  );
}
