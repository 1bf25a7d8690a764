import { useQuery } from "@tanstack/react-query";
import * as z from "zod/mini";
import { galleryKeys } from "@/features/gallery/api/gallery-keys";
import { albumSchema } from "@/features/gallery/api/gallery-schemas";
import { invokeFunction } from "@/lib/invoke-function";

const albumsSchema = z.object({ albums: z.array(albumSchema) });

/** GET /functions/v1/albums: the caller's albums, newest first. */
export async function getAlbums({ signal }: { signal?: AbortSignal } = {}) {
  const { albums } = await invokeFunction({ name: "albums", method: "GET", schema: albumsSchema, signal });
  return albums;
}

export function useAlbums() {
  return useQuery({ queryKey: galleryKeys.albums(), queryFn: ({ signal }) => getAlbums({ signal }) });
}
