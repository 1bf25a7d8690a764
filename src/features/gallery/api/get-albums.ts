import { useQuery } from "@tanstack/react-query";
import * as z from "zod/mini";
import { galleryKeys } from "@/features/gallery/api/gallery-keys";
import { invokeFunction } from "@/lib/invoke-function";

export const albumSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.nullish(z.string()),
  source: z.string(),
  imageCount: z.number(),
  coverThumbnailUrl: z.nullish(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Album = z.infer<typeof albumSchema>;

export const albumResponseSchema = z.object({ album: albumSchema });

const albumsSchema = z.object({ albums: z.array(albumSchema) });

/** GET /functions/v1/albums: the caller's albums, newest first. */
export async function getAlbums({ signal }: { signal?: AbortSignal } = {}) {
  const { albums } = await invokeFunction({ name: "albums", method: "GET", schema: albumsSchema, signal });
  return albums;
}

export function useAlbums() {
  return useQuery({ queryKey: galleryKeys.albums(), queryFn: ({ signal }) => getAlbums({ signal }) });
}
