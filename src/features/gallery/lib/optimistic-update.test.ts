import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import type { GalleryImage } from "@domain/contracts/gallery";
import {
  applyOptimistically,
  type GalleryPages,
  moveImage,
  patchImages,
  removeImages,
} from "@/features/gallery/lib/optimistic-update";

function image(id: string): GalleryImage {
  return {
    id,
    prompt: `prompt ${id}`,
    resolvedPrompt: `prompt ${id}`,
    model: "local-render",
    provider: "local",
    feature: "ai-image",
    isFavorite: false,
    width: 256,
    height: 256,
    cost: 1,
    createdAt: "2026-11-23T10:00:00Z",
    thumbnailUrl: null,
  };
}

function pages(...groups: string[][]): GalleryPages {
  return {
    pages: groups.map((ids, page) => ({
      items: ids.map(image),
      nextCursor: page < groups.length - 1 ? `c${page}` : null,
    })),
    pageParams: groups.map((_, page) => (page === 0 ? null : `c${page - 1}`)),
  };
}

const ids = (data: GalleryPages) => data.pages.map((page) => page.items.map((item) => item.id));
const cachedIds = (queryClient: QueryClient, key: readonly unknown[]) =>
  ids(queryClient.getQueryData<GalleryPages>(key) ?? { pages: [], pageParams: [] });

describe("cache updates", () => {
  it("patches and removes images on every page", () => {
    const data = pages(["a", "b"], ["c"]);
    const patched = patchImages(data, new Set(["b", "c"]), { isFavorite: true });
    expect(patched.pages.flatMap((page) => page.items.map((item) => item.isFavorite))).toEqual([
      false,
      true,
      true,
    ]);
    expect(ids(removeImages(data, new Set(["a", "c"])))).toEqual([["b"], []]);
  });

  it("moves an image across pages, keeping each page's size", () => {
    const data = pages(["a", "b"], ["c", "d"]);
    expect(ids(moveImage(data, "d", "a"))).toEqual([["a", "d"], ["b", "c"]]);
    expect(ids(moveImage(data, "b", null))).toEqual([["b", "a"], ["c", "d"]]);
    expect(ids(moveImage(data, "a", "d"))).toEqual([["b", "c"], ["d", "a"]]);
    expect(moveImage(data, "a", "missing")).toBe(data);
  });
});

describe("applyOptimistically", () => {
  it("changes every matching query at once and the rollback restores each one exactly", async () => {
    const queryClient = new QueryClient();
    const all = ["gallery", "list", { album: "" }];
    const favourites = ["gallery", "list", { favorite: true }];
    const other = ["account"];
    queryClient.setQueryData(all, pages(["a", "b"]));
    queryClient.setQueryData(favourites, pages(["b"]));
    queryClient.setQueryData(other, { balance: 5 });

    const rollback = await applyOptimistically<GalleryPages>(
      queryClient,
      ["gallery", "list"],
      (data) => removeImages(data, new Set(["b"])),
    );
    expect(cachedIds(queryClient, all)).toEqual([["a"]]);
    expect(cachedIds(queryClient, favourites)).toEqual([[]]);
    expect(queryClient.getQueryData(other)).toEqual({ balance: 5 });

    rollback();
    expect(cachedIds(queryClient, all)).toEqual([["a", "b"]]);
    expect(cachedIds(queryClient, favourites)).toEqual([["b"]]);
  });

  it("reaches one album's lists by partial key, whatever their other filters", async () => {
    const queryClient = new QueryClient();
    const inAlbum = ["gallery", "list", { q: "", album: "A" }];
    const otherAlbum = ["gallery", "list", { q: "", album: "B" }];
    queryClient.setQueryData(inAlbum, pages(["a", "b"]));
    queryClient.setQueryData(otherAlbum, pages(["a", "b"]));
    const rollback = await applyOptimistically<GalleryPages>(
      queryClient,
      ["gallery", "list", { album: "A" }],
      (data) => moveImage(data, "b", null),
    );
    expect(cachedIds(queryClient, inAlbum)).toEqual([["b", "a"]]);
    expect(cachedIds(queryClient, otherAlbum)).toEqual([["a", "b"]]);
    rollback();
    expect(cachedIds(queryClient, inAlbum)).toEqual([["a", "b"]]);
  });
});
