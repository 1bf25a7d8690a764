import { useInfiniteQuery } from "@tanstack/react-query";
import { galleryKeys } from "@/features/gallery/api/gallery-keys";
import { galleryPageSchema } from "@/features/gallery/api/gallery-schemas";
import { filtersToQuery, type GalleryFilters } from "@/features/gallery/lib/gallery-filters";
import { invokeFunction } from "@/lib/invoke-function";

/** The server's largest page: a long scroll costs the fewest round trips. */
export const galleryPageSize = 100;

/** GET /functions/v1/gallery: a page of the caller's images after `cursor`, newest first (or in album order). */
export async function getGalleryImages(
  filters: GalleryFilters,
  cursor: string | null,
  { signal }: { signal?: AbortSignal } = {},
) {
  return await invokeFunction({
    name: "gallery",
    method: "GET",
    query: { ...filtersToQuery(filters), limit: galleryPageSize, cursor },
    schema: galleryPageSchema,
    signal,
  });
}

export function useGalleryImages(filters: GalleryFilters) {
  return useInfiniteQuery({
    queryKey: galleryKeys.list(filters),
    queryFn: ({ pageParam, signal }) => getGalleryImages(filters, pageParam, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}
