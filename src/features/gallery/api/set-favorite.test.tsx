import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, renderHook, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { emptyGalleryFilters } from "@/config/paths";
import { galleryImageKeys } from "@/data/gallery-images/gallery-image-keys";
import type { GalleryImage } from "@domain/contracts/gallery";
import { useSetFavorites } from "@/features/gallery/api/set-favorite";
import { filtersToQuery } from "@/features/gallery/lib/gallery-filters";
import type { GalleryPages } from "@/features/gallery/lib/optimistic-update";
import { ServerError } from "@/lib/function-errors";

const invokeFunction = vi.hoisted(() => vi.fn());
const showErrorToast = vi.hoisted(() => vi.fn());
vi.mock("@/lib/invoke-function", () => ({ invokeFunction }));
vi.mock("@/lib/error-toast", () => ({ showErrorToast }));

const image: GalleryImage = {
  id: "a",
  prompt: "a fox",
  resolvedPrompt: "a fox",
  model: "local-render",
  provider: "local",
  feature: "ai-image",
  isFavorite: false,
  width: 256,
  height: 256,
  cost: 1,
  createdAt: "2026-11-23T10:00:00.000Z",
  thumbnailUrl: null,
};

function setUp() {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: Infinity }, mutations: { retry: false } },
  });
  const key = galleryImageKeys.list(filtersToQuery(emptyGalleryFilters));
  queryClient.setQueryData<GalleryPages>(key, {
    pages: [{ items: [image], nextCursor: null }],
    pageParams: [null],
  });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
  );
  const { result } = renderHook(() => useSetFavorites(), { wrapper });
  const favourite = () => queryClient.getQueryData<GalleryPages>(key)?.pages[0]?.items[0]?.isFavorite;
  return { result, favourite };
}

beforeEach(() => {
  invokeFunction.mockReset();
  showErrorToast.mockReset();
});

describe("useSetFavorites", () => {
  it("shows the star at once and keeps it when the server agrees", async () => {
    let answer: (value: unknown) => void = () => {};
    invokeFunction.mockImplementation(() => new Promise((resolve) => (answer = resolve)));
    const { result, favourite } = setUp();
    act(() => result.current.mutate({ imageIds: ["a"], isFavorite: true }));
    await waitFor(() => expect(favourite()).toBe(true));
    expect(invokeFunction).toHaveBeenCalledWith(
      expect.objectContaining({ name: "gallery/a", method: "PATCH", body: { isFavorite: true } }),
    );
    act(() => answer({ image: { ...image, isFavorite: true } }));
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(favourite()).toBe(true);
    expect(showErrorToast).not.toHaveBeenCalled();
  });

  it("takes the star back and says why when the server refuses", async () => {
    const failure = new ServerError("gallery/a", 500, "INTERNAL_ERROR", "Down for a moment.");
    invokeFunction.mockRejectedValue(failure);
    const { result, favourite } = setUp();
    act(() => result.current.mutate({ imageIds: ["a"], isFavorite: true }));
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(favourite()).toBe(false);
    expect(showErrorToast).toHaveBeenCalledWith(failure, { id: "gallery-favourite" });
  });
});
