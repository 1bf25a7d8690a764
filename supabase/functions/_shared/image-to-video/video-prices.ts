/** The one price table for videos (DESIGN.md §8: a $1.00 base; larger renders cost more). */
import type { VideoResolution } from "../domain/video-options.ts";

export const videoCurrency = "usd";

const priceCents: Record<VideoResolution, number> = { "480p": 100, "720p": 100, "1080p": 150 };

export function videoPriceCents(resolution: VideoResolution): number {
  return priceCents[resolution];
}

export interface VideoPrice {
  amountCents: number;
  currency: string;
}

/** What a video of this resolution costs, as Stripe takes it (smallest currency unit). */
export function videoPrice(resolution: VideoResolution): VideoPrice {
  const amountCents = priceCents[resolution];
  if (amountCents === undefined) throw new Error(`no price for video resolution "${resolution}"`);
  return { amountCents, currency: videoCurrency };
}
