/**
 * The one pricing table: credits charged per generated image. Roughly one credit per US
 * cent of provider cost, rounded up, with the offline renderer at 1 credit so the credit
 * flows work offline. Tune the numbers here; nothing else prices an image.
 */
import { creditsForSettings, type ImagePrice } from "../domain/image-pricing.ts";
import type { ImageModel, ImageSettings } from "./types.ts";

const GPT_IMAGE_SIZE_MULTIPLIER = {
  "1024x1024": 1,
  "1536x1024": 1.5,
  "1024x1536": 1.5,
  "2048x2048": 4,
  "2048x1152": 2.25,
  "1152x2048": 2.25,
  "3840x2160": 8,
  "2160x3840": 8,
};

export const IMAGE_PRICES: Readonly<Record<string, ImagePrice>> = {
  "local-render": { credits: 1 },
  "gpt-image-2": {
    credits: 6,
    byQuality: { low: 2, medium: 6, high: 20 },
    sizeMultiplier: GPT_IMAGE_SIZE_MULTIPLIER,
  },
  "gpt-image-1.5": {
    credits: 5,
    byQuality: { low: 2, medium: 5, high: 17 },
    sizeMultiplier: GPT_IMAGE_SIZE_MULTIPLIER,
  },
  "dall-e-3": {
    credits: 4,
    byQuality: { standard: 4, hd: 8 },
    sizeMultiplier: { "1024x1024": 1, "1792x1024": 1.5, "1024x1792": 1.5 },
  },
  "gemini-3.1-flash-image": { credits: 7, sizeMultiplier: { "1K": 1, "2K": 1.5, "4K": 2.25 } },
  "gemini-3.1-flash-lite-image": { credits: 4 },
  "gemini-3-pro-image": { credits: 14, sizeMultiplier: { "1K": 1, "2K": 1, "4K": 1.75 } },
  "imagen-4.0-generate-001": { credits: 4 },
  "imagen-4.0-fast-generate-001": { credits: 2 },
  "imagen-4.0-ultra-generate-001": { credits: 6 },
  "flux-2-pro": { credits: 4, sizeMultiplier: { "0.5 MP": 0.75, "1 MP": 1, "2 MP": 1.5, "4 MP": 2.5 } },
};

/** Credits one image costs with these (validated, defaulted) settings; also the figure to reserve up front. */
export function imageCredits(model: ImageModel, settings: ImageSettings): number {
  const price = IMAGE_PRICES[model.id];
  if (!price) throw new Error(`no price for image model ${model.id}`);
  return creditsForSettings(price, settings);
}
