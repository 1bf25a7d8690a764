import { useMutation, useQueryClient } from "@tanstack/react-query";
import { videoKeys } from "@/features/video/api/video-keys";
import { videoCreated } from "@domain/contracts/image-to-video";
import type { VideoSettings } from "@/features/video/lib/video-options";
import { FunctionHttpError } from "@/lib/function-errors";
import { invokeFunction } from "@/lib/invoke-function";

/** POST /functions/v1/image-to-video: queues the free preview render of an image. */
export async function createVideo(settings: VideoSettings) {
  return await invokeFunction({ name: "image-to-video", body: settings, schema: videoCreated });
}

/**
 * The server can't run the AI motion effect here (no provider key, or the provider is down): the
 * effect is switched off with the server's reason rather than offered again.
 */
export function isProviderUnavailable(error: unknown): boolean {
  if (!(error instanceof FunctionHttpError)) return false;
  return error.details.reason === "PROVIDER_NOT_CONFIGURED" || error.status === 503;
}

export function useCreateVideo() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createVideo,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: videoKeys.list() });
    },
  });
}
