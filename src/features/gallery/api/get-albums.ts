import { useQuery } from "@tanstack/react-query";
import { albumList } from "@domain/contracts/albums";
import { galleryKeys } from "@/features/gallery/api/gallery-keys";
import { invokeFunction } from "@/lib/invoke-function";

/** GET /functions/v1/albums: the caller's albums, newest first. */
export async function getAlbums({ signal }: { signal?: AbortSignal } = {}) {
  const { albums } = await invokeFunction({ name: "albums", method: "GET", schema: albumList, signal });
  return albums;
}

export function useAlbums() {
  return useQuery({ queryKey: galleryKeys.albums(), queryFn: ({ signal }) => getAlbums({ signal }) });
}
