/** The `album-organiser` function: the signed-in user's own organisations (routes in domain/contracts/album-organiser.ts). */
import * as contract from "../domain/contracts/album-organiser.ts";
import { uuidPattern } from "../domain/contracts/text.ts";
import { kickJobWorker } from "../jobs/kick-job-worker.ts";
import type { UserClaims } from "../http/auth.ts";
import { notFound } from "../http/errors.ts";
import { signedInUser, withRuntime } from "../http/middleware.ts";
import { createRouter } from "../http/router.ts";
import { visionProviderFor } from "../providers/vision/vision.ts";
import { applyProposal } from "./apply-proposal.ts";
import { enforceRateLimit, type RateLimit } from "../rate-limit/rate-limit.ts";
import type { Runtime } from "../runtime.ts";
import {
  assertOwnImages,
  createOrganisation,
  failOrganisation,
  organisationColumns,
  type OrganisationRow,
  organiseJobKey,
} from "./organisation-store.ts";

/** Each organisation may send up to 500 images to a paid vision model. */
export const organiseRateLimit: RateLimit = { name: "album-organiser", limit: 10, windowSeconds: 60 };

/**
 * A job the queue gave up on (its worker died on the last attempt) never reaches the handler's
 * own failure path, so the organisation is closed here when it is read.
 */
async function settleAbandoned(runtime: Runtime, organisation: OrganisationRow): Promise<OrganisationRow> {
  if (organisation.status !== "queued" && organisation.status !== "running") return organisation;
  const [job] = await runtime.db.asService((tx) =>
    tx.query<{ status: string }>("select status from private.jobs where idempotency_key = $1", [
      organiseJobKey(organisation.id),
    ])
  );
  if (job?.status !== "dead") return organisation;
  const error = "Organising these images was interrupted and could not be finished. Try again.";
  await runtime.db.asService((tx) => failOrganisation(tx, organisation.id, error));
  return { ...organisation, status: "failed", error };
}

async function describeOrganisation(
  runtime: Runtime,
  user: UserClaims,
  id: string,
): Promise<contract.Organisation> {
  if (!uuidPattern.test(id)) throw notFound("There is no such album organisation.");
  // As the user, and only their own: RLS would also show an admin everyone's.
  const [found] = await runtime.db.withClaims(user, (tx) =>
    tx.query<OrganisationRow>(
      `select ${organisationColumns} from public.album_organisations where id = $1 and user_id = $2`,
      [id, user.sub],
    ));
  if (!found) throw notFound("There is no such album organisation.");
  const organisation = await settleAbandoned(runtime, found);
  const albums = organisation.albumIds.length === 0
    ? []
    : await runtime.db.withClaims(user, (tx) =>
      tx.query<{ id: string; title: string; description: string | null; imageCount: number }>(
        `select a.id, a.title, a.description,
              (select count(*) from public.album_images ai where ai.album_id = a.id)::int as "imageCount"
         from public.albums a
        where a.id = any($1::uuid[]) and a.user_id = $2
        order by array_position($1::uuid[], a.id)`,
        [organisation.albumIds, user.sub],
      ));
  return {
    id: organisation.id,
    status: organisation.status,
    usedFallback: organisation.usedFallback,
    provider: organisation.provider,
    imageCount: organisation.imageIds.length,
    imagesSeen: Math.min(organisation.imagesSeen, organisation.imageIds.length),
    proposal: organisation.proposal,
    albums,
    error: organisation.error,
  };
}

export function createAlbumOrganiserHandler(getRuntime: () => Runtime) {
  return createRouter({ basePath: "/album-organiser" })
    .use(withRuntime(getRuntime))
    .use(signedInUser)
    .post("/", {
      body: contract.organiseBody,
      handle: async ({ runtime, user, body }) => {
        const imageIds = [...new Set(body.imageIds)];
        // Checked before the rate limit too, so a request refused as a 404 counts for nothing.
        await runtime.db.asService((tx) => assertOwnImages(tx, user.sub, imageIds));
        await enforceRateLimit(runtime.db, organiseRateLimit, user.sub);
        const organisation = await createOrganisation(runtime.db, {
          userId: user.sub,
          imageIds,
          provider: visionProviderFor(runtime.env),
        });
        kickJobWorker(runtime);
        return Response.json({ organisationId: organisation.id, status: organisation.status }, {
          status: 202,
        });
      },
    })
    .get("/:id", {
      params: contract.organisationParams,
      handle: async ({ runtime, user, params }) => await describeOrganisation(runtime, user, params.id),
    })
    .post("/:id/apply", {
      params: contract.organisationParams,
      body: contract.applyBody,
      handle: async ({ runtime, user, params, body }) => {
        if (!uuidPattern.test(params.id)) throw notFound("There is no such album organisation.");
        await runtime.db.asService((tx) => applyProposal(tx, user.sub, params.id, body.groups));
        return await describeOrganisation(runtime, user, params.id);
      },
    })
    .fetch;
}
