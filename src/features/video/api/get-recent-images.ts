import { useQuery } from "@tanstack/react-query";
import * as z from "zod/mini";
import { sourceImageSchema } from "@/features/video/api/get-source-image";
import { videoKeys } from "@/features/video/api/video-keys";
import { invokeFunction } from "@/lib/invoke-function";

const recentImageLimit = 24;

const galleryPageSchema = z.object({ items: z.array(sourceImageSchema) });

/** GET /functions/v1/gallery?limit=24: the newest images, to pick one to animate. */
export async function getRecentImages({ signal }: { signal?: AbortSignal } = {}) {
  const { items } = await invokeFunction({
    name: "gallery",
    method: "GET",
    query: { limit: recentImageLimit },
    schema: galleryPageSchema,
    signal,
  });
  return items;
}

export function useRecentImages({ enabled }: { enabled: boolean }) {
  return useQuery({ queryKey: videoKeys.recentImages(), queryFn: ({ signal }) => getRecentImages({ signal }), enabled });
}
