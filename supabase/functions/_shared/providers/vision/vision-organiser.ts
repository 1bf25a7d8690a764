import { createGeminiVisionOrganiser } from "./gemini-vision.ts";
import { createLocalVisionOrganiser } from "./local-vision.ts";
import { type VisionOptions, type VisionOrganiser, visionProviderFor } from "./vision.ts";

/** The organiser the environment's keys make live: Gemini with a Google AI key, else offline. */
export function createVisionOrganiser(options: VisionOptions): VisionOrganiser {
  return visionProviderFor(options.env) === "google"
    ? createGeminiVisionOrganiser(options)
    : createLocalVisionOrganiser();
}
