import { useQuery } from "@tanstack/react-query";
import * as z from "zod/mini";
import { imageModelKeys } from "@/data/image-models/image-model-keys";
import { invokeFunction } from "@/lib/invoke-function";

const modelSettingSchema = z.object({
  allowed: z.array(z.string()),
  default: z.optional(z.string()),
});
export type ModelSetting = z.infer<typeof modelSettingSchema>;

export const imageModelSchema = z.object({
  id: z.string(),
  label: z.string(),
  provider: z.string(),
  /** The provider is configured here and the model is not retired. */
  available: z.boolean(),
  retired: z.boolean(),
  retirement: z.optional(z.object({ on: z.string(), successor: z.string() })),
  aliases: z.array(z.string()),
  supportsReferenceImage: z.boolean(),
  /** The settings this model accepts, each with its allowed values and default. */
  settings: z.record(z.string(), modelSettingSchema),
});
export type ImageModel = z.infer<typeof imageModelSchema>;

const modelsResponseSchema = z.object({ models: z.array(imageModelSchema) });

/** GET /functions/v1/image-generation/models: the catalog, with what each model accepts and whether it runs here. */
export async function getImageModels({ signal }: { signal?: AbortSignal } = {}) {
  const { models } = await invokeFunction({
    name: "image-generation/models",
    method: "GET",
    schema: modelsResponseSchema,
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
