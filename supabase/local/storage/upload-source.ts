import { readMultipartFile } from "./multipart-upload.ts";
import { storageErrors } from "./storage-error.ts";

/** The file of an upload request, before a byte of it is stored. */
export interface UploadSource {
  body: ReadableStream<Uint8Array>;
  mimeType: string;
  cacheControl: string;
  /** The raw body's Content-Length, for the permission check; what is stored is counted. */
  declaredSize: number | undefined;
  userMetadata: Record<string, unknown> | undefined;
}

function declaredLength(request: Request): number | undefined {
  const value = Number(request.headers.get("content-length") ?? NaN);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

function parseUserMetadata(json: string | null | undefined): Record<string, unknown> | undefined {
  if (!json) return undefined;
  try {
    const value = JSON.parse(json);
    return value && typeof value === "object" && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function decodeBase64Json(value: string | null): string | undefined {
  if (!value) return undefined;
  try {
    return new TextDecoder().decode(Uint8Array.from(atob(value), (char) => char.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

/**
 * A multipart upload (what storage-js sends for a Blob or File): the first file part, with the
 * `cacheControl`, `contentType` and `metadata` fields as Storage reads them.
 */
async function multipartSource(request: Request, contentType: string): Promise<UploadSource> {
  const { fields, mimeType, body } = await readMultipartFile(
    request.body ?? new Blob().stream(),
    contentType,
  );
  const cacheTime = fields.get("cacheControl");
  return {
    body,
    mimeType: fields.get("contentType") || mimeType,
    cacheControl: cacheTime ? `max-age=${cacheTime}` : "no-cache",
    declaredSize: undefined,
    userMetadata: parseUserMetadata(fields.get("metadata") ?? fields.get("userMetadata")),
  };
}

/** A raw-body upload: the bytes are the object; headers describe it. Streamed, never buffered. */
function rawSource(request: Request, maxBytes: number): UploadSource {
  const declared = declaredLength(request);
  if (declared !== undefined && declared > maxBytes) throw storageErrors.objectTooLarge();
  return {
    body: request.body ?? new Blob().stream(),
    mimeType: request.headers.get("content-type") || "application/octet-stream",
    cacheControl: request.headers.get("cache-control") ?? "no-cache",
    declaredSize: declared,
    userMetadata: parseUserMetadata(decodeBase64Json(request.headers.get("x-metadata"))),
  };
}

export function readUploadSource(request: Request, maxBytes: number): Promise<UploadSource> {
  const contentType = request.headers.get("content-type") ?? "";
  return contentType.toLowerCase().startsWith("multipart/form-data")
    ? multipartSource(request, contentType)
    : Promise.resolve(rawSource(request, maxBytes));
}

/**
 * Storage's rule, kept exact (parameters and case included, so `text/csv;charset=utf-8` is not
 * `text/csv`): what passes here passes on hosted Supabase. `type/*` allows a whole type.
 */
export function assertAllowedMimeType(mimeType: string, allowed: string[] | null): void {
  if (!allowed || allowed.length === 0) return;
  const [type, subtype] = mimeType.split("/");
  const matches = subtype !== undefined && allowed.some((entry) => {
    const [allowedType, allowedSubtype] = entry.split("/");
    return allowedType === type && (allowedSubtype === "*" || allowedSubtype === subtype);
  });
  if (!matches) throw storageErrors.invalidMimeType(mimeType);
}
