import { useMutation, useQueryClient } from "@tanstack/react-query";
import { galleryKeys } from "@/features/gallery/api/gallery-keys";
import { albumResponse } from "@domain/contracts/albums";
import { invokeFunction } from "@/lib/invoke-function";

/** POST /functions/v1/albums { title, description? }. */
export async function createAlbum(input: { title: string; description?: string }) {
  const { album } = await invokeFunction({ name: "albums", body: input, schema: albumResponse });
  return album;
}

export function useCreateAlbum() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createAlbum,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: galleryKeys.albums() }),
  });
}
