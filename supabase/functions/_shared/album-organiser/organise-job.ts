/**
 * The `album-organise` job: a vision provider sorts the requested images into groups, which are
 * stored on the organisation as a proposal for the user to review; albums are made only when the
 * reviewed groups are applied (apply-proposal.ts). The organisation row decides whether the
 * proposal has been written: the transaction locks it and does nothing once it is past running,
 * so a retried or duplicated job never proposes twice. When the provider fails (after its own
 * retries) or answers with nothing usable, one fallback group holds every image and the row says
 * so, for the page to tell the user.
 */
import type { Db, Tx } from "../db/db.ts";
import { ApiError } from "../http/errors.ts";
import { detectImageType } from "../images/image-info.ts";
import type { Job } from "../jobs/queue.ts";
import { type JobContext, type JobHandler, PermanentJobError } from "../jobs/worker.ts";
import { log } from "../log.ts";
import type { FetchFn } from "../providers/types.ts";
import {
  maxDescriptionLength,
  maxTitleLength,
  type VisionAlbum,
  type VisionImage,
  type VisionOrganiser,
} from "../providers/vision/vision.ts";
import type { ObjectStorage } from "../storage/object-storage.ts";
import {
  failOrganisation,
  findOrganisation,
  organisationColumns,
  type OrganisationRow,
  type ProposedGroup,
} from "./organisation-store.ts";
import { withoutTokens } from "./title-prompt.ts";

export interface AlbumOrganiseDeps {
  db: Db;
  storage: ObjectStorage;
  organiser: VisionOrganiser;
  fetch?: FetchFn;
}

interface StoredImage {
  id: string;
  prompt: string;
  thumbnailPath: string | null;
}

interface Plan {
  albums: VisionAlbum[];
  usedFallback: boolean;
  error: string | null;
}

export const fallbackAlbumTitle = "All selected images";

/** Progress is cosmetic: written at most this often, so a big selection does not flood the row. */
const PROGRESS_WRITE_MS = 300;
const THUMBNAIL_FETCHES_AT_ONCE = 8;
const SIGNED_URL_SECONDS = 600;

/** Marks the organisation running, unless it is finished (a stale or repeated job). */
async function startOrganisation(db: Db, id: string, provider: string): Promise<OrganisationRow | undefined> {
  return await db.asService(async (tx) => {
    const [row] = await tx.query<OrganisationRow>(
      `update public.album_organisations set status = 'running', provider = $2
        where id = $1 and status in ('queued', 'running')
        returning ${organisationColumns}`,
      [id, provider],
    );
    return row;
  });
}

/**
 * The requested images that still exist, in the order they were requested. Their prompts are the
 * templates with the personal tokens taken out: the resolved prompt holds the user's names and
 * companies, which must never reach a provider or an album title.
 */
async function loadImages(db: Db, organisation: OrganisationRow): Promise<StoredImage[]> {
  const images = await db.asService((tx) =>
    tx.query<StoredImage>(
      `select i.id, i.prompt, i.thumbnail_path as "thumbnailPath"
         from unnest($1::uuid[]) with ordinality as requested (id, ord)
         join public.images i on i.id = requested.id and i.user_id = $2
        order by requested.ord`,
      [organisation.imageIds, organisation.userId],
    )
  );
  return images.map((image) => ({ ...image, prompt: withoutTokens(image.prompt) }));
}

/** Records how many images have been looked at, for the page's progress bar; never fails the job. */
function progressReporter(db: Db, organisationId: string) {
  let lastWrite = 0;
  let writing: Promise<unknown> = Promise.resolve();
  const write = (seen: number) => {
    writing = writing.then(() =>
      db.asService((tx) =>
        tx.query(
          `update public.album_organisations set images_seen = greatest(images_seen, $2)
            where id = $1 and status = 'running'`,
          [organisationId, seen],
        )
      )
    ).catch((error) => log.warn("could not record organising progress", { error: String(error) }));
  };
  return {
    seen(count: number) {
      if (Date.now() - lastWrite < PROGRESS_WRITE_MS) return;
      lastWrite = Date.now();
      write(count);
    },
    async finish(count: number) {
      write(count);
      await writing;
    },
  };
}

/** Signed URLs by path; a path that cannot be signed (its object is gone) maps to nothing. */
async function signThumbnails(storage: ObjectStorage, paths: string[]): Promise<Map<string, string>> {
  const signed = new Map<string, string>();
  for (let start = 0; start < paths.length; start += 100) {
    const chunk = paths.slice(start, start + 100);
    try {
      const urls = await storage.signedUrls("images", chunk, SIGNED_URL_SECONDS);
      chunk.forEach((path, index) => signed.set(path, urls[index]));
    } catch {
      for (const path of chunk) {
        const [url] = await storage.signedUrls("images", [path], SIGNED_URL_SECONDS).catch(() => []);
        if (url) signed.set(path, url);
      }
    }
  }
  return signed;
}

/**
 * Each image with its thumbnail's bytes. One missing or unreadable thumbnail does not stop the
 * organisation: that image is sorted by its prompt alone.
 */
