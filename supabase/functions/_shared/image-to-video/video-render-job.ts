/**
 * The `video-render` job: { videoId, kind: "preview" | "full" }. The preview (480p, watermarked)
 * follows the request; the full render follows a settled payment (the Stripe webhook enqueues
 * it). A render may be cut short and run again, so each step is idempotent: objects go to paths
 * made from the video's id, an ai-motion operation is started once and its clip kept, and the
 * row moves on only in the transaction that checks the job still holds its lease.
 */
import type { Db } from "../db/db.ts";
import type { VideoEffect, VideoResolution } from "../domain/video-options.ts";
import { type ImageMimeType, readImageInfo } from "../images/image-info.ts";
import { holdsLease, type Job, LeaseLostError } from "../jobs/queue.ts";
import { type JobContext, type JobHandler, PermanentJobError } from "../jobs/worker.ts";
import { log } from "../log.ts";
import { enqueueVideoRefund } from "./video-refund-store.ts";
import type { Bucket, ObjectStorage } from "../storage/object-storage.ts";
import { FfmpegError, probeMedia } from "./ffmpeg.ts";
import { type RenderSpec, renderVideo } from "./render.ts";
import { type VeoClient, VeoOperationFailed } from "./veo.ts";
import { findVideo, type RenderKind, type VideoRow } from "./video-store.ts";

export interface VideoRenderDeps {
  db: Db;
  storage: ObjectStorage;
  ffmpeg: string;
  /** Made on first use by an ai-motion render. */
  veo: () => VeoClient;
}

/** Far above any render's time (10 s at 1080p takes well under a minute on two cores). */
const renderTimeoutMs = 15 * 60_000;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const aiMotionPrompt =
  "Bring this still picture to life with subtle, natural motion and a slow, steady camera. Keep the composition, " +
  "colours and subject exactly as they are.";

/** The status a render of this kind runs under. */
const runningStatus: Record<RenderKind, VideoRow["status"]> = { preview: "processing", full: "rendering" };

/**
 * Marks the render started, when the video is waiting for it: the preview while it is being
 * made, the full render only once paid. Anything else (done, failed, unpaid) leaves the job nothing to do.
 */
async function claimRender(db: Db, videoId: string, kind: RenderKind): Promise<VideoRow | undefined> {
  return await db.asService(async (tx) => {
    const claimed = kind === "preview"
      ? await tx.query(
        `update public.videos set status = 'processing', progress = 0, error = null
          where id = $1 and status in ('queued', 'processing') returning id`,
        [videoId],
      )
      : await tx.query(
        `update public.videos set status = 'rendering', progress = 0, error = null
          where id = $1 and payment_status = 'paid' and status in ('preview_ready', 'rendering') returning id`,
        [videoId],
      );
    return claimed.length === 1 ? await findVideo(tx, videoId) : undefined;
  });
}

/** Writes progress at most twice a second, in order, and never over a later status. */
function progressWriter(db: Db, video: VideoRow, kind: RenderKind) {
  let last = -1;
  let lastAt = 0;
  let chain = Promise.resolve();
  return {
    report(percent: number) {
      const value = Math.max(0, Math.min(99, Math.floor(percent)));
      if (value <= last || Date.now() - lastAt < 500) return;
      last = value;
      lastAt = Date.now();
      chain = chain.then(() =>
        db.asService((tx) =>
          tx.query("update public.videos set progress = $2 where id = $1 and status = $3 and progress < $2", [
            video.id,
            value,
            runningStatus[kind],
          ])
        ).then(
          () => {},
          (error) => log.warn("recording video progress failed", { videoId: video.id, error: String(error) }),
        )
      );
    },
    settled: () => chain,
  };
}

async function downloadObject(
  storage: ObjectStorage,
  bucket: Bucket,
  path: string,
  signal: AbortSignal,
): Promise<Uint8Array> {
  const [url] = await storage.signedUrls(bucket, [path], 300);
  const response = await fetch(url, { signal });
  if (response.status === 404 || response.status === 400) {
    await response.body?.cancel();
    throw new PermanentJobError(`the source ${bucket}/${path} is gone`);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(`reading ${bucket}/${path} failed with HTTP ${response.status}`);
  }
  return new Uint8Array(await response.arrayBuffer());
}

interface Source {
  path: string;
  kind: "image" | "video";
  durationSeconds?: number;
}

