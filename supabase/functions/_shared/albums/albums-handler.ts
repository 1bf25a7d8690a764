/**
 * The `albums` function's routes (the signed-in caller's own albums):
 *   GET    /                 albums, newest first, with image count and a signed cover thumbnail
 *   POST   /                 { title, description? } → 201 { album }
 *   PATCH  /:id              { title?, description? } → { album }
 *   DELETE /:id              → 204 (the images stay in the gallery)
 *   POST   /:id/images       { imageIds } appended at the end → { added }
 *   DELETE /:id/images       { imageIds } → { removed }
 *   POST   /:id/move         { imageId, afterImageId | null } → { position }
 * The images of an album are listed by the gallery function: GET /gallery?album=<id>.
 */
import { z } from "zod";
import { requireUser } from "../http/auth.ts";
import { readJson } from "../http/body.ts";
import { badRequest, notFound } from "../http/errors.ts";
import { methodNotAllowed } from "../http/handler.ts";
import { type Runtime, supabaseUrl } from "../runtime.ts";
import { createSignedUrlCache, type Signing } from "../gallery/signed-url-cache.ts";
import { type ObjectStorage, objectStorage } from "../storage/object-storage.ts";
import {
  addImages,
  type AlbumRow,
  createAlbum,
  deleteAlbum,
  listAlbums,
  moveImage,
  removeImages,
  updateAlbum,
} from "./album-store.ts";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const uuid = z.string().regex(uuidPattern, "must be a UUID");

const title = z.string().trim().min(1, "An album needs a title.").max(120);
const description = z.string().trim().max(1000).transform((value) => value === "" ? null : value).nullable();
const createSchema = z.strictObject({ title, description: description.optional() });
const updateSchema = z.strictObject({ title: title.optional(), description: description.optional() })
  .refine((body) => body.title !== undefined || body.description !== undefined, {
    message: "Give a title or a description to change.",
  });
const imagesSchema = z.strictObject({ imageIds: z.array(uuid).min(1).max(500) });
const moveSchema = z.strictObject({ imageId: uuid, afterImageId: uuid.nullable() });

async function albumJson(signing: Signing, rows: AlbumRow[]) {
  const paths = rows.flatMap((row) => row.coverThumbnailPath ?? []);
  const signed = await signing.cache.sign(signing.storage, "images", paths);
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    description: row.description,
    source: row.source,
    imageCount: row.imageCount,
    coverThumbnailUrl: row.coverThumbnailPath ? signed.get(row.coverThumbnailPath) ?? null : null,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  }));
}

export function createAlbumsHandler(
  getRuntime: () => Runtime,
  storageFor: (runtime: Runtime) => ObjectStorage = objectStorage,
) {
  const cache = createSignedUrlCache();
  return async (request: Request): Promise<Response> => {
    const runtime = getRuntime();
    const signing = { storage: storageFor(runtime), cache };
    const url = new URL(request.url);
    const parts = url.pathname.replace(/^\/albums/, "").split("/").filter(Boolean);
    const user = await requireUser(request, supabaseUrl(runtime));
    const userId = user.sub;
    const method = request.method;
    const asUser = <T>(fn: Parameters<typeof runtime.db.withClaims<T>>[1]) => runtime.db.withClaims(user, fn);

    if (parts.length === 0) {
      if (method === "GET") {
        return Response.json({
          albums: await albumJson(signing, await asUser((tx) => listAlbums(tx, userId))),
        });
      }
      if (method !== "POST") throw methodNotAllowed(["GET", "POST"]);
      const body = await readJson(request, createSchema);
      const album = await asUser((tx) => createAlbum(tx, userId, body));
      return Response.json({ album: (await albumJson(signing, [album]))[0] }, { status: 201 });
    }
    const albumId = parts[0];
    if (!uuidPattern.test(albumId)) throw badRequest("The album id must be a UUID.", { field: "id" });

    if (parts.length === 1) {
      if (method === "PATCH") {
        const body = await readJson(request, updateSchema);
        const album = await asUser((tx) => updateAlbum(tx, userId, albumId, body));
        return Response.json({ album: (await albumJson(signing, [album]))[0] });
      }
      if (method === "DELETE") {
        await asUser((tx) => deleteAlbum(tx, userId, albumId));
        return new Response(null, { status: 204 });
      }
      throw methodNotAllowed(["PATCH", "DELETE"]);
    }
    if (parts.length === 2 && parts[1] === "images") {
      if (method !== "POST" && method !== "DELETE") throw methodNotAllowed(["POST", "DELETE"]);
      const { imageIds } = await readJson(request, imagesSchema);
      const ids = [...new Set(imageIds)];
      if (method === "POST") {
        return Response.json({ added: await asUser((tx) => addImages(tx, userId, albumId, ids)) });
      }
      return Response.json({ removed: await asUser((tx) => removeImages(tx, userId, albumId, ids)) });
    }
    if (parts.length === 2 && parts[1] === "move") {
      if (method !== "POST") throw methodNotAllowed(["POST"]);
      const { imageId, afterImageId } = await readJson(request, moveSchema);
      if (imageId === afterImageId) {
        throw badRequest("An image cannot be moved after itself.", { field: "afterImageId" });
      }
      const position = await asUser((tx) => moveImage(tx, userId, albumId, imageId, afterImageId));
      return Response.json({ position });
    }
    throw notFound();
  };
}
