/** The one price table for videos (DESIGN.md §8: a $1.00 base; larger renders cost more). */
export const videoResolutions = ["480p", "720p", "1080p"] as const;
export type VideoResolution = (typeof videoResolutions)[number];

export const videoCurrency = "usd";

const priceCents: Record<VideoResolution, number> = { "480p": 100, "720p": 100, "1080p": 150 };

export function videoPriceCents(resolution: VideoResolution): number {
  return priceCents[resolution];
}
