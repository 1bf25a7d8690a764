import type { GalleryFilters } from "@/config/paths";
import type { GalleryImagesQuery } from "@/data/gallery-images/get-gallery-images";

/** The server searches from two characters on; shorter text would only match everything. */
const minimumSearchLength = 2;

/** The gallery function's query for these filters; a one-letter search is not sent. */
export function filtersToQuery(filters: GalleryFilters): GalleryImagesQuery {
  const q = filters.q.trim();
  return {
    q: q.length >= minimumSearchLength ? q : undefined,
    model: filters.model || undefined,
    feature: filters.feature || undefined,
    favorite: filters.favorite ? "true" : undefined,
    album: filters.album || undefined,
    from: filters.from || undefined,
    to: filters.to || undefined,
  };
}

/** Filters other than the album narrow the view; an album's order can only be changed unfiltered. */
export function isNarrowed(filters: GalleryFilters): boolean {
  return Boolean(
    filtersToQuery({ ...filters, album: "" }).q || filters.model || filters.feature || filters.favorite ||
      filters.from || filters.to,
  );
}
