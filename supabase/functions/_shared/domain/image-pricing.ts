/**
 * How an image's price in credits follows from its settings. Pure, so the server charges and the
 * SPA shows a price with the same arithmetic; the prices themselves live in providers/pricing.ts.
 */

export interface ImagePrice {
  /** Credits at the model's default settings. */
  credits: number;
  /** Replaces `credits` for a quality (OpenAI's quality or dalleQuality). */
  byQuality?: Readonly<Record<string, number>>;
  /** Multiplies the price for a size (pixels, Gemini's 1K/2K/4K, FLUX megapixels). */
  sizeMultiplier?: Readonly<Record<string, number>>;
}

/** Credits one image costs with these effective (defaulted) settings; never less than 1. */
export function creditsForSettings(
  price: ImagePrice,
  settings: Readonly<Record<string, string | undefined>>,
): number {
  const quality = settings.quality ?? settings.dalleQuality;
  const base = (quality && price.byQuality?.[quality]) || price.credits;
  const multiplier = (settings.size && price.sizeMultiplier?.[settings.size]) || 1;
  return Math.max(1, Math.ceil(base * multiplier));
}

/** "1 credit", "6 credits". */
export function creditsText(credits: number): string {
  return `${credits.toLocaleString("en-US")} ${credits === 1 ? "credit" : "credits"}`;
}
