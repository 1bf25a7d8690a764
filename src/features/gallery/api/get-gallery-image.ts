import { useQuery } from "@tanstack/react-query";
import * as z from "zod/mini";
import { galleryKeys } from "@/features/gallery/api/gallery-keys";
import { galleryImageSchema } from "@/features/gallery/api/gallery-schemas";
import { invokeFunction } from "@/lib/invoke-function";

export const galleryImageDetailSchema = z.extend(galleryImageSchema, {
  url: z.nullable(z.string()),
  settings: z.nullish(z.record(z.string(), z.unknown())),
  tokens: z.nullish(z.record(z.string(), z.unknown())),
  providerModel: z.nullish(z.string()),
  providerMetadata: z.nullish(z.unknown()),
  generationTimeMs: z.nullish(z.number()),
  albums: z.array(z.object({ id: z.string(), title: z.string() })),
});
export type GalleryImageDetail = z.infer<typeof galleryImageDetailSchema>;

const detailResponseSchema = z.object({ image: galleryImageDetailSchema });

/** GET /functions/v1/gallery/:id: one image with its original's signed URL and how it was made. */
export async function getGalleryImage(imageId: string, { signal }: { signal?: AbortSignal } = {}) {
  const { image } = await invokeFunction({
    name: `gallery/${imageId}`,
    method: "GET",
    schema: detailResponseSchema,
    signal,
  });
  return image;
}

export function useGalleryImage(imageId: string) {
  return useQuery({
    queryKey: galleryKeys.detail(imageId),
    queryFn: ({ signal }) => getGalleryImage(imageId, { signal }),
    // The signed URL inside is short-lived; a minute of reuse covers flicking back and forth.
    staleTime: 60_000,
  });
}
