/** The `albums` function: the signed-in caller's own albums (routes in domain/contracts/albums.ts). */
import * as contract from "../domain/contracts/albums.ts";
import { badRequest } from "../http/errors.ts";
import { signedInUser, withRuntime } from "../http/middleware.ts";
import { createRouter } from "../http/router.ts";
import type { Runtime } from "../runtime.ts";
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

async function albumJson(signing: Signing, rows: AlbumRow[]): Promise<contract.Album[]> {
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
  const signingFor = (runtime: Runtime) => ({ storage: storageFor(runtime), cache });
  const albumResponse = async (runtime: Runtime, row: AlbumRow) => {
    const [album] = await albumJson(signingFor(runtime), [row]);
    return { album };
  };

  return createRouter({ basePath: "/albums" })
    .use(withRuntime(getRuntime))
    .use(signedInUser)
    .get("/", {
      handle: async ({ runtime, user }) => ({
        albums: await albumJson(
          signingFor(runtime),
          await runtime.db.withClaims(user, (tx) => listAlbums(tx, user.sub)),
        ),
      }),
    })
    .post("/", {
      body: contract.createBody,
      handle: async ({ runtime, user, body }) => {
        const album = await runtime.db.withClaims(user, (tx) => createAlbum(tx, user.sub, body));
        return Response.json(await albumResponse(runtime, album), { status: 201 });
      },
    })
    .patch("/:id", {
      params: contract.albumParams,
      body: contract.updateBody,
      handle: async ({ runtime, user, params, body }) => {
        const album = await runtime.db.withClaims(user, (tx) => updateAlbum(tx, user.sub, params.id, body));
        return await albumResponse(runtime, album);
      },
    })
    .delete("/:id", {
      params: contract.albumParams,
      handle: async ({ runtime, user, params }) => {
        await runtime.db.withClaims(user, (tx) => deleteAlbum(tx, user.sub, params.id));
        return new Response(null, { status: 204 });
      },
    })
    .post("/:id/images", {
      params: contract.albumParams,
      body: contract.imagesBody,
      handle: async ({ runtime, user, params, body }) => ({
        added: await runtime.db.withClaims(
          user,
          (tx) => addImages(tx, user.sub, params.id, [...new Set(body.imageIds)]),
        ),
      }),
    })
    .delete("/:id/images", {
      params: contract.albumParams,
      body: contract.imagesBody,
      handle: async ({ runtime, user, params, body }) => ({
        removed: await runtime.db.withClaims(
          user,
          (tx) => removeImages(tx, user.sub, params.id, [...new Set(body.imageIds)]),
        ),
      }),
    })
    .post("/:id/move", {
      params: contract.albumParams,
      body: contract.moveBody,
      handle: async ({ runtime, user, params, body }) => {
        if (body.imageId === body.afterImageId) {
          throw badRequest("An image cannot be moved after itself.", { field: "afterImageId" });
        }
        return {
          position: await runtime.db.withClaims(
            user,
            (tx) => moveImage(tx, user.sub, params.id, body.imageId, body.afterImageId),
          ),
        };
      },
    })
    .fetch;
}
