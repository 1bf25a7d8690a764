/** The `gallery` function: always the signed-in caller's own images (routes in domain/contracts/gallery.ts). */
import * as contract from "../domain/contracts/gallery.ts";
import type { UserClaims } from "../http/auth.ts";
import { badRequest, notFound } from "../http/errors.ts";
import { signedInUser, withRuntime } from "../http/middleware.ts";
import { createRouter } from "../http/router.ts";
import type { Runtime } from "../runtime.ts";
import { type ObjectStorage, objectStorage } from "../storage/object-storage.ts";
import {
  decodeAlbumCursor,
  decodeTimelineCursor,
  encodeAlbumCursor,
  encodeTimelineCursor,
} from "./gallery-cursor.ts";
import { deleteImages } from "./gallery-delete.ts";
import {
  albumIsVisible,
  facets,
  findImageDetail,
  findVersions,
  type GalleryFilters,
  type ImageRow,
  listAlbumView,
  listTimeline,
  setFavorite,
} from "./gallery-store.ts";
import { completeUpload, startUpload } from "./gallery-uploads.ts";
import { createSignedUrlCache, signedUrlSeconds, type Signing } from "./signed-url-cache.ts";

const defaultLimit = 50;

export function galleryImage(row: ImageRow, thumbnailUrl: string | null): contract.GalleryImage {
  return {
    id: row.id,
    prompt: row.prompt,
    resolvedPrompt: row.resolvedPrompt,
    model: row.model,
    provider: row.provider,
    feature: row.feature,
    isFavorite: row.isFavorite,
    width: row.width,
    height: row.height,
    cost: row.cost,
    createdAt: new Date(row.createdAt).toISOString(),
    thumbnailUrl,
  };
}

/** Signs the page's thumbnails not signed recently, all in one Storage call. */
export async function signThumbnails(signing: Signing, rows: ImageRow[]) {
  const paths = rows.flatMap((row) => row.thumbnailPath ?? []);
  const signed = await signing.cache.sign(signing.storage, "images", paths);
  return rows.map((row) =>
    galleryImage(row, row.thumbnailPath ? signed.get(row.thumbnailPath) ?? null : null)
  );
}

export interface ListRequest {
  limit: number;
  cursor?: string;
  albumId?: string;
  filters: GalleryFilters;
}

function instant(value: string, endOfDay: boolean): string {
  const dateOnly = !value.includes("T");
  let parsed = Date.parse(dateOnly ? `${value}T00:00:00Z` : value);
  if (dateOnly && endOfDay) parsed += 24 * 60 * 60 * 1000;
  if (Number.isNaN(parsed)) throw badRequest("Give a real date (YYYY-MM-DD) or ISO date-time.");
  return new Date(parsed).toISOString();
}

/** The validated query string as the store's filters: dates as instants, `to` inclusive of its day. */
export function toListRequest(query: contract.ListQuery): ListRequest {
  const request: ListRequest = { limit: query.limit ? Number(query.limit) : defaultLimit, filters: {} };
  if (query.cursor !== undefined) request.cursor = query.cursor;
  if (query.q) {
    if (query.q.length < 2) throw badRequest("Search for at least 2 characters.", { field: "q" });
    request.filters.q = query.q;
  }
  if (query.model !== undefined) request.filters.model = query.model;
  if (query.feature !== undefined) request.filters.feature = query.feature;
  if (query.favorite === "true") request.filters.favorite = true;
  if (query.album !== undefined) request.albumId = query.album;
  if (query.from !== undefined) request.filters.from = instant(query.from, false);
  if (query.to !== undefined) request.filters.before = instant(query.to, true);
  if (request.filters.from && request.filters.before && request.filters.from >= request.filters.before) {
    throw badRequest("from must be before to.", { field: "from" });
  }
  return request;
}

/**
 * One page of the caller's gallery or of one of their albums, read under their claims so that the
 * images policies decide what they see; the explicit user condition is what the indexes serve.
 */
export async function listGallery(
  runtime: Runtime,
  signing: Signing,
  user: UserClaims,
  request: ListRequest,
) {
  const userId = user.sub;
  const { albumId } = request;
  if (albumId !== undefined) {
    const cursor = request.cursor === undefined ? undefined : decodeAlbumCursor(request.cursor);
    const rows = await runtime.db.withClaims(user, async (tx) => {
      if (!(await albumIsVisible(tx, userId, albumId))) throw notFound("There is no such album of yours.");
      return await listAlbumView(tx, userId, albumId, request.filters, { limit: request.limit, cursor });
    });
    const last = rows.at(-1);
    return {
      items: await signThumbnails(signing, rows),
      nextCursor: rows.length === request.limit && last
        ? encodeAlbumCursor({ p: last.position, id: last.id })
        : null,
    };
  }
  const cursor = request.cursor === undefined ? undefined : decodeTimelineCursor(request.cursor);
  const rows = await runtime.db.withClaims(
    user,
    (tx) => listTimeline(tx, userId, request.filters, { limit: request.limit, cursor }),
  );
  const last = rows.at(-1);
  return {
    items: await signThumbnails(signing, rows),
    nextCursor: rows.length === request.limit && last
      ? encodeTimelineCursor({ t: Number(last.createdAtMicros), id: last.id })
      : null,
  };
}

