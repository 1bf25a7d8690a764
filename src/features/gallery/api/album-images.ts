import { useMutation, useQueryClient } from "@tanstack/react-query";
import { galleryImageKeys } from "@/data/gallery-images/gallery-image-keys";
import { galleryKeys } from "@/features/gallery/api/gallery-keys";
import { type Album, imagesAdded, imagesRemoved } from "@domain/contracts/albums";
import {
  applyOptimistically,
  type GalleryPages,
  removeImages,
  rollBackWithToast,
} from "@/features/gallery/lib/optimistic-update";
import { invokeFunction } from "@/lib/invoke-function";

/** POST /functions/v1/albums/:id/images { imageIds }: appended at the album's end; ones already in it are skipped. */
export async function addAlbumImages({ albumId, imageIds }: { albumId: string; imageIds: string[] }) {
  const { added } = await invokeFunction({
    name: `albums/${albumId}/images`,
    body: { imageIds },
    schema: imagesAdded,
  });
  return added;
}

/** DELETE /functions/v1/albums/:id/images { imageIds }: out of the album, still in the gallery. */
export async function removeAlbumImages({ albumId, imageIds }: { albumId: string; imageIds: string[] }) {
  const { removed } = await invokeFunction({
    name: `albums/${albumId}/images`,
    method: "DELETE",
    body: { imageIds },
    schema: imagesRemoved,
  });
  return removed;
}

/** The album's count goes up at once; its view refetches when the server has answered. */
export function useAddAlbumImages() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addAlbumImages,
    onMutate: async ({ albumId, imageIds }) =>
      await applyOptimistically<Album[]>(
        queryClient,
        galleryKeys.albums(),
        (albums) =>
          albums.map((
            album,
          ) => (album.id === albumId ? { ...album, imageCount: album.imageCount + imageIds.length } : album)),
      ),
    onError: (error, _variables, rollback) => rollBackWithToast(error, rollback, "album-add"),
    onSettled: (_added, _error, { albumId }) => {
      void queryClient.invalidateQueries({ queryKey: galleryKeys.albums() });
      void queryClient.invalidateQueries({ queryKey: galleryImageKeys.albumLists(albumId) });
    },
  });
}

export function useRemoveAlbumImages() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: removeAlbumImages,
    onMutate: async ({ albumId, imageIds }) => {
      const ids = new Set(imageIds);
      const undoList = await applyOptimistically<GalleryPages>(
        queryClient,
        galleryImageKeys.albumLists(albumId),
        (data) => removeImages(data, ids),
      );
      const undoCount = await applyOptimistically<Album[]>(
        queryClient,
        galleryKeys.albums(),
        (albums) =>
          albums.map((
            album,
          ) => (album.id === albumId
            ? { ...album, imageCount: Math.max(0, album.imageCount - ids.size) }
            : album)
          ),
      );
      return () => {
        undoList();
        undoCount();
      };
    },
    onError: (error, _variables, rollback) => rollBackWithToast(error, rollback, "album-remove"),
    onSettled: (_removed, _error, { albumId }) => {
      void queryClient.invalidateQueries({ queryKey: galleryKeys.albums() });
      void queryClient.invalidateQueries({ queryKey: galleryImageKeys.albumLists(albumId) });
      void queryClient.invalidateQueries({ queryKey: galleryImageKeys.details() });
    },
  });
}
