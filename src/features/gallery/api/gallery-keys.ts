import type { GalleryFilters } from "@/features/gallery/lib/gallery-filters";

/** Query keys for the gallery feature; every one of its queries starts with `galleryKeys.all`. */
export const galleryKeys = {
  all: ["gallery"] as const,
  lists: () => [...galleryKeys.all, "list"] as const,
  list: (filters: GalleryFilters) => [...galleryKeys.lists(), filters] as const,
  /** Every list showing one album, whatever its other filters (query keys match objects partially). */
  albumLists: (albumId: string) => [...galleryKeys.lists(), { album: albumId }] as const,
  details: () => [...galleryKeys.all, "detail"] as const,
  detail: (imageId: string) => [...galleryKeys.details(), imageId] as const,
  facets: () => [...galleryKeys.all, "facets"] as const,
  albums: () => [...galleryKeys.all, "albums"] as const,
  organisation: (organisationId: string) => [...galleryKeys.all, "organisation", organisationId] as const,
};
