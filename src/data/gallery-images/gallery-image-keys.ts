import type { GalleryImagesQuery } from "@/data/gallery-images/get-gallery-images";

/** Query keys for the person's images; every one of their queries starts with `galleryImageKeys.all`. */
export const galleryImageKeys = {
  all: ["gallery-images"] as const,
  /** The paged lists the gallery scrolls; each page holds `GalleryPage`s, so only they live here. */
  lists: () => [...galleryImageKeys.all, "list"] as const,
  list: (query: GalleryImagesQuery) => [...galleryImageKeys.lists(), query] as const,
  /** Every list showing one album, whatever its other filters (query keys match objects partially). */
  albumLists: (albumId: string) => [...galleryImageKeys.lists(), { album: albumId }] as const,
  /** The newest few, unpaged (a picker, not a list to scroll). */
  recent: (limit: number) => [...galleryImageKeys.all, "recent", { limit }] as const,
  details: () => [...galleryImageKeys.all, "detail"] as const,
  detail: (imageId: string) => [...galleryImageKeys.details(), imageId] as const,
};
