import { useQuery } from "@tanstack/react-query";
import * as gallery from "@domain/contracts/gallery";
import { galleryKeys } from "@/features/gallery/api/gallery-keys";
import { invokeFunction } from "@/lib/invoke-function";

/** GET /functions/v1/gallery/facets: the models and features the caller's images have, for the filter menus. */
export async function getGalleryFacets({ signal }: { signal?: AbortSignal } = {}) {
  return await invokeFunction({ name: "gallery/facets", method: "GET", schema: gallery.facets, signal });
}

export function useGalleryFacets() {
  return useQuery({ queryKey: galleryKeys.facets(), queryFn: ({ signal }) => getGalleryFacets({ signal }) });
}