function downloadName(prompt: string, id: string, storagePath: string): string {
  const slug = prompt.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "")
    .slice(0, 60).replace(/-+$/, "");
  const extension = /\.([a-z0-9]+)$/.exec(storagePath)?.[1] ?? "png";
  return `${slug || "image"}-${id.slice(0, 8)}.${extension}`;
}

export function createGalleryHandler(
  getRuntime: () => Runtime,
  options: { storageFor?: (runtime: Runtime) => ObjectStorage } = {},
) {
  const storageFor = options.storageFor ?? objectStorage;
  const cache = createSignedUrlCache();
  const signingFor = (runtime: Runtime) => ({ storage: storageFor(runtime), cache });

  const imageOf = async (runtime: Runtime, user: UserClaims, imageId: string) => {
    const image = await runtime.db.withClaims(user, (tx) => findImageDetail(tx, user.sub, imageId));
    if (!image) throw notFound("There is no such image of yours.");
    return image;
  };

  return createRouter({ basePath: "/gallery" })
    .use(withRuntime(getRuntime))
    .use(signedInUser)
    .get("/", {
      query: contract.listQuery,
      handle: async ({ runtime, user, query }) =>
        await listGallery(runtime, signingFor(runtime), user, toListRequest(query)),
    })
    .get("/facets", {
      handle: async ({ runtime, user }) => await runtime.db.withClaims(user, (tx) => facets(tx, user.sub)),
    })
    .post("/delete", {
      body: contract.deleteBody,
      handle: async ({ runtime, user, body }) => ({
        deleted: await deleteImages(runtime.db, storageFor(runtime), user.sub, [...new Set(body.ids)]),
      }),
    })
    .post("/uploads", {
      body: contract.uploadBody,
      handle: async ({ runtime, user, body }) =>
        await startUpload(runtime.db, storageFor(runtime), user.sub, body),
    })
    .post("/uploads/complete", {
      body: contract.completeUploadBody,
      handle: async ({ runtime, user, body }) => {
        const signing = signingFor(runtime);
        const image = await completeUpload(runtime.db, signing.storage, user.sub, body.path);
        const [item] = await signThumbnails(signing, [image]);
        return Response.json({ image: item }, { status: 201 });
      },
    })
    .get("/:id", {
      params: contract.imageParams,
      handle: async ({ runtime, user, params }) => {
        const image = await imageOf(runtime, user, params.id);
        const paths = [image.storagePath, ...(image.thumbnailPath ? [image.thumbnailPath] : [])];
        const [originalUrl, thumbnailUrl] = await storageFor(runtime).signedUrls(
          "images",
          paths,
          signedUrlSeconds,
        );
        return {
          image: {
            ...galleryImage(image, thumbnailUrl ?? null),
            url: originalUrl,
            settings: image.settings,
            tokens: image.tokens,
            providerModel: image.providerModel,
            providerMetadata: image.providerMetadata,
            generationTimeMs: image.generationTimeMs,
            parentImageId: image.parentImageId,
            edits: image.edits,
            albums: image.albums,
          },
        };
      },
    })
    .patch("/:id", {
      params: contract.imageParams,
      body: contract.favoriteBody,
      handle: async ({ runtime, user, params, body }) => {
        const image = await runtime.db.withClaims(
          user,
          (tx) => setFavorite(tx, user.sub, params.id, body.isFavorite),
        );
        if (!image) throw notFound("There is no such image of yours.");
        const [item] = await signThumbnails(signingFor(runtime), [image]);
        return { image: item };
      },
    })
    .get("/:id/versions", {
      params: contract.imageParams,
      handle: async ({ runtime, user, params }) => {
        const found = await runtime.db.withClaims(user, (tx) => findVersions(tx, user.sub, params.id));
        if (!found) throw notFound("There is no such image of yours.");
        const signing = signingFor(runtime);
        const [parent] = found.parent ? await signThumbnails(signing, [found.parent]) : [null];
        return { parent, children: await signThumbnails(signing, found.children) };
      },
    })
    .get("/:id/download", {
      params: contract.imageParams,
      handle: async ({ runtime, user, params }) => {
        const image = await imageOf(runtime, user, params.id);
        const fileName = downloadName(image.prompt, image.id, image.storagePath);
        const url = await storageFor(runtime).signedDownloadUrl(
          "images",
          image.storagePath,
          signedUrlSeconds,
          fileName,
        );
        return { url, fileName };
      },
    })
    .fetch;
}
