/** Query keys for the video feature; every one of its queries starts with `videoKeys.all`. */
export const videoKeys = {
  all: ["video"] as const,
  list: () => [...videoKeys.all, "list"] as const,
  status: (videoId: string) => [...videoKeys.all, "status", videoId] as const,
};
