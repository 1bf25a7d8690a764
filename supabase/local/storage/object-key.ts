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

/**
 * The raw path as the storage router matches it. URLPattern, like every URL parser, resolves `.`
 * and `..` segments (`%2e` ones too) and reads `\` as `/`; with each `%`, `.` and `\` escaped one
 * level deeper (`%25` and its code) nothing is left for it to resolve, and the params it hands
 * back are the raw segments once `fromRoutedPath` undoes the escape.
 */
export function routablePath(request: Request): string {
  const escaped = rawServicePath(request).replace(
    /[%.\\]/g,
    (char) => `%25${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${servicePrefix}${escaped}`;
}

const fromRoutedPath = (routed: string) =>
  routed.replace(/%25(25|2E|5C)/g, (_, code: string) => String.fromCharCode(parseInt(code, 16)));

function decodeComponent(routed: string): string {
  const raw = fromRoutedPath(routed);
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

/** A bucket name from the route's (still escaped and percent-encoded) `:bucket` param. */
export function parseBucketName(routedBucket: string): string {
  const bucket = decodeComponent(routedBucket);
  if (!validBucketName.test(bucket) || bucket === "." || bucket === ".." || bucket.length > 100) {
    throw storageErrors.invalidBucketName();
  }
  return bucket;
}

/** `<bucket>/<key…>` from the route's `:bucket` and `:key(.*)` params, each segment decoded once. */
export function parseBucketAndKey(routed: { bucket: string; key: string }): { bucket: string; key: string } {
  const bucket = parseBucketName(routed.bucket);
  const key = routed.key.split("/").map(decodeComponent).join("/");
  assertValidKey(key);
  return { bucket, key };
}
