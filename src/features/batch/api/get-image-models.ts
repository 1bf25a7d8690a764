import { useQuery } from "@tanstack/react-query";
import * as z from "zod/mini";
import { batchKeys } from "@/features/batch/api/batch-keys";
import { invokeFunction } from "@/lib/invoke-function";

const batchModelSchema = z.object({ id: z.string(), label: z.string(), available: z.boolean() });
export type BatchModel = z.infer<typeof batchModelSchema>;

const modelsResponseSchema = z.object({ models: z.array(batchModelSchema) });

/** GET /functions/v1/image-generation/models; a batch only needs each model's id, label and availability. */
export async function getImageModels({ signal }: { signal?: AbortSignal } = {}) {
  const { models } = await invokeFunction({
    name: "image-generation/models",
    method: "GET",
    schema: modelsResponseSchema,
    signal,
  });
  return models.filter((model) => model.available);
}

export function useImageModels() {
  return useQuery({
    queryKey: batchKeys.models(),
    queryFn: ({ signal }) => getImageModels({ signal }),
    // The catalog changes with a deploy, not while someone is on the page.
    staleTime: 10 * 60_000,
  });
}
