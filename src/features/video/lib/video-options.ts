import * as z from "zod/mini";
import {
  maxDurationSeconds,
  minDurationSeconds,
  type VideoEffect,
  videoEffects,
  type VideoFit,
  videoFits,
  videoResolutions,
} from "@domain/video-options";

export const effectLabels: Record<VideoEffect, string> = {
  "zoom-in": "Zoom in",
  "zoom-out": "Zoom out",
  "pan-left": "Pan left",
  "pan-right": "Pan right",
  "pan-up": "Pan up",
  "pan-down": "Pan down",
  "ken-burns": "Ken Burns",
  rotate: "Rotate",
  fade: "Fade",
  "ai-motion": "AI motion",
};

export const fitLabels: Record<VideoFit, { label: string; description: string }> = {
  crop: { label: "Crop to fill", description: "Fills the frame; the edges of the image may be cut." },
  pad: { label: "Fit with bars", description: "Shows the whole image, with bars where the shapes differ." },
};

/** What the form holds; checked again on submit because a URL or an old draft can carry anything. */
export const videoSettingsSchema = z.object({
  imageId: z.string().check(z.minLength(1, "Choose an image to animate.")),
  effect: z.enum(videoEffects, "Choose an effect."),
  duration: z.number().check(
    z.int("The duration is a whole number of seconds."),
    z.gte(minDurationSeconds, `A video lasts at least ${minDurationSeconds} s.`),
    z.lte(maxDurationSeconds, `A video lasts at most ${maxDurationSeconds} s.`),
  ),
  resolution: z.enum(videoResolutions, "Choose a resolution."),
  fit: z.enum(videoFits),
  includeAudio: z.boolean(),
});
export type VideoSettings = z.infer<typeof videoSettingsSchema>;

export const defaultVideoSettings: Omit<VideoSettings, "imageId"> = {
  effect: "ken-burns",
  duration: 5,
  resolution: "720p",
  fit: "crop",
  includeAudio: false,
};
