/**
 * The `albums` function's contract (the signed-in caller's own albums). The images of an album
 * are listed by the gallery function: GET /gallery?album=<id>.
 *   GET    /albums              → albumList (newest first, each with its count and a signed cover)
 *   POST   /albums              createBody → albumResponse (201)
 *   PATCH  /albums/:id          albumParams, updateBody → albumResponse
 *   DELETE /albums/:id          albumParams → 204 (the images stay in the gallery)
 *   POST   /albums/:id/images   albumParams, imagesBody → imagesAdded (appended at the end)
 *   DELETE /albums/:id/images   albumParams, imagesBody → imagesRemoved
 *   POST   /albums/:id/move     albumParams, moveBody → imageMoved
 */
import * as z from "zod/mini";
import { line, text, uuid } from "./text.ts";

export const maxImagesPerRequest = 500;

const title = () => line().check(z.trim(), z.minLength(1, "An album needs a title."), z.maxLength(120));
/** A blank description is no description. */
const description = () =>
  z.nullable(
    z.pipe(text().check(z.trim(), z.maxLength(1000)), z.transform((value) => value === "" ? null : value)),
  );

export const albumParams = z.object({ id: uuid("The album id must be a UUID.") });

export const createBody = z.strictObject({ title: title(), description: z.optional(description()) });
export type CreateAlbumBody = z.infer<typeof createBody>;

export const updateBody = z.strictObject({
  title: z.optional(title()),
  description: z.optional(description()),
})
  .check(z.refine((body) => body.title !== undefined || body.description !== undefined, {
    message: "Give a title or a description to change.",
  }));
export type UpdateAlbumBody = z.infer<typeof updateBody>;

export const imagesBody = z.strictObject({
  imageIds: z.array(uuid()).check(z.minLength(1), z.maxLength(maxImagesPerRequest)),
});

/** `afterImageId: null` puts the image first. */
export const moveBody = z.strictObject({ imageId: uuid(), afterImageId: z.nullable(uuid()) });

export const album = z.object({
  id: z.string(),
  title: z.string(),
  description: z.nullish(z.string()),
  source: z.string(),
  imageCount: z.number(),
  /** Signed and short-lived; null for an empty album or a cover without a thumbnail. */
  coverThumbnailUrl: z.nullish(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Album = z.infer<typeof album>;

export const albumResponse = z.object({ album });
export const albumList = z.object({ albums: z.array(album) });
export const imagesAdded = z.object({ added: z.number() });
export const imagesRemoved = z.object({ removed: z.number() });
/** The image's new position in the album's order. */
export const imageMoved = z.object({ position: z.number() });
