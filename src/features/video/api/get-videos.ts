import { useQuery } from "@tanstack/react-query";
import * as z from "zod/mini";
import { videoKeys } from "@/features/video/api/video-keys";
import { videoSummarySchema } from "@/features/video/api/video-schemas";
import { invokeFunction } from "@/lib/invoke-function";

const videosResponseSchema = z.object({ videos: z.array(videoSummarySchema) });

/** GET /functions/v1/image-to-video: the signed-in person's videos, newest first. */
export async function getVideos({ signal }: { signal?: AbortSignal } = {}) {
  const { videos } = await invokeFunction({ name: "image-to-video", method: "GET", schema: videosResponseSchema, signal });
  return videos;
}

export function useVideos() {
  return useQuery({ queryKey: videoKeys.list(), queryFn: ({ signal }) => getVideos({ signal }) });
}
