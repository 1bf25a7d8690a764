import * as z from "zod/mini";
import { videoEffects, videoResolutions } from "@domain/video-options";

export const videoStatuses = ["queued", "processing", "preview_ready", "rendering", "completed", "failed"] as const;
export type VideoStatus = (typeof videoStatuses)[number];

export const paymentStatuses = ["unpaid", "pending", "paid", "failed", "refunded"] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];

/** GET /image-to-video/:id/status: where a video is, and the links it has earned so far. */
export const videoStatusSchema = z.object({
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
  createdAt: z.string(),
  error: z.nullable(z.string()),
});
export type VideoState = z.infer<typeof videoStatusSchema>;

/** GET /image-to-video: one past video. */
export const videoSummarySchema = z.extend(videoStatusSchema, {
  id: z.string(),
  imageId: z.nullable(z.string()),
  thumbnailUrl: z.optional(z.nullable(z.string())),
});
