/**
 * The `gallery` function's routes (always the signed-in caller's own images):
 *   GET   /                    list: ?limit&cursor&q&model&feature&favorite&album&from&to
 *   GET   /facets              the models and features the caller has, for the filter menus
 *   GET   /:id                 detail with signed URLs, generation parameters and albums
 *   PATCH /:id                 { isFavorite }
 *   GET   /:id/download        a signed URL that saves the original under a readable name
 *   POST  /delete              { ids } rows and objects (failed removals are swept later)
 *   POST  /uploads             { fileName, contentType, size } a signed upload URL in `uploads`
 *   POST  /uploads/complete    { path } checks the bytes, makes the thumbnail, adds the image
 */
import { z } from "zod";
import { requireUser, type UserClaims } from "../http/auth.ts";
import { readJson } from "../http/body.ts";
import { badRequest, notFound } from "../http/errors.ts";
import { methodNotAllowed } from "../http/handler.ts";
import { type Runtime, supabaseUrl } from "../runtime.ts";
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
  type GalleryFilters,
  type ImageRow,
  listAlbumView,
  listTimeline,
  setFavorite,
} from "./gallery-store.ts";
import { completeUpload, startUpload, uploadContentTypes } from "./gallery-uploads.ts";
import { createSignedUrlCache, signedUrlSeconds, type Signing } from "./signed-url-cache.ts";

const defaultLimit = 50;
const maxLimit = 100;

export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const uuid = z.string().regex(uuidPattern, "must be a UUID");
const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const dateTimePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

