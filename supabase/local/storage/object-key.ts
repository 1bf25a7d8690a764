import { storageErrors } from "./storage-error.ts";

const servicePrefix = "/storage/v1";

// Supabase Storage's own character rules (S3-safe characters only).
const validObjectKey = /^[A-Za-z0-9_/!.*'() &$=@;:+,?-]+$/;
const validBucketName = /^[A-Za-z0-9_!.*'() &$=@;:+,?-]+$/;
const maxKeyLength = 1024;
/** Object keys become file paths; no file system takes a longer name. */
const maxSegmentLength = 255;

/**
 * The path after /storage/v1 exactly as the client sent it. The platform routes on the parsed
 * URL, where `..` and `%2e%2e` segments are already resolved away, so a key like
 * `<uid>/x/../y` would silently become `<uid>/y`; reading the raw target lets us refuse it.
 */
export function rawServicePath(request: Request): string {
  const target = request.url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, "").split(/[?#]/, 1)[0];
  if (target !== servicePrefix && !target.startsWith(`${servicePrefix}/`)) {
    throw storageErrors.invalidRequest("The request path may not contain relative segments");
  }
  return target.slice(servicePrefix.length) || "/";
}

function decodeComponent(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw storageErrors.invalidKey(raw);
  }
}

/** Refuses anything that could leave the bucket's folder on disk or name two objects alike. */
export function assertValidKey(key: string): void {
  const segments = key.split("/");
  const unsafe = key.length > maxKeyLength ||
    !validObjectKey.test(key) ||
    segments.some((segment) =>
      segment === "" || segment === "." || segment === ".." || segment.length > maxSegmentLength
    );
  if (unsafe) throw storageErrors.invalidKey(key);
}

export function parseBucketName(rawBucket: string): string {
  const bucket = decodeComponent(rawBucket);
  if (!validBucketName.test(bucket) || bucket === "." || bucket === ".." || bucket.length > 100) {
    throw storageErrors.invalidBucketName();
  }
  return bucket;
}

/** `<bucket>/<key…>` from raw (still percent-encoded) path segments. */
export function parseBucketAndKey(rawSegments: string[]): { bucket: string; key: string } {
  const [rawBucket = "", ...rawKey] = rawSegments;
  const bucket = parseBucketName(rawBucket);
  const key = rawKey.map(decodeComponent).join("/");
  assertValidKey(key);
  return { bucket, key };
}
