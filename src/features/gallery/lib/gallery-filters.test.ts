import { describe, expect, it } from "vitest";
import { emptyFilters, filtersToQuery, isNarrowed, parseFilters, serializeFilters } from "@/features/gallery/lib/gallery-filters";

const albumId = "2f1c7a8e-4b1d-4c6e-9a51-0c2d3e4f5a6b";

describe("gallery filters in the URL", () => {
  it("round-trips every filter through the search params", () => {
    const filters = { q: "red fox", model: "local-render", feature: "upload", favorite: true, album: albumId, from: "2026-01-02", to: "2026-03-04" };
    const params = serializeFilters(filters);
    expect(params.toString()).toBe(
      `q=red+fox&model=local-render&feature=upload&favorite=true&album=${albumId}&from=2026-01-02&to=2026-03-04`,
    );
    expect(parseFilters(new URLSearchParams(params.toString()))).toEqual(filters);
  });

  it("leaves empty filters out, so the plain gallery is just /gallery, and keeps other params", () => {
    expect(serializeFilters(emptyFilters).toString()).toBe("");
    const kept = serializeFilters({ ...emptyFilters, q: "  cat " }, new URLSearchParams("q=dog&model=x&other=1"));
    expect(kept.toString()).toBe("q=cat&other=1");
  });

  it("drops what the server would refuse from a hand-edited link", () => {
    expect(parseFilters(new URLSearchParams("album=not-a-uuid&from=2026-13-45&to=yesterday&favorite=yes"))).toEqual(emptyFilters);
  });

  it("sends a search only from two characters, and only the filters that are set", () => {
    expect(filtersToQuery({ ...emptyFilters, q: " a " })).toEqual({
      q: undefined, model: undefined, feature: undefined, favorite: undefined, album: undefined, from: undefined, to: undefined,
    });
    expect(filtersToQuery({ ...emptyFilters, q: "ab", favorite: true, album: albumId })).toMatchObject({ q: "ab", favorite: "true", album: albumId });
  });

  it("counts an album alone as not narrowed (its order can be changed), anything else as narrowed", () => {
    expect(isNarrowed({ ...emptyFilters, album: albumId })).toBe(false);
    expect(isNarrowed({ ...emptyFilters, album: albumId, favorite: true })).toBe(true);
    expect(isNarrowed({ ...emptyFilters, q: "x" })).toBe(false);
    expect(isNarrowed({ ...emptyFilters, q: "xy" })).toBe(true);
  });
});
