/**
 * What a video render can be asked for: its effects, resolutions, framings and length. Pure code
 * with no runtime dependencies: the functions (request schema, renderer, price table) and the SPA's
 * settings form (through the `@domain` alias) import this one module, so the form offers exactly
 * what the server accepts.
 */

export const videoEffects = [
  "zoom-in",
  "zoom-out",
  "pan-left",
  "pan-right",
  "pan-up",
  "pan-down",
  "ken-burns",
  "rotate",
  "fade",
  "ai-motion",
] as const;
export type VideoEffect = (typeof videoEffects)[number];

export const videoResolutions = ["480p", "720p", "1080p"] as const;
export type VideoResolution = (typeof videoResolutions)[number];

/** crop fills the frame (cover); pad shows the whole image (contain). */
export const videoFits = ["crop", "pad"] as const;
export type VideoFit = (typeof videoFits)[number];

export const minDurationSeconds = 1;
export const maxDurationSeconds = 10;
