import { describe, expect, it } from "vitest";
import { emptyGalleryFilters as emptyFilters } from "@/config/paths";
import { filtersToQuery, isNarrowed } from "@/features/gallery/lib/gallery-filters";

const albumId = "2f1c7a8e-4b1d-4c6e-9a51-0c2d3e4f5a6b";

describe("gallery filters as the server's query", () => {
  it("sends a search only from two characters, and only the filters that are set", () => {
    expect(filtersToQuery({ ...emptyFilters, q: " a " })).toEqual({
      q: undefined,
      model: undefined,
      feature: undefined,
      favorite: undefined,
      album: undefined,
      from: undefined,
      to: undefined,
    });
    expect(filtersToQuery({ ...emptyFilters, q: "ab", favorite: true, album: albumId })).toMatchObject({
      q: "ab",
      favorite: "true",
      album: albumId,
    });
  });

  it("counts an album alone as not narrowed (its order can be changed), anything else as narrowed", () => {
    expect(isNarrowed({ ...emptyFilters, album: albumId })).toBe(false);
    expect(isNarrowed({ ...emptyFilters, album: albumId, favorite: true })).toBe(true);
    expect(isNarrowed({ ...emptyFilters, q: "x" })).toBe(false);
    expect(isNarrowed({ ...emptyFilters, q: "xy" })).toBe(true);
  });
});
