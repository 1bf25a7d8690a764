/** The `image-to-video` function: the signed-in user's own videos (routes in domain/contracts/image-to-video.ts). */
import * as contract from "../domain/contracts/image-to-video.ts";
import { uuidPattern } from "../domain/contracts/text.ts";
import type { UserClaims } from "../http/auth.ts";
import { notFound } from "../http/errors.ts";
import { signedInUser, withRuntime } from "../http/middleware.ts";
import { createRouter } from "../http/router.ts";
import { videoCurrency, videoPriceCents } from "./video-prices.ts";
import { type Runtime, supabaseUrl } from "../runtime.ts";
import { objectStorage } from "../storage/object-storage.ts";
import { checkEffectAvailable, estimatePreviewSeconds, resolveSource } from "./video-request.ts";
import {
  failLostRender,
  findVisibleVideo,
  insertVideo,
  listVisibleVideos,
  type VideoRow,
} from "./video-store.ts";

const signedUrlSeconds = 3600;

/** The full video may be fetched only when it was paid for and exists. */
function fullVideoPath(video: VideoRow): string | null {
  return video.paymentStatus === "paid" && video.videoPath ? video.videoPath : null;
}

/** `withThumbnails: false` for the status poll, which shows no thumbnail and need not sign one. */
async function describe(
  runtime: Runtime,
  videos: VideoRow[],
  { withThumbnails = true } = {},
): Promise<contract.VideoSummary[]> {
  const storage = objectStorage(runtime);
  const sign = async (bucket: "videos" | "images", paths: (string | null)[]) => {
    const present = paths.filter((path): path is string => path !== null);
    const urls = await storage.signedUrls(bucket, present, signedUrlSeconds);
    const signed = new Map(present.map((path, index) => [path, urls[index]]));
    return paths.map((path) => (path === null ? null : signed.get(path) ?? null));
  };
  const [previews, fulls, thumbnails] = await Promise.all([
    sign("videos", videos.map((video) => video.previewPath)),
    sign("videos", videos.map(fullVideoPath)),
    sign("images", videos.map((video) => (withThumbnails ? video.thumbnailPath : null))),
  ]);
  return videos.map((video, index) => ({
    id: video.id,
    imageId: video.imageId,
    status: video.status === "queued" ? "processing" : video.status,
    progress: video.progress,
    videoUrl: fulls[index],
    previewUrl: previews[index],
    thumbnailUrl: thumbnails[index],
    paymentRequired: video.paymentStatus !== "paid",
    paymentStatus: video.paymentStatus,
    paymentAmount: video.paymentAmountCents,
    currency: video.currency,
    effect: video.effect,
    duration: video.durationSeconds,
    resolution: video.resolution,
    fit: video.fit,
    includeAudio: video.includeAudio,
    estimatedTime: video.estimatedSeconds,
    createdAt: video.createdAt.toISOString(),
    error: video.error,
  }));
}

async function createVideo(
  runtime: Runtime,
  user: UserClaims,
  body: contract.CreateVideoBody,
): Promise<Response> {
  checkEffectAvailable(body.effect, runtime.env);
  const source = await runtime.db.withClaims(
    user,
    (tx) => resolveSource(tx, body, { userId: user.sub, supabaseUrl: supabaseUrl(runtime) }),
  );
  const estimatedTime = estimatePreviewSeconds(body.effect, body.duration);
  const videoId = await runtime.db.asService((tx) =>
    insertVideo(tx, {
      userId: user.sub,
      imageId: source.imageId,
      sourceBucket: source.bucket,
      sourcePath: source.path,
      effect: body.effect,
      durationSeconds: body.duration,
      resolution: body.resolution,
      fit: body.fit,
      includeAudio: body.includeAudio,
      priceCents: videoPriceCents(body.resolution),
      currency: videoCurrency,
      estimatedSeconds: estimatedTime,
      sourceWidth: source.width,
      sourceHeight: source.height,
    })
  );
  const created: contract.VideoCreated = { videoId, status: "processing", estimatedTime };
  return Response.json(created, { status: 202 });
}

async function videoStatus(runtime: Runtime, user: UserClaims, videoId: string): Promise<Response> {
  const video = uuidPattern.test(videoId)
    ? await runtime.db.withClaims(user, (tx) => findVisibleVideo(tx, videoId))
    : undefined;
  // Admins may read every row; the status of a video is still its owner's alone.
  if (!video || video.userId !== user.sub) throw notFound("No video with that id among yours.");
  const [described] = await describe(runtime, await settleLostRenders(runtime, user, [video]), {
    withThumbnails: false,
  });
  const { id: _id, imageId: _imageId, thumbnailUrl: _thumbnailUrl, ...status } = described;
  return Response.json(status, { headers: { "cache-control": "no-store" } });
}

/** The videos as they are after failing any whose render job was given up on (see failLostRender). */
async function settleLostRenders(
  runtime: Runtime,
  user: UserClaims,
  videos: VideoRow[],
): Promise<VideoRow[]> {
  const inProgress = new Set<VideoRow["status"]>(["queued", "processing", "rendering"]);
  const settled: VideoRow[] = [];
  for (const video of videos) {
    if (inProgress.has(video.status) && await runtime.db.asService((tx) => failLostRender(tx, video))) {
      const reread = await runtime.db.withClaims(user, (tx) => findVisibleVideo(tx, video.id));
      if (reread) settled.push(reread);
    } else {
      settled.push(video);
    }
  }
  return settled;
}

async function listVideos(runtime: Runtime, user: UserClaims, query: contract.ListQuery): Promise<Response> {
  const asked = Number(query.limit ?? "50");
  const limit = Number.isInteger(asked) ? Math.min(100, Math.max(1, asked)) : 50;
  const videos = await runtime.db.withClaims(user, (tx) => listVisibleVideos(tx, user.sub, limit));
  return Response.json({ videos: await describe(runtime, await settleLostRenders(runtime, user, videos)) }, {
    headers: { "cache-control": "no-store" },
  });
}

export function createImageToVideoHandler(getRuntime: () => Runtime) {
  return createRouter({ basePath: "/image-to-video" })
    .use(withRuntime(getRuntime))
    .use(signedInUser)
    .post("/", {
      body: contract.createBody,
      handle: async ({ runtime, user, body }) => await createVideo(runtime, user, body),
    })
    .get("/", {
      query: contract.listQuery,
      handle: async ({ runtime, user, query }) => await listVideos(runtime, user, query),
    })
    .get("/:videoId/status", {
      params: contract.videoParams,
      handle: async ({ runtime, user, params }) => await videoStatus(runtime, user, params.videoId),
    })
    .fetch;
}
