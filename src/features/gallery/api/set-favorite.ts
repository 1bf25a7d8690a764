import { useMutation, useQueryClient } from "@tanstack/react-query";
import * as gallery from "@domain/contracts/gallery";
import { galleryImageKeys } from "@/data/gallery-images/gallery-image-keys";
import {
  applyOptimistically,
  type GalleryPages,
  patchImages,
  rollBackWithToast,
} from "@/features/gallery/lib/optimistic-update";
import { invokeFunction } from "@/lib/invoke-function";

/** PATCH /functions/v1/gallery/:id { isFavorite }. */
export async function setFavorite({ imageId, isFavorite }: { imageId: string; isFavorite: boolean }) {
  const { image } = await invokeFunction({
    name: `gallery/${imageId}`,
    method: "PATCH",
    body: { isFavorite },
    schema: gallery.imageResponse,
  });
  return image;
}

/** Favourites (or un-favourites) several images; the grid and the open lightbox change at once. */
export function useSetFavorites() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ imageIds, isFavorite }: { imageIds: string[]; isFavorite: boolean }) =>
      await Promise.all(imageIds.map((imageId) => setFavorite({ imageId, isFavorite }))),
    onMutate: async ({ imageIds, isFavorite }) => {
      const ids = new Set(imageIds);
      const undoLists = await applyOptimistically<GalleryPages>(
        queryClient,
        galleryImageKeys.lists(),
        (data) => patchImages(data, ids, { isFavorite }),
      );
      const undoDetails = await applyOptimistically<gallery.GalleryImageDetail>(
        queryClient,
        galleryImageKeys.details(),
        (image) => ids.has(image.id) ? { ...image, isFavorite } : image,
      );
      return () => {
        undoLists();
        undoDetails();
      };
    },
    onError: (error, _variables, rollback) => rollBackWithToast(error, rollback, "favourite"),
    onSettled: () => queryClient.invalidateQueries({ queryKey: galleryImageKeys.lists() }),
  });
}
