/**
 * The source a render request names (its body is in domain/contracts/image-to-video.ts), which
 * must be the caller's own image. An imageUrl is never fetched: it is read as a signed URL of our Storage and reduced to the
 * bucket and key it signs, which must sit in the caller's folder (no server-side request to
 * wherever a client points).
 */
import type { Tx } from "../db/db.ts";
import type { CreateVideoBody } from "../domain/contracts/image-to-video.ts";
import { ApiError, badRequest, notFound } from "../http/errors.ts";
import { isProviderLive, PROVIDERS } from "../providers/provider-config.ts";
import type { Env } from "../providers/types.ts";
import { frameCount } from "./render.ts";

export interface VideoSource {
  bucket: "images" | "uploads";
  path: string;
  imageId: string | null;
  width: number | null;
  height: number | null;
  prompt: string | null;
}

const sourceBuckets = new Set(["images", "uploads"]);

/**
 * The bucket and key a Storage signed URL grants (`<SUPABASE_URL>/storage/v1/object/sign/<bucket>/<key>?token=…`),
 * when it is one of ours and the key is in `userId`'s folder; anything else is a 400.
 */
export function parseOwnSignedUrl(
  imageUrl: string,
  supabaseUrl: string,
  userId: string,
): { bucket: "images" | "uploads"; path: string } {
  const refuse = (why: string) =>
    badRequest(`imageUrl must be a signed URL of one of your images in this project's storage: ${why}.`, {
      field: "imageUrl",
    });
  let url: URL;
  try {
    url = new URL(imageUrl);
  } catch {
    throw refuse("it is not a URL");
  }
  const project = new URL(supabaseUrl);
  if (url.origin !== project.origin) throw refuse("it points to another host");
  const prefix = `${project.pathname.replace(/\/+$/, "")}/storage/v1/object/sign/`;
  if (!url.pathname.startsWith(prefix) || !url.searchParams.get("token")) {
    throw refuse("it is not a signed object URL");
  }
  const [rawBucket, ...rawKey] = url.pathname.slice(prefix.length).split("/");
  let bucket: string;
  let path: string;
  try {
    bucket = decodeURIComponent(rawBucket);
    path = rawKey.map(decodeURIComponent).join("/");
  } catch {
    throw refuse("its path is not valid");
  }
  if (!sourceBuckets.has(bucket)) throw refuse(`bucket "${bucket}" holds no source images`);
  const segments = path.split("/");
  if (
    segments[0] !== userId || segments.length < 2 || segments.some((s) => s === "" || s === "." || s === "..")
  ) {
    throw refuse("the object is not in your folder");
  }
  return { bucket: bucket as "images" | "uploads", path };
}

/** Finds the source under the caller's claims: RLS hides other users' images and objects. */
export async function resolveSource(
  tx: Tx,
  body: CreateVideoBody,
  context: { userId: string; supabaseUrl: string },
): Promise<VideoSource> {
  if (body.imageId) {
    const [image] = await tx.query<
      { id: string; storagePath: string; width: number | null; height: number | null; prompt: string }
    >(
      `select id, storage_path as "storagePath", width, height, prompt from public.images where id = $1`,
      [body.imageId],
    );
    if (!image) throw notFound("No image with that id among yours.");
    return {
      bucket: "images",
      path: image.storagePath,
      imageId: image.id,
      width: image.width,
      height: image.height,
      prompt: image.prompt,
    };
  }
  const { bucket, path } = parseOwnSignedUrl(body.imageUrl!, context.supabaseUrl, context.userId);
  const objects = await tx.query(`select 1 from storage.objects where bucket_id = $1 and name = $2`, [
    bucket,
    path,
  ]);
  if (objects.length === 0) throw notFound("The image that URL signs does not exist (any more).");
  const [image] = bucket === "images"
    ? await tx.query<{ id: string; width: number | null; height: number | null; prompt: string }>(
      `select id, width, height, prompt from public.images where storage_path = $1 order by created_at desc limit 1`,
      [path],
    )
    : [];
  return {
    bucket,
    path,
    imageId: image?.id ?? null,
    width: image?.width ?? null,
    height: image?.height ?? null,
    prompt: image?.prompt ?? null,
  };
}

/** ai-motion needs Google's key; without it the request is refused before anything is stored. */
export function checkEffectAvailable(effect: string, env: Env): void {
  if (effect === "ai-motion" && !isProviderLive("google", env)) {
    throw new ApiError(
      400,
      "VALIDATION_ERROR",
      `The ai-motion effect is not available here: ${PROVIDERS.google.keyEnv} is not set. Pick another effect.`,
      { field: "effect", reason: "PROVIDER_NOT_CONFIGURED" },
    );
  }
}

/** Seconds until the preview is ready: the render's frames, plus the provider's clip for ai-motion. */
export function estimatePreviewSeconds(effect: string, durationSeconds: number): number {
  const render = 2 + frameCount(durationSeconds) * 0.02;
  return Math.ceil(effect === "ai-motion" ? render + 90 : render);
}
