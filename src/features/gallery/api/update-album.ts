import { useMutation, useQueryClient } from "@tanstack/react-query";
import { galleryKeys } from "@/features/gallery/api/gallery-keys";
import { albumResponse } from "@domain/contracts/albums";
import { invokeFunction } from "@/lib/invoke-function";

/** PATCH /functions/v1/albums/:id { title?, description? }. */
export async function updateAlbum(
  { albumId, ...changes }: { albumId: string; title?: string; description?: string },
) {
  const { album } = await invokeFunction({
    name: `albums/${albumId}`,
    method: "PATCH",
    body: changes,
    schema: albumResponse,
  });
  return album;
}

export function useUpdateAlbum() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateAlbum,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: galleryKeys.albums() }),
  });
}
