import { useQuery } from "@tanstack/react-query";
import * as z from "zod/mini";
import { videoKeys } from "@/features/video/api/video-keys";
import { invokeFunction } from "@/lib/invoke-function";

export const sourceImageSchema = z.object({
  id: z.string(),
  resolvedPrompt: z.string(),
  width: z.number(),
  height: z.number(),
  /** Short-lived and signed; null while the thumbnail is missing. */
  thumbnailUrl: z.nullable(z.string()),
});
export type SourceImage = z.infer<typeof sourceImageSchema>;

const imageResponseSchema = z.object({ image: z.extend(sourceImageSchema, { url: z.string() }) });

/** GET /functions/v1/gallery/:id: the image a video starts from (the ?imageId= of the page). */
export async function getSourceImage(imageId: string, { signal }: { signal?: AbortSignal } = {}) {
  const { image } = await invokeFunction({ name: `gallery/${imageId}`, method: "GET", schema: imageResponseSchema, signal });
  return image;
}

export function useSourceImage(imageId: string | null) {
  return useQuery({
    queryKey: videoKeys.sourceImage(imageId ?? ""),
    queryFn: ({ signal }) => getSourceImage(imageId ?? "", { signal }),
    enabled: imageId !== null,
  });
}