/** The still, checked to be an image; its size is recorded once. */
async function prepareImage(
  deps: VideoRenderDeps,
  video: VideoRow,
  workDir: string,
  signal: AbortSignal,
): Promise<{
  source: Source;
  bytes: Uint8Array;
  mimeType: ImageMimeType;
}> {
  const bytes = await downloadObject(deps.storage, video.sourceBucket, video.sourcePath, signal);
  const info = readImageInfo(bytes);
  if (!info) throw new PermanentJobError("the source is not a PNG, JPEG, WebP or GIF image");
  await deps.db.asService((tx) =>
    tx.query(
      `update public.videos set source_width = $2, source_height = $3
        where id = $1 and (source_width is distinct from $2 or source_height is distinct from $3)`,
      [video.id, info.width, info.height],
    )
  );
  const path = `${workDir}/source`;
  await Deno.writeFile(path, bytes);
  return { source: { path, kind: "image" }, bytes, mimeType: info.mimeType };
}

/**
 * The provider's clip for ai-motion: the one already kept, or the one from the operation already
 * started, or a new operation (recorded before waiting, so a retry polls it instead of paying twice).
 */
async function prepareAiClip(
  deps: VideoRenderDeps,
  video: VideoRow,
  workDir: string,
  context: JobContext,
  job: Job,
  progress: (percent: number) => void,
): Promise<Source> {
  const path = `${workDir}/ai.mp4`;
  let aiVideoPath = video.aiVideoPath;
  if (aiVideoPath) {
    await Deno.writeFile(path, await downloadObject(deps.storage, "videos", aiVideoPath, context.signal));
  } else {
    const veo = deps.veo();
    let operationName = video.aiOperationName;
    if (!operationName) {
      const image = await prepareImage(deps, video, workDir, context.signal);
      operationName = await veo.start({
        image: image.bytes,
        mimeType: image.mimeType,
        prompt: aiMotionPrompt,
        durationSeconds: video.durationSeconds,
        signal: context.signal,
      });
      const recorded = await deps.db.asService(async (tx) => {
        if (!await holdsLease(tx, job, context.workerId)) return false;
        await tx.query("update public.videos set ai_operation_name = $2 where id = $1", [
          video.id,
          operationName,
        ]);
        return true;
      });
      if (!recorded) throw new LeaseLostError("the job's lease was lost after starting the Veo operation");
      log.info("veo operation started", { videoId: video.id, operationName, model: veo.model });
    }
    progress(10);
    const uri = await veo.wait(operationName, context.signal);
    progress(60);
    const clip = await veo.download(uri, context.signal);
    await Deno.writeFile(path, clip);
    aiVideoPath = `${video.userId}/${video.id}-ai.mp4`;
    await deps.storage.upload("videos", aiVideoPath, clip, "video/mp4");
    await deps.db.asService((tx) =>
      tx.query("update public.videos set ai_video_path = $2 where id = $1", [video.id, aiVideoPath])
    );
  }
  const info = await probeMedia(deps.ffmpeg, path).catch(() => undefined);
  if (!info?.video) throw new PermanentJobError("the AI provider's answer is not a playable video");
  return { path, kind: "video", durationSeconds: info.durationSeconds };
}

function outputPath(video: VideoRow, kind: RenderKind): string {
  return kind === "preview" ? `${video.userId}/${video.id}-preview.mp4` : `${video.userId}/${video.id}.mp4`;
}

export function renderSpec(video: VideoRow, kind: RenderKind): RenderSpec {
  return {
    effect: video.effect as VideoEffect,
    durationSeconds: video.durationSeconds,
    resolution: kind === "preview" ? "480p" : video.resolution as VideoResolution,
    fit: video.fit,
    includeAudio: video.includeAudio,
    watermark: kind === "preview",
  };
}

/**
 * Ends the render: the row moves on with its object, only while the job holds its lease. False
 * when the video moved on without it (deleted meanwhile): its object is then removed.
 */