export function galleryImage(row: ImageRow, thumbnailUrl: string | null) {
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

const listParameters = new Set([
  "limit",
  "cursor",
  "q",
  "model",
  "feature",
  "favorite",
  "album",
  "from",
  "to",
]);

function instant(name: string, value: string, endOfDay: boolean): string {
  let parsed: number;
  if (datePattern.test(value)) {
    parsed = Date.parse(`${value}T00:00:00Z`);
    if (endOfDay) parsed += 24 * 60 * 60 * 1000;
  } else if (dateTimePattern.test(value)) {
    parsed = Date.parse(value);
  } else {
    parsed = Number.NaN;
  }
  if (Number.isNaN(parsed)) {
    throw badRequest(`${name} must be a date (YYYY-MM-DD) or an ISO date-time.`, { field: name });
  }
  return new Date(parsed).toISOString();
}

function text(name: string, value: string, maxLength: number): string {
  if (value.length === 0 || value.length > maxLength) {
    throw badRequest(`${name} must be 1 to ${maxLength} characters.`, { field: name });
  }
  return value;
}

/** Reads the list's query string strictly: an unknown or malformed parameter is a 400. */
export function parseListRequest(params: URLSearchParams): ListRequest {
  for (const name of params.keys()) {
    if (!listParameters.has(name)) throw badRequest(`Unknown parameter "${name}".`, { field: name });
    if (params.getAll(name).length > 1) throw badRequest(`Give "${name}" once.`, { field: name });
  }
  const request: ListRequest = { limit: defaultLimit, filters: {} };
  const limit = params.get("limit");
  if (limit !== null) {
    const number = Number(limit);
    if (!/^\d+$/.test(limit) || number < 1 || number > maxLimit) {
      throw badRequest(`limit must be a whole number from 1 to ${maxLimit}.`, { field: "limit" });
    }
    request.limit = number;
  }
  const cursor = params.get("cursor");
  if (cursor !== null) request.cursor = cursor;
  const q = params.get("q")?.trim();
  if (q) {
    if (q.length < 2) throw badRequest("Search for at least 2 characters.", { field: "q" });
    request.filters.q = text("q", q, 200);
  }
  const model = params.get("model");
  if (model !== null) request.filters.model = text("model", model, 100);
  const feature = params.get("feature");
  if (feature !== null) request.filters.feature = text("feature", feature, 40);
  const favorite = params.get("favorite");
  if (favorite !== null) {
    if (favorite !== "true" && favorite !== "false") {
      throw badRequest("favorite must be true or false.", { field: "favorite" });
    }
    if (favorite === "true") request.filters.favorite = true;
  }
  const album = params.get("album");
  if (album !== null) {
    if (!uuidPattern.test(album)) throw badRequest("album must be an album id.", { field: "album" });
    request.albumId = album;
  }
  const from = params.get("from");
  if (from !== null) request.filters.from = instant("from", from, false);
  const to = params.get("to");
  if (to !== null) request.filters.before = instant("to", to, true);
  if (request.filters.from && request.filters.before && request.filters.from >= request.filters.before) {
    throw badRequest("from must be before to.", { field: "from" });
  }
  return request;
}

/**
 * One page of the caller's gallery or of one of their albums, read under their claims so that the
 * images policies decide what they see; the explicit user condition is what the indexes serve.
 */
export async function listGallery(runtime: Runtime, signing: Signing, user: UserClaims, request: ListRequest) {
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
  const rows = await runtime.db.withClaims(user, (tx) =>
    listTimeline(tx, userId, request.filters, { limit: request.limit, cursor })
  );
  const last = rows.at(-1);
  return {
    items: await signThumbnails(signing, rows),
    nextCursor: rows.length === request.limit && last
      ? encodeTimelineCursor({ t: Number(last.createdAtMicros), id: last.id })
      : null,
  };
}

const favoriteSchema = z.strictObject({ isFavorite: z.boolean() });
const deleteSchema = z.strictObject({ ids: z.array(uuid).min(1).max(100) });
const uploadSchema = z.strictObject({
  fileName: z.string().trim().min(1).max(255).refine(
    (name) => ![...name].some((char) => char < " " || char === "\u007f"),
    {
      message: "must not contain control characters",
    },
  ),
  contentType: z.enum(uploadContentTypes),
  size: z.number().int().min(1),
});
const completeSchema = z.strictObject({ path: z.string().min(1).max(200) });

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
  return async (request: Request): Promise<Response> => {
    const runtime = getRuntime();
    const storage = storageFor(runtime);
    const signing = { storage, cache };
    const url = new URL(request.url);
    const parts = url.pathname.replace(/^\/gallery/, "").split("/").filter(Boolean);
    const user = await requireUser(request, supabaseUrl(runtime));
    const userId = user.sub;
    const method = request.method;

    if (parts.length === 0) {
      if (method !== "GET") throw methodNotAllowed(["GET"]);
      return Response.json(await listGallery(runtime, signing, user, parseListRequest(url.searchParams)));
    }
    if (parts.length === 1 && parts[0] === "facets") {
      if (method !== "GET") throw methodNotAllowed(["GET"]);
      return Response.json(await runtime.db.withClaims(user, (tx) => facets(tx, userId)));
    }
    if (parts.length === 1 && parts[0] === "delete") {
      if (method !== "POST") throw methodNotAllowed(["POST"]);
      const { ids } = await readJson(request, deleteSchema);
      return Response.json({ deleted: await deleteImages(runtime.db, storage, userId, [...new Set(ids)]) });
    }
    if (parts[0] === "uploads" && parts.length === 1) {
      if (method !== "POST") throw methodNotAllowed(["POST"]);
      const body = await readJson(request, uploadSchema);
      return Response.json(await startUpload(runtime.db, storage, userId, body));
    }
    if (parts[0] === "uploads" && parts.length === 2 && parts[1] === "complete") {
      if (method !== "POST") throw methodNotAllowed(["POST"]);
      const { path } = await readJson(request, completeSchema);
      const image = await completeUpload(runtime.db, storage, userId, path);
      const [item] = await signThumbnails(signing, [image]);
      return Response.json({ image: item }, { status: 201 });
    }
    if (parts.length > 2 || (parts.length === 2 && parts[1] !== "download")) throw notFound();
    const imageId = parts[0];
    if (!uuidPattern.test(imageId)) throw badRequest("The image id must be a UUID.", { field: "id" });

    if (parts.length === 2) {
      if (method !== "GET") throw methodNotAllowed(["GET"]);
      const image = await runtime.db.withClaims(user, (tx) => findImageDetail(tx, userId, imageId));
      if (!image) throw notFound("There is no such image of yours.");
      const fileName = downloadName(image.prompt, image.id, image.storagePath);
      const signed = await storage.signedDownloadUrl("images", image.storagePath, signedUrlSeconds, fileName);
      return Response.json({ url: signed, fileName });
    }
    if (method === "GET") {
      const image = await runtime.db.withClaims(user, (tx) => findImageDetail(tx, userId, imageId));
      if (!image) throw notFound("There is no such image of yours.");
      const paths = [image.storagePath, ...(image.thumbnailPath ? [image.thumbnailPath] : [])];
      const [originalUrl, thumbnailUrl] = await storage.signedUrls("images", paths, signedUrlSeconds);
      return Response.json({
        image: {
          ...galleryImage(image, thumbnailUrl ?? null),
          url: originalUrl,
          settings: image.settings,
          tokens: image.tokens,
          providerModel: image.providerModel,
          providerMetadata: image.providerMetadata,
          generationTimeMs: image.generationTimeMs,
          albums: image.albums,
        },
      });
    }
    if (method === "PATCH") {
      const { isFavorite } = await readJson(request, favoriteSchema);
      const image = await runtime.db.withClaims(user, (tx) => setFavorite(tx, userId, imageId, isFavorite));
      if (!image) throw notFound("There is no such image of yours.");
      const [item] = await signThumbnails(signing, [image]);
      return Response.json({ image: item });
    }
    throw methodNotAllowed(["GET", "PATCH"]);
  };
}
