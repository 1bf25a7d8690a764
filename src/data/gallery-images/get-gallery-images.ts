import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import * as gallery from "@domain/contracts/gallery";
import { galleryImageKeys } from "@/data/gallery-images/gallery-image-keys";
import { invokeFunction } from "@/lib/invoke-function";

/** What narrows the list, as the gallery function takes it; paging is this module's business. */
export type GalleryImagesQuery = Omit<gallery.ListQuery, "limit" | "cursor">;

/** The server's largest page: a long scroll costs the fewest round trips. */
export const galleryPageSize = gallery.maxPageSize;

/** GET /functions/v1/gallery: a page of the caller's images after `cursor`, newest first (or in album order). */
export async function getGalleryImages(
  query: GalleryImagesQuery,
  cursor: string | null,
  { limit = galleryPageSize, signal }: { limit?: number; signal?: AbortSignal } = {},
) {
  return await invokeFunction({
    name: "gallery",
    method: "GET",
    query: { ...query, limit, cursor },
    schema: gallery.page,
    signal,
  });
}

export function useGalleryImages(query: GalleryImagesQuery) {
  return useInfiniteQuery({
    queryKey: galleryImageKeys.list(query),
    queryFn: ({ pageParam, signal }) => getGalleryImages(query, pageParam, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** The newest `limit` images, to pick one from. */
export function useRecentGalleryImages(limit: number) {
  return useQuery({
    queryKey: galleryImageKeys.recent(limit),
    queryFn: async ({ signal }) => (await getGalleryImages({}, null, { limit, signal })).items,
  });
}