async function recordRender(
  deps: VideoRenderDeps,
  job: Job,
  context: JobContext,
  video: VideoRow,
  kind: RenderKind,
  path: string,
): Promise<boolean> {
  const recorded = await deps.db.asService(async (tx) => {
    if (!await holdsLease(tx, job, context.workerId)) return undefined;
    const updated = kind === "preview"
      ? await tx.query(
        `update public.videos set status = 'preview_ready', preview_path = $2, progress = 100, error = null
          where id = $1 and status = 'processing' returning id`,
        [video.id, path],
      )
      : await tx.query(
        `update public.videos set status = 'completed', video_path = $2, progress = 100, error = null
          where id = $1 and status = 'rendering' and payment_status = 'paid' returning id`,
        [video.id, path],
      );
    return updated.length === 1;
  });
  if (recorded === undefined) {
    throw new LeaseLostError("the job's lease was lost before the render was recorded");
  }
  if (!recorded) await deps.storage.remove("videos", [path]);
  return recorded;
}

async function failRender(
  db: Db,
  job: Job,
  context: JobContext,
  video: VideoRow,
  kind: RenderKind,
  error: string,
) {
  await db.asService(async (tx) => {
    if (!await holdsLease(tx, job, context.workerId)) return;
    const [failed] = await tx.query<{ paymentStatus: VideoRow["paymentStatus"] }>(
      `update public.videos set status = 'failed', error = $2 where id = $1 and status = $3
        returning payment_status as "paymentStatus"`,
      [video.id, error.slice(0, 2000), runningStatus[kind]],
    );
    // Paid for and never to be delivered: the refund is queued with the failure, so neither is lost.
    if (kind === "full" && failed?.paymentStatus === "paid") {
      await enqueueVideoRefund(tx, video.id, video.userId);
    }
  });
}

function isPermanent(error: unknown): boolean {
  return error instanceof PermanentJobError || error instanceof VeoOperationFailed;
}

function messageOf(error: unknown): string {
  return String((error as Error)?.message ?? error);
}

/** What a user may read of a failure: ffmpeg's own words stay in the log. */
function publicMessage(error: unknown): string {
  if (error instanceof FfmpegError) return "The video could not be rendered from this image.";
  return messageOf(error);
}

export function createVideoRenderHandler(deps: VideoRenderDeps): JobHandler {
  return async (job: Job, context: JobContext) => {
    const videoId = String(job.payload.videoId ?? "");
    const kind = job.payload.kind;
    if (!uuidPattern.test(videoId) || (kind !== "preview" && kind !== "full")) {
      throw new PermanentJobError("video-render job without a video id and a kind (preview or full)");
    }
    const video = await claimRender(deps.db, videoId, kind);
    if (!video) return { skipped: true };

    const workDir = await Deno.makeTempDir({ prefix: `personify-video-${videoId}-` });
    const progress = progressWriter(deps.db, video, kind);
    const started = performance.now();
    try {
      const aiShare = video.effect === "ai-motion" && !video.aiVideoPath ? 70 : 0;
      const source = video.effect === "ai-motion"
        ? await prepareAiClip(deps, video, workDir, context, job, (percent) => progress.report(percent))
        : (await prepareImage(deps, video, workDir, context.signal)).source;
      const output = `${workDir}/${kind}.mp4`;
      await renderVideo({
        ffmpeg: deps.ffmpeg,
        sourcePath: source.path,
        sourceKind: source.kind,
        sourceDurationSeconds: source.durationSeconds,
        outputPath: output,
        workDir,
        spec: renderSpec(video, kind),
        onProgress: (fraction) => progress.report(aiShare + fraction * (100 - aiShare)),
        // A stuck ffmpeg would keep the lease alive forever: it is killed, and the job retried.
        signal: AbortSignal.any([context.signal, AbortSignal.timeout(renderTimeoutMs)]),
      });
      const path = outputPath(video, kind);
      await deps.storage.upload("videos", path, await Deno.readFile(output), "video/mp4");
      await progress.settled();
      if (!await recordRender(deps, job, context, video, kind, path)) return { skipped: true };
      log.info("video rendered", {
        videoId,
        kind,
        effect: video.effect,
        ms: Math.round(performance.now() - started),
      });
      return { videoId, kind, path };
    } catch (error) {
      await progress.settled();
      // A lost lease means another worker has the render now: leave it to that one.
      if (context.signal.aborted || error instanceof LeaseLostError) throw error;
      if (!isPermanent(error) && job.attempts < job.maxAttempts) throw error;
      log.warn("video render failed for good", { videoId, kind, error: messageOf(error) });
      await failRender(deps.db, job, context, video, kind, publicMessage(error));
      return { failed: messageOf(error) };
    } finally {
      await Deno.remove(workDir, { recursive: true }).catch(() => {});
    }
  };
}
