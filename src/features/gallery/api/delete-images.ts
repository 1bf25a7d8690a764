import { useMutation, useQueryClient } from "@tanstack/react-query";
import * as gallery from "@domain/contracts/gallery";
import { galleryImageKeys } from "@/data/gallery-images/gallery-image-keys";
import { galleryKeys } from "@/features/gallery/api/gallery-keys";
import {
  applyOptimistically,
  type GalleryPages,
  removeImages,
  rollBackWithToast,
} from "@/features/gallery/lib/optimistic-update";
import { invokeFunction } from "@/lib/invoke-function";

/** The server takes at most this many ids per call. */
const deleteBatchSize = 100;

/** POST /functions/v1/gallery/delete: removes the images (rows and files) in batches of 100. */
export async function deleteImages(imageIds: string[]) {
  const deleted: string[] = [];
  for (let start = 0; start < imageIds.length; start += deleteBatchSize) {
    const result = await invokeFunction({
      name: "gallery/delete",
      body: { ids: imageIds.slice(start, start + deleteBatchSize) },
      schema: gallery.deleted,
    });
    deleted.push(...result.deleted);
  }
  return deleted;
}

export function useDeleteImages() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteImages,
    onMutate: async (imageIds) => {
      const ids = new Set(imageIds);
      return await applyOptimistically<GalleryPages>(
        queryClient,
        galleryImageKeys.lists(),
        (data) => removeImages(data, ids),
      );
    },
    onError: (error, _imageIds, rollback) => rollBackWithToast(error, rollback, "delete"),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: galleryImageKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: galleryKeys.albums() });
      void queryClient.invalidateQueries({ queryKey: galleryKeys.facets() });
    },
  });
}
