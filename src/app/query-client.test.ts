import { QueryClient } from "@tanstack/react-query";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createQueryClient, forgetPersistedGalleryCache, persistGalleryCache } from "@/app/query-client";
import { galleryImageKeys } from "@/data/gallery-images/gallery-image-keys";
import { galleryKeys } from "@/features/gallery/api/gallery-keys";

const listKey = galleryImageKeys.list({} as never);
const pages = (count: number) => ({
  pages: Array.from({ length: count }, (_, index) => ({ items: [{ id: `image-${index}` }] })),
  pageParams: Array.from({ length: count }, (_, index) => index),
});

function savedGallery(userId: string) {
  vi.useFakeTimers();
  const queryClient = createQueryClient();
  const stop = persistGalleryCache(queryClient, userId);
  queryClient.setQueryData(listKey, pages(5));
  queryClient.setQueryData(galleryKeys.facets(), { models: [] });
  queryClient.setQueryData(["account", "credits"], { balance: 100 });
  queryClient.setQueryData(galleryImageKeys.detail("image-0"), { originalUrl: "signed" });
  vi.advanceTimersByTime(1_000);
  stop();
  vi.useRealTimers();
}

describe("the persisted gallery cache", () => {
  afterEach(() => {
    forgetPersistedGalleryCache();
  });

  it("brings back the same person's gallery lists and facets, first pages only, and nothing else", () => {
    savedGallery("user-a");
    const restored = new QueryClient();
    persistGalleryCache(restored, "user-a")();

    expect(restored.getQueryData(listKey)).toEqual(pages(3));
    expect(restored.getQueryState(listKey)?.isInvalidated).toBe(true);
    expect(restored.getQueryData(galleryKeys.facets())).toEqual({ models: [] });
    expect(restored.getQueryData(["account", "credits"])).toBeUndefined();
    expect(restored.getQueryData(galleryImageKeys.detail("image-0"))).toBeUndefined();
  });

  it("never shows one person's gallery to another, nor after signing out", () => {
    savedGallery("user-a");
    const someoneElse = new QueryClient();
    persistGalleryCache(someoneElse, "user-b")();
    expect(someoneElse.getQueryData(listKey)).toBeUndefined();

    savedGallery("user-a");
    forgetPersistedGalleryCache();
    const afterSignOut = new QueryClient();
    persistGalleryCache(afterSignOut, "user-a")();
    expect(afterSignOut.getQueryData(listKey)).toBeUndefined();
  });
});
