/**
 * The `gallery` function's contract: what each route takes and answers. The handler validates
 * requests with these schemas and the SPA parses the answers with the same ones.
 *   GET   /gallery                 listQuery → page
 *   GET   /gallery/facets          → facets
 *   GET   /gallery/:id             imageParams → detail
 *   PATCH /gallery/:id             favoriteBody → imageResponse
 *   GET   /gallery/:id/download    imageParams → download
 *   GET   /gallery/:id/versions    imageParams → versions
 *   POST  /gallery/delete          deleteBody → deleted
 *   POST  /gallery/uploads         uploadBody → uploadTicket
 *   POST  /gallery/uploads/complete completeUploadBody → imageResponse (201)
 */
import * as z from "zod/mini";
import { line, uuid } from "./text.ts";

export const maxPageSize = 100;
export const uploadContentTypes = ["image/png", "image/jpeg", "image/webp"] as const;

const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const dateTimePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
const dateOrDateTime = () =>
  line().check(
    z.refine((value) => datePattern.test(value) || dateTimePattern.test(value), {
      message: "must be a date (YYYY-MM-DD) or an ISO date-time",
    }),
  );

/** The list's query string, every parameter optional and given at most once. */
export const listQuery = z.strictObject({
  limit: z.optional(
    line().check(
      z.refine((value) => /^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= maxPageSize, {
        message: `must be a whole number from 1 to ${maxPageSize}`,
      }),
    ),
  ),
  cursor: z.optional(line().check(z.maxLength(500))),
  q: z.optional(line().check(z.trim(), z.maxLength(200))),
  model: z.optional(line().check(z.minLength(1), z.maxLength(100))),
  feature: z.optional(line().check(z.minLength(1), z.maxLength(40))),
  favorite: z.optional(z.enum(["true", "false"])),
  album: z.optional(uuid("must be an album id")),
  from: z.optional(dateOrDateTime()),
  to: z.optional(dateOrDateTime()),
});
export type ListQuery = z.infer<typeof listQuery>;

export const imageParams = z.object({ id: uuid("The image id must be a UUID.") });

export const favoriteBody = z.strictObject({ isFavorite: z.boolean() });
export const deleteBody = z.strictObject({ ids: z.array(uuid()).check(z.minLength(1), z.maxLength(100)) });
export const uploadBody = z.strictObject({
  fileName: line().check(z.trim(), z.minLength(1), z.maxLength(255)),
  contentType: z.enum(uploadContentTypes),
  size: z.int().check(z.minimum(1)),
});
export const completeUploadBody = z.strictObject({ path: line().check(z.minLength(1), z.maxLength(200)) });

/** An image as the grid shows it. */
export const galleryImage = z.object({
  id: z.string(),
  prompt: z.string(),
  resolvedPrompt: z.string(),
  model: z.string(),
  provider: z.string(),
  feature: z.string(),
  isFavorite: z.boolean(),
  width: z.nullable(z.number()),
  height: z.nullable(z.number()),
  cost: z.number(),
  createdAt: z.string(),
  thumbnailUrl: z.nullable(z.string()),
});
export type GalleryImage = z.infer<typeof galleryImage>;

export const page = z.object({ items: z.array(galleryImage), nextCursor: z.nullable(z.string()) });
export type GalleryPage = z.infer<typeof page>;

export const facets = z.object({ models: z.array(z.string()), features: z.array(z.string()) });
export type GalleryFacets = z.infer<typeof facets>;

export const imageAlbum = z.object({ id: z.string(), title: z.string() });

/** One image with everything that made it: signed original, settings, tokens, albums. */
export const imageDetail = z.extend(galleryImage, {
  url: z.nullable(z.string()),
  settings: z.nullish(z.record(z.string(), z.unknown())),
  tokens: z.nullish(z.record(z.string(), z.unknown())),
  providerModel: z.nullish(z.string()),
  providerMetadata: z.nullish(z.unknown()),
  generationTimeMs: z.nullish(z.number()),
  /** The image this one was made from (an upscale, an edit), when it was. */
  parentImageId: z.nullish(z.string()),
  /** The editor's edit list (or instruction) that made it from its parent. */
  edits: z.nullish(z.record(z.string(), z.unknown())),
  albums: z.array(imageAlbum),
});
export type GalleryImageDetail = z.infer<typeof imageDetail>;

export const detail = z.object({ image: imageDetail });
export const imageResponse = z.object({ image: galleryImage });
export const download = z.object({ url: z.string(), fileName: z.string() });
export const deleted = z.object({ deleted: z.array(z.string()) });
export const uploadTicket = z.object({
  uploadId: z.string(),
  path: z.string(),
  signedUrl: z.string(),
  token: z.string(),
});

/** An image's versions: what it was made from, and what was made from it (oldest first). */
export const versions = z.object({ parent: z.nullable(galleryImage), children: z.array(galleryImage) });
export type GalleryVersions = z.infer<typeof versions>;
