import type { GalleryImagesQuery } from "@/data/gallery-images/get-gallery-images";

/** What the grid shows; lives in the URL's search params so a view can be shared and survives a reload. */
export interface GalleryFilters {
  q: string;
  model: string;
  feature: string;
  favorite: boolean;
  album: string;
  /** Dates as YYYY-MM-DD, both inclusive. */
  from: string;
  to: string;
}

export const emptyFilters: GalleryFilters = { q: "", model: "", feature: "", favorite: false, album: "", from: "", to: "" };

const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The server searches from two characters on; shorter text would only match everything. */
export const minimumSearchLength = 2;

function validDate(value: string | null): string {
  return value && datePattern.test(value) && !Number.isNaN(Date.parse(value)) ? value : "";
}

/** Reads the filters from a URL, dropping what the server would refuse (a hand-edited link stays usable). */
export function parseFilters(params: URLSearchParams): GalleryFilters {
  const album = params.get("album") ?? "";
  return {
    q: params.get("q")?.trim() ?? "",
    model: params.get("model") ?? "",
    feature: params.get("feature") ?? "",
    favorite: params.get("favorite") === "true",
    album: uuidPattern.test(album) ? album : "",
    from: validDate(params.get("from")),
    to: validDate(params.get("to")),
  };
}

/**
 * Writes the filters into `base` (other params are kept), leaving empty ones out so the
 * plain gallery's URL is just /gallery.
 */
export function serializeFilters(filters: GalleryFilters, base = new URLSearchParams()): URLSearchParams {
  const params = new URLSearchParams(base);
  const values: Record<keyof GalleryFilters, string> = {
    q: filters.q.trim(),
    model: filters.model,
    feature: filters.feature,
    favorite: filters.favorite ? "true" : "",
    album: filters.album,
    from: filters.from,
    to: filters.to,
  };
  for (const [key, value] of Object.entries(values)) {
    if (value) params.set(key, value);
    else params.delete(key);
  }
  return params;
}

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
  return Boolean(filtersToQuery({ ...filters, album: "" }).q || filters.model || filters.feature || filters.favorite || filters.from || filters.to);
}
