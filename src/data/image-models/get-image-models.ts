import { useQuery } from "@tanstack/react-query";
import { modelsResponse } from "@domain/contracts/image-generation";
import { imageModelKeys } from "@/data/image-models/image-model-keys";
import { invokeFunction } from "@/lib/invoke-function";

/** GET /functions/v1/image-generation/models: the catalog, with what each model accepts and whether it runs here. */
export async function getImageModels({ signal }: { signal?: AbortSignal } = {}) {
  const { models } = await invokeFunction({
    name: "image-generation/models",
    method: "GET",
    schema: modelsResponse,
    signal,
  });
  return models;
}

export function useImageModels() {
  return useQuery({
    queryKey: imageModelKeys.list(),
    queryFn: ({ signal }) => getImageModels({ signal }),
    // The catalog changes with a deploy, not while someone is on the page.
    staleTime: 10 * 60_000,
  });
}
