import { useQuery } from "@tanstack/react-query";
import { videoKeys } from "@/features/video/api/video-keys";
import { videoList } from "@domain/contracts/image-to-video";
import { invokeFunction } from "@/lib/invoke-function";

/** GET /functions/v1/image-to-video: the signed-in person's videos, newest first. */
export async function getVideos({ signal }: { signal?: AbortSignal } = {}) {
  const { videos } = await invokeFunction({
    name: "image-to-video",
    method: "GET",
    schema: videoList,
    signal,
  });
  return videos;
}

export function useVideos() {
  return useQuery({ queryKey: videoKeys.list(), queryFn: ({ signal }) => getVideos({ signal }) });
}
