/**
 * The `image-to-video` function's contract (the signed-in user's own videos only). The full
 * video's URL is issued only from the row (paid and rendered): nothing the client sends takes
 * part in that decision.
 *   POST /image-to-video                    createBody → videoCreated (202)
 *   GET  /image-to-video                    listQuery → videoList (newest first)
 *   GET  /image-to-video/:videoId/status    videoParams → videoStatus (another user's id is a 404)
 */
import * as z from "zod/mini";
import {
  maxDurationSeconds,
  minDurationSeconds,
  videoEffects,
  videoFits,
  videoResolutions,
} from "../video-options.ts";
import { controlCharacterMessage, isPlainLine, line, uuid } from "./text.ts";

export const videoStatuses = [
  "queued",
  "processing",
  "preview_ready",
  "rendering",
  "completed",
  "failed",
] as const;
export type VideoStatus = (typeof videoStatuses)[number];

export const paymentStatuses = ["unpaid", "pending", "paid", "failed", "refunded"] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];

const oneDecimal = (value: number) => Math.abs(Math.round(value * 10) - value * 10) < 1e-6;

/** One source, its own image by id or a signed URL of one of its objects, and the render's settings. */
export const createBody = z.strictObject({
  imageId: z.optional(uuid("imageId must be an image id")),
  imageUrl: z.optional(
    z.url("imageUrl must be a signed URL of one of your images").check(
      z.maxLength(4000),
      z.refine(isPlainLine, { message: controlCharacterMessage }),
    ),
  ),
  effect: z.enum(videoEffects, { error: `effect must be one of: ${videoEffects.join(", ")}` }),
  duration: z.number({ error: "duration must be a number of seconds" }).check(
    z.minimum(minDurationSeconds, `duration must be at least ${minDurationSeconds} second`),
    z.maximum(maxDurationSeconds, `duration must be at most ${maxDurationSeconds} seconds`),
    z.refine(oneDecimal, { message: "duration takes at most one decimal" }),
  ),
  resolution: z.enum(videoResolutions, {
    error: `resolution must be one of: ${videoResolutions.join(", ")}`,
  }),
  fit: z._default(z.enum(videoFits, { error: `fit must be ${videoFits.join(" or ")}` }), "crop"),
  includeAudio: z._default(z.boolean(), false),
}).check(z.refine((body) => (body.imageId === undefined) !== (body.imageUrl === undefined), {
  message: "Send exactly one of imageId and imageUrl.",
  path: ["imageId"],
}));
export type CreateVideoBody = z.infer<typeof createBody>;

/** Other parameters are ignored; a limit that is not a whole number is the default (50), and 1 to 100 otherwise. */
export const listQuery = z.object({ limit: z.optional(line()) });
export type ListQuery = z.infer<typeof listQuery>;

/** Any id: one that is not a UUID is a 404 like someone else's, not a 400. */
export const videoParams = z.object({ videoId: line() });

export const videoCreated = z.object({
  videoId: z.string(),
  status: z.enum(videoStatuses),
  /** Seconds until the preview is ready. */
  estimatedTime: z.number(),
});
export type VideoCreated = z.infer<typeof videoCreated>;

/** Where a video is, and the links it has earned so far. */
export const videoStatus = z.object({
  status: z.enum(videoStatuses),
  /** 0..100 */
  progress: z.number(),
  /** Seconds the whole render was estimated to take when the video was asked for. */
  estimatedTime: z.optional(z.nullable(z.number())),
  /** Signed; only once the payment has settled and the full render exists. */
  videoUrl: z.nullable(z.string()),
  /** Signed; the watermarked 480p preview. */
  previewUrl: z.nullable(z.string()),
  paymentRequired: z.boolean(),
  paymentStatus: z.optional(z.enum(paymentStatuses)),
  /** Cents of `currency`; null only for a video priced before prices were recorded. */
  paymentAmount: z.nullable(z.number()),
  currency: z.string(),
  effect: z.enum(videoEffects),
  duration: z.number(),
  resolution: z.enum(videoResolutions),
  fit: z.optional(z.enum(videoFits)),
  includeAudio: z.optional(z.boolean()),
  createdAt: z.string(),
  error: z.nullable(z.string()),
});
export type VideoState = z.infer<typeof videoStatus>;

/** One past video, as the list shows it. */
export const videoSummary = z.extend(videoStatus, {
  id: z.string(),
  imageId: z.nullable(z.string()),
  thumbnailUrl: z.optional(z.nullable(z.string())),
});
export type VideoSummary = z.infer<typeof videoSummary>;

export const videoList = z.object({ videos: z.array(videoSummary) });
