import { useQuery } from "@tanstack/react-query";
import * as z from "zod/mini";
import { galleryKeys } from "@/features/gallery/api/gallery-keys";
import { invokeFunction } from "@/lib/invoke-function";

const facetsSchema = z.object({ models: z.array(z.string()), features: z.array(z.string()) });
export type GalleryFacets = z.infer<typeof facetsSchema>;

/** GET /functions/v1/gallery/facets: the models and features the caller's images have, for the filter menus. */
export async function getGalleryFacets({ signal }: { signal?: AbortSignal } = {}) {
  return await invokeFunction({ name: "gallery/facets", method: "GET", schema: facetsSchema, signal });
}

export function useGalleryFacets() {
  return useQuery({ queryKey: galleryKeys.facets(), queryFn: ({ signal }) => getGalleryFacets({ signal }) });
}
