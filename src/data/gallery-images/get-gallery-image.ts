import { useQuery } from "@tanstack/react-query";
import * as gallery from "@domain/contracts/gallery";
import { galleryImageKeys } from "@/data/gallery-images/gallery-image-keys";
import { invokeFunction } from "@/lib/invoke-function";

/** GET /functions/v1/gallery/:id: one image with its original's signed URL and how it was made. */
export async function getGalleryImage(imageId: string, { signal }: { signal?: AbortSignal } = {}) {
  const { image } = await invokeFunction({
    name: `gallery/${imageId}`,
    method: "GET",
    schema: gallery.detail,
    signal,
  });
  return image;
}

export function useGalleryImage(imageId: string) {
  return useQuery({
    queryKey: galleryImageKeys.detail(imageId),
    queryFn: ({ signal }) => getGalleryImage(imageId, { signal }),
    // The signed URL inside is short-lived; a minute of reuse covers flicking back and forth.
    staleTime: 60_000,
  });
}