async function withThumbnails(
  deps: AlbumOrganiseDeps,
  images: StoredImage[],
  signal: AbortSignal,
  onSeen: (count: number) => void,
): Promise<VisionImage[]> {
  const fetchFn = deps.fetch ?? ((input, init) => fetch(input, init));
  const urls = await signThumbnails(
    deps.storage,
    images.flatMap((image) => image.thumbnailPath ? [image.thumbnailPath] : []),
  );
  const result: VisionImage[] = images.map((image) => ({
    id: image.id,
    prompt: image.prompt,
    thumbnail: null,
  }));
  let next = 0;
  let seen = 0;
  let unreadable = 0;
  const fetchOne = async () => {
    while (next < images.length) {
      const index = next++;
      try {
        await readThumbnail(index);
      } finally {
        onSeen(++seen);
      }
    }
  };
  const readThumbnail = async (index: number) => {
    const url = images[index].thumbnailPath ? urls.get(images[index].thumbnailPath!) : undefined;
    if (!url) return;
    try {
      const response = await fetchFn(url, { signal });
      if (!response.ok) {
        await response.body?.cancel();
        throw new Error(`HTTP ${response.status}`);
      }
      const bytes = new Uint8Array(await response.arrayBuffer());
      const mimeType = detectImageType(bytes);
      if (!mimeType) throw new Error("not an image");
      result[index].thumbnail = { bytes, mimeType };
    } catch (error) {
      if (signal.aborted) throw error;
      unreadable++;
    }
  };
  await Promise.all(Array.from({ length: THUMBNAIL_FETCHES_AT_ONCE }, fetchOne));
  const missing = images.length - result.filter((image) => image.thumbnail).length;
  if (missing > 0) log.warn("organising some images without their thumbnails", { missing, unreadable });
  return result;
}

/** What the user is told when the provider could not sort the images. */
function fallbackExplanation(error: unknown, imageCount: number): string {
  const why = error instanceof ApiError && error.details.reason === "unusable-answer"
    ? "the AI's answer could not be used"
    : error instanceof ApiError && error.status === 429
    ? "the AI service is busy"
    : error instanceof ApiError && error.status === 504
    ? "the AI service did not answer in time"
    : "the AI service is unavailable";
  const images = imageCount === 1 ? "the image was" : `all ${imageCount} images were`;
  return `Your images could not be sorted into themed albums because ${why}, so ${images} put in one album, "${fallbackAlbumTitle}". Try organising them again later.`;
}

function fallbackPlan(images: StoredImage[], error: unknown): Plan {
  return {
    albums: [{
      title: fallbackAlbumTitle,
      description:
        "The AI organiser was unavailable, so every selected image was kept together here instead of being sorted by theme.",
      imageIds: images.map((image) => image.id),
    }],
    usedFallback: true,
    error: fallbackExplanation(error, images.length),
  };
}

/**
 * Stores the groups as the organisation's proposal, once: a second run finds it past running
 * under the row lock and leaves the first proposal as it is.
 */
async function recordProposal(
  tx: Tx,
  organisation: OrganisationRow,
  plan: Plan,
  provider: string,
): Promise<boolean> {
  const [current] = await tx.query<{ status: string }>(
    "select status from public.album_organisations where id = $1 for update",
    [organisation.id],
  );
  if (!current) throw new PermanentJobError(`organisation ${organisation.id} is gone`);
  if (current.status !== "queued" && current.status !== "running") return false;
  const proposal: ProposedGroup[] = plan.albums.map((album) => ({
    title: album.title.slice(0, maxTitleLength),
    description: album.description.slice(0, maxDescriptionLength),
    imageIds: album.imageIds,
  }));
  await tx.query(
    `update public.album_organisations
        set status = 'proposed', proposal = $2::text::jsonb, used_fallback = $3, error = $4, provider = $5,
            images_seen = cardinality(image_ids)
      where id = $1`,
    [organisation.id, JSON.stringify(proposal), plan.usedFallback, plan.error, provider],
  );
  return true;
}

export function createAlbumOrganiseHandler(deps: AlbumOrganiseDeps): JobHandler {
  const { db, organiser } = deps;
  return async (job: Job, context: JobContext) => {
    const organisationId = String(job.payload.organisationId ?? "");
    if (!/^[0-9a-f-]{36}$/i.test(organisationId)) {
      throw new PermanentJobError("album-organise job without an organisation id");
    }
    const organisation = await startOrganisation(db, organisationId, organiser.provider);
    if (!organisation) {
      const finished = await db.asService((tx) => findOrganisation(tx, organisationId));
      if (!finished) throw new PermanentJobError(`organisation ${organisationId} is gone`);
      return { skipped: true, status: finished.status };
    }

    try {
      const images = await loadImages(db, organisation);
      if (images.length === 0) {
        await db.asService((tx) =>
          failOrganisation(
            tx,
            organisation.id,
            "The selected images were deleted before they could be organised.",
          )
        );
        return { failed: "no images left" };
      }
      const progress = progressReporter(db, organisation.id);
      const visionImages = await withThumbnails(deps, images, context.signal, progress.seen);
      await progress.finish(images.length);
      let plan: Plan;
      try {
        const answer = await organiser.organiseIntoAlbums(visionImages, { signal: context.signal });
        plan = {
          albums: answer.albums,
          usedFallback: false,
          error: null,
        };
      } catch (error) {
        if (context.signal.aborted) throw error;
        log.warn("vision provider failed; proposing the fallback album", {
          organisationId,
          provider: organiser.provider,
          error: String((error as Error)?.message ?? error),
        });
        plan = fallbackPlan(images, error);
      }
      const proposed = await db.asService((tx) => recordProposal(tx, organisation, plan, organiser.provider));
      return { proposed, groups: plan.albums.length, usedFallback: plan.usedFallback };
    } catch (error) {
      if (context.signal.aborted) throw error;
      if (!(error instanceof PermanentJobError) && job.attempts < job.maxAttempts) throw error;
      log.error("album organisation failed for good", { organisationId, error: String(error) });
      await db.asService((tx) =>
        failOrganisation(
          tx,
          organisation.id,
          "Something went wrong on our side while organising your images, and no albums were proposed. Try again in a moment.",
        )
      );
      return { failed: String((error as Error)?.message ?? error) };
    }
  };
}
