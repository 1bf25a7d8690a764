import { useMutation, useQueryClient } from "@tanstack/react-query";
import * as z from "zod/mini";
import { galleryKeys } from "@/features/gallery/api/gallery-keys";
import { invokeFunction } from "@/lib/invoke-function";

/** DELETE /functions/v1/albums/:id answers 204: no body. */
const noContentSchema = z.unknown();

/** DELETE /functions/v1/albums/:id; its images stay in the gallery. */
export async function deleteAlbum(albumId: string) {
  await invokeFunction({ name: `albums/${albumId}`, method: "DELETE", schema: noContentSchema });
}

export function useDeleteAlbum() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteAlbum,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: galleryKeys.albums() }),
  });
}
