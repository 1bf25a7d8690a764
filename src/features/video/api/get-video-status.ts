import { useQuery } from "@tanstack/react-query";
import { videoKeys } from "@/features/video/api/video-keys";
import { videoStatus } from "@domain/contracts/image-to-video";
import { shouldPollVideo, videoPollMs } from "@/features/video/lib/video-status";
import { invokeFunction } from "@/lib/invoke-function";

/** GET /functions/v1/image-to-video/:id/status */
export async function getVideoStatus(videoId: string, { signal }: { signal?: AbortSignal } = {}) {
  return await invokeFunction({
    name: `image-to-video/${videoId}/status`,
    method: "GET",
    schema: videoStatus,
    signal,
  });
}

/** The video's state, polled every second while a render runs (or a payment is settling). */
export function useVideoStatus(videoId: string, { awaitingSettlement }: { awaitingSettlement: boolean }) {
  return useQuery({
    queryKey: videoKeys.status(videoId),
    queryFn: ({ signal }) => getVideoStatus(videoId, { signal }),
    refetchInterval: (
      query,
    ) => (shouldPollVideo(query.state.data, { awaitingSettlement }) ? videoPollMs : false),
  });
}
