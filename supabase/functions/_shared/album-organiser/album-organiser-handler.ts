/**
 * The `album-organiser` function's routes (the signed-in user's own organisations):
 *   POST /       { imageIds: uuid[1..500] } → 202 { organisationId, status: "queued" } (10 a minute)
 *   GET  /:id    → { id, status, usedFallback, provider, albums: [{ id, title, description, imageCount }], error }
 */
import { z } from "zod";
import { kickJobWorker } from "../jobs/kick-job-worker.ts";
import { requireUser, type UserClaims } from "../http/auth.ts";
import { readJson } from "../http/body.ts";
import { notFound } from "../http/errors.ts";
import { methodNotAllowed } from "../http/handler.ts";
import { visionProviderFor } from "../providers/vision/vision.ts";
import { enforceRateLimit, type RateLimit } from "../rate-limit/rate-limit.ts";
import { type Runtime, supabaseUrl } from "../runtime.ts";
import {
  assertOwnImages,
  createOrganisation,
  failOrganisation,
  organisationColumns,
  type OrganisationRow,
  organiseJobKey,
} from "./organisation-store.ts";

export const organiseRequestSchema = z.strictObject({
  imageIds: z.array(z.uuid("image ids are UUIDs"), { error: "imageIds must be a list of image ids" })
    .min(1, "Choose at least one image to organise.")
    .max(500, "Organise at most 500 images at a time."),
});

/** Each organisation may send up to 500 images to a paid vision model. */
export const organiseRateLimit: RateLimit = { name: "album-organiser", limit: 10, windowSeconds: 60 };

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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

async function describeOrganisation(runtime: Runtime, user: UserClaims, id: string) {
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
    albums,
    error: organisation.error,
  };
}

export function createAlbumOrganiserHandler(getRuntime: () => Runtime) {
  return async (request: Request): Promise<Response> => {
    const runtime = getRuntime();
    const url = new URL(request.url);
    const parts = url.pathname.replace(/^\/album-organiser/, "").split("/").filter(Boolean);
    const user = await requireUser(request, supabaseUrl(runtime));

    if (parts.length === 0) {
      if (request.method !== "POST") throw methodNotAllowed(["POST"]);
      const body = await readJson(request, organiseRequestSchema);
      const imageIds = [...new Set(body.imageIds.map((id) => id.toLowerCase()))];
      // Checked before the rate limit too, so a request refused as a 404 counts for nothing.
      await runtime.db.asService((tx) => assertOwnImages(tx, user.sub, imageIds));
      await enforceRateLimit(runtime.db, organiseRateLimit, user.sub);
      const organisation = await createOrganisation(runtime.db, {
        userId: user.sub,
        imageIds,
        provider: visionProviderFor(runtime.env),
      });
      kickJobWorker(runtime);
      return Response.json({ organisationId: organisation.id, status: organisation.status }, { status: 202 });
    }
    if (parts.length === 1) {
      if (request.method !== "GET") throw methodNotAllowed(["GET"]);
      return Response.json(await describeOrganisation(runtime, user, parts[0]));
    }
    throw notFound(`album-organiser has no route ${url.pathname}.`);
  };
}
