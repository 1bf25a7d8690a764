import type { InfiniteData, QueryClient, QueryKey } from "@tanstack/react-query";
import { showErrorToast } from "@/lib/error-toast";
import type { GalleryImage, GalleryPage } from "@domain/contracts/gallery";

export type GalleryPages = InfiniteData<GalleryPage, string | null>;

/**
 * Applies `update` to every cached query under `queryKey` at once and returns how to undo it. Running
 * fetches are cancelled first, so a response that left before the change cannot overwrite it.
 */
export async function applyOptimistically<Data>(
  queryClient: QueryClient,
  queryKey: QueryKey,
  update: (data: Data) => Data,
): Promise<() => void> {
  await queryClient.cancelQueries({ queryKey });
  const snapshots = queryClient.getQueriesData<Data>({ queryKey });
  queryClient.setQueriesData<Data>({ queryKey }, (data) => (data === undefined ? data : update(data)));
  return () => {
    for (const [key, data] of snapshots) queryClient.setQueryData(key, data);
  };
}

/** onError of an optimistic mutation: put the caches back and say what failed. */
export function rollBackWithToast(error: unknown, rollback: (() => void) | undefined, what: string) {
  rollback?.();
  showErrorToast(error, { id: `gallery-${what}` });
}

export function patchImages(
  data: GalleryPages,
  ids: ReadonlySet<string>,
  patch: Partial<GalleryImage>,
): GalleryPages {
  return {
    ...data,
    pages: data.pages.map((page) => ({
      ...page,
      items: page.items.map((image) => (ids.has(image.id) ? { ...image, ...patch } : image)),
    })),
  };
}

export function removeImages(data: GalleryPages, ids: ReadonlySet<string>): GalleryPages {
  return {
    ...data,
    pages: data.pages.map((page) => ({ ...page, items: page.items.filter((image) => !ids.has(image.id)) })),
  };
}

/**
 * Moves one loaded image to just after `afterImageId` (first when null), keeping the page sizes,
 * so the album view shows the new order before the server has answered.
 */
export function moveImage(data: GalleryPages, imageId: string, afterImageId: string | null): GalleryPages {
  const all = data.pages.flatMap((page) => page.items);
  const moving = all.find((image) => image.id === imageId);
  if (!moving) return data;
  const rest = all.filter((image) => image.id !== imageId);
  const insertAt = afterImageId === null ? 0 : rest.findIndex((image) => image.id === afterImageId) + 1;
  if (afterImageId !== null && insertAt === 0) return data;
  rest.splice(insertAt, 0, moving);
  let offset = 0;
  return {
    ...data,
    pages: data.pages.map((page) => {
      const items = rest.slice(offset, offset + page.items.length);
      offset += page.items.length;
      return { ...page, items };
    }),
  };
}
