/**
 * public.videos as the image-to-video function and the media worker use it. Reads on behalf of a
 * user run under their claims (RLS decides what they see); every write is the service's.
 */
import type { Tx } from "../db/db.ts";
import { enqueue } from "../jobs/queue.ts";
import { enqueueVideoRefund } from "./video-refund-store.ts";
import type { VideoEffect, VideoFit, VideoResolution } from "../domain/video-options.ts";

export const videoRenderQueue = "video-render";
export type RenderKind = "preview" | "full";

export function renderIdempotencyKey(kind: RenderKind, videoId: string): string {
  return `video-render:${kind}:${videoId}`;
}

/** The source and the settings a video was asked for with, as its row keeps them. */
interface RequestedVideo {
  userId: string;
  imageId: string | null;
  sourceBucket: "images" | "uploads";
  sourcePath: string;
  effect: VideoEffect;
  durationSeconds: number;
  resolution: VideoResolution;
  fit: VideoFit;
  includeAudio: boolean;
}

export interface VideoRow extends RequestedVideo {
  id: string;
  status: "queued" | "processing" | "preview_ready" | "rendering" | "completed" | "failed";
  progress: number;
  estimatedSeconds: number | null;
  previewPath: string | null;
  videoPath: string | null;
  paymentStatus: "unpaid" | "pending" | "paid" | "failed" | "refunded";
  paymentAmountCents: number | null;
  currency: string;
  error: string | null;
  aiOperationName: string | null;
  aiVideoPath: string | null;
  thumbnailPath: string | null;
  createdAt: Date;
}

const videoColumns = `v.id, v.user_id as "userId", v.image_id as "imageId", v.source_bucket as "sourceBucket",
  v.source_path as "sourcePath", v.effect, v.duration_seconds::float8 as "durationSeconds", v.resolution, v.fit,
  v.include_audio as "includeAudio", v.status, v.progress, v.estimated_seconds as "estimatedSeconds",
  v.preview_path as "previewPath", v.video_path as "videoPath", v.payment_status as "paymentStatus",
  v.payment_amount_cents as "paymentAmountCents", v.currency, v.error, v.ai_operation_name as "aiOperationName",
  v.ai_video_path as "aiVideoPath", i.thumbnail_path as "thumbnailPath", v.created_at as "createdAt"`;

const fromVideos = "from public.videos v left join public.images i on i.id = v.image_id";

export interface NewVideo extends RequestedVideo {
  priceCents: number;
  currency: string;
  estimatedSeconds: number;
  sourceWidth: number | null;
  sourceHeight: number | null;
}

/** Inserts the request and its preview job in the caller's (service) transaction: both or neither. */
export async function insertVideo(tx: Tx, video: NewVideo): Promise<string> {
  const [{ id }] = await tx.query<{ id: string }>(
    `insert into public.videos (user_id, image_id, source_bucket, source_path, effect, duration_seconds, resolution,
        fit, include_audio, status, payment_amount_cents, currency, estimated_seconds, source_width, source_height)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'processing', $10, $11, $12, $13, $14)
     returning id`,
    [
      video.userId,
      video.imageId,
      video.sourceBucket,
      video.sourcePath,
      video.effect,
      video.durationSeconds,
      video.resolution,
      video.fit,
      video.includeAudio,
      video.priceCents,
      video.currency,
      video.estimatedSeconds,
      video.sourceWidth,
      video.sourceHeight,
    ],
  );
  await enqueueRender(tx, "preview", id, video.userId);
  return id;
}

/** Queues a render for the media worker; its key makes a repeated request (or webhook) queue it once. */
export async function enqueueRender(
  tx: Tx,
  kind: RenderKind,
  videoId: string,
  userId: string,
): Promise<void> {
  await enqueue(tx, videoRenderQueue, { videoId, kind }, {
    idempotencyKey: renderIdempotencyKey(kind, videoId),
    userId,
    maxAttempts: 3,
  });
}

/** The caller's video (under their claims), or undefined for anyone else's. */
export async function findVisibleVideo(tx: Tx, id: string): Promise<VideoRow | undefined> {
  const [row] = await tx.query<VideoRow>(`select ${videoColumns} ${fromVideos} where v.id = $1`, [id]);
  return row;
}

/** The caller's videos, newest first. */
export async function listVisibleVideos(tx: Tx, userId: string, limit: number): Promise<VideoRow[]> {
  return await tx.query<VideoRow>(
    `select ${videoColumns} ${fromVideos} where v.user_id = $1 order by v.created_at desc, v.id desc limit $2`,
    [userId, limit],
  );
}

/** Any video, for the worker (service transaction). */
export async function findVideo(tx: Tx, id: string): Promise<VideoRow | undefined> {
  const [row] = await tx.query<VideoRow>(`select ${videoColumns} ${fromVideos} where v.id = $1`, [id]);
  return row;
}

export const lostRenderMessage = "The render stopped before it finished. Please try again.";

/**
 * Fails a video whose render job the queue gave up on: a worker that died on the job's last
 * attempt left no handler to record the failure, so the video would wait forever. A paid video
 * gets its refund queued with the failure, as a render that failed in its handler does. Returns
 * whether it failed the video.
 */
export async function failLostRender(tx: Tx, video: VideoRow): Promise<boolean> {
  const kind: RenderKind | undefined = video.status === "rendering"
    ? "full"
    : video.status === "queued" || video.status === "processing"
    ? "preview"
    : undefined;
  if (!kind) return false;
  const [failed] = await tx.query<{ paymentStatus: VideoRow["paymentStatus"] }>(
    `update public.videos v set status = 'failed', error = $3
       from private.jobs j
      where v.id = $1 and v.status = $2 and j.idempotency_key = $4 and j.status = 'dead'
      returning v.payment_status as "paymentStatus"`,
    [video.id, video.status, lostRenderMessage, renderIdempotencyKey(kind, video.id)],
  );
  if (!failed) return false;
  if (kind === "full" && failed.paymentStatus === "paid") {
    await enqueueVideoRefund(tx, video.id, video.userId);
  }
  return true;
}
