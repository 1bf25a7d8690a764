import * as z from "zod/mini";

/** An image as the grid shows it (GET /gallery items). */
export const galleryImageSchema = z.object({
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
export type GalleryImage = z.infer<typeof galleryImageSchema>;

export const galleryPageSchema = z.object({
  items: z.array(galleryImageSchema),
  nextCursor: z.nullable(z.string()),
});
export type GalleryPage = z.infer<typeof galleryPageSchema>;

export const albumSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.nullish(z.string()),
  source: z.string(),
  imageCount: z.number(),
  coverThumbnailUrl: z.nullish(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Album = z.infer<typeof albumSchema>;

export const albumResponseSchema = z.object({ album: albumSchema });
