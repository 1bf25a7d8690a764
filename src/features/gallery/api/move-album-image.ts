import { useMutation, useQueryClient } from "@tanstack/react-query";
import { imageMoved } from "@domain/contracts/albums";
import { galleryImageKeys } from "@/data/gallery-images/gallery-image-keys";
import {
  applyOptimistically,
  type GalleryPages,
  moveImage,
  rollBackWithToast,
} from "@/features/gallery/lib/optimistic-update";
import { invokeFunction } from "@/lib/invoke-function";

export interface AlbumMove {
  albumId: string;
  imageId: string;
  /** The image it goes right after; null puts it first. */
  afterImageId: string | null;
}

/** POST /functions/v1/albums/:id/move { imageId, afterImageId }. */
export async function moveAlbumImage({ albumId, imageId, afterImageId }: AlbumMove) {
  const { position } = await invokeFunction({
    name: `albums/${albumId}/move`,
    body: { imageId, afterImageId },
    schema: imageMoved,
  });
  return position;
}

/** The album view shows the new order at once and goes back to the old one if the server refuses. */
export function useMoveAlbumImage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: moveAlbumImage,
    onMutate: async ({ albumId, imageId, afterImageId }) =>
      await applyOptimistically<GalleryPages>(
        queryClient,
        galleryImageKeys.albumLists(albumId),
        (data) => moveImage(data, imageId, afterImageId),
      ),
    onError: (error, _move, rollback) => rollBackWithToast(error, rollback, "album-move"),
  });
}
