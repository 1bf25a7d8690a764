import { type JwtClaims, type PlatformDb, serviceClaims, type Tx } from "../../functions/_shared/db/db.ts";
import { log } from "../../functions/_shared/log.ts";
import type { PlatformKeys } from "../keys.ts";
import type { ObjectFiles } from "./object-files.ts";
import { storageErrors } from "./storage-error.ts";
import { assertAllowedMimeType, readUploadSource } from "./upload-source.ts";

/** What the storage routes share. */
export interface StorageDeps {
  db: PlatformDb;
  keys: PlatformKeys;
  files: ObjectFiles;
  /** The global upload limit (config.toml), read once. */
  globalFileSizeLimit(): Promise<number>;
}

export interface BucketRow {
  id: string;
  public: boolean;
  file_size_limit: number | null;
  allowed_mime_types: string[] | null;
}

/** Storage's object metadata as hosted Supabase records it in `storage.objects.metadata`. */
export interface ObjectMetadata {
  eTag: string;
  size: number;
  mimetype: string;
  cacheControl: string;
  lastModified: string;
  contentLength: number;
  httpStatusCode: number;
}

export interface ObjectRow {
  id: string;
  name: string;
  metadata: Partial<ObjectMetadata> | null;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Buckets are looked up as the service role, as Storage does: bucket rows are not the caller's to see. */
export async function findBucket(db: PlatformDb, bucketId: string): Promise<BucketRow | undefined> {
  const [bucket] = await db.withClaims(serviceClaims, (tx) =>
    tx.query<BucketRow>(
      "select id, public, file_size_limit, allowed_mime_types from storage.buckets where id = $1",
      [bucketId],
    ));
  return bucket;
}

export async function requireBucket(db: PlatformDb, bucketId: string): Promise<BucketRow> {
  const bucket = await findBucket(db, bucketId);
  if (!bucket) throw storageErrors.noSuchBucket();
  return bucket;
}

/** The object as the caller may see it: RLS on storage.objects decides. */
export async function findVisibleObject(
  db: PlatformDb,
  claims: JwtClaims,
  bucketId: string,
  key: string,
): Promise<ObjectRow> {
  const [row] = await db.withClaims(claims, (tx) =>
    tx.query<ObjectRow>(
      "select id, name, metadata from storage.objects where bucket_id = $1 and name = $2 limit 1",
      [bucketId, key],
    ));
  if (!row) throw storageErrors.noSuchKey();
  return row;
}

interface ObjectRowInput {
  bucketId: string;
  key: string;
  owner: string | undefined;
  metadata: Partial<ObjectMetadata>;
  userMetadata: Record<string, unknown> | undefined;
  version: string;
}

/** Inserts the row (or, for an upsert, replaces it), under the caller's policies. */
async function writeObjectRow(tx: Tx, row: ObjectRowInput, upsert: boolean): Promise<string> {
  const onConflict = upsert
    ? `on conflict (bucket_id, name) do update set
         owner = excluded.owner, owner_id = excluded.owner_id, metadata = excluded.metadata,
         user_metadata = excluded.user_metadata, version = excluded.version,
         updated_at = now(), last_accessed_at = now()`
    : "";
  const [written] = await tx.query<{ id: string }>(
    `insert into storage.objects (bucket_id, name, owner, owner_id, metadata, user_metadata, version)
     values ($1, $2, $3::uuid, $4, $5::text::jsonb, $6::text::jsonb, $7)
     ${onConflict}
     returning id`,
    [
      row.bucketId,
      row.key,
      row.owner && uuidPattern.test(row.owner) ? row.owner : null,
      row.owner ?? null,
      JSON.stringify(row.metadata),
      row.userMetadata ? JSON.stringify(row.userMetadata) : null,
      row.version,
    ],
  );
  return written.id;
}

class PermissionGranted extends Error {}

/**
 * Tries the row write under the caller's policies and rolls it back, as Storage's canUpload does:
 * a caller the policies refuse is turned away before a byte of the body is read or stored.
 */
export async function assertCanWrite(
  db: PlatformDb,
  claims: JwtClaims,
  row: ObjectRowInput,
  upsert: boolean,
): Promise<void> {
  const granted = new PermissionGranted();
  try {
    await db.withClaims(claims, async (tx) => {
      await writeObjectRow(tx, row, upsert);
      throw granted;
    });
  } catch (error) {
    if (error !== granted) throw error;
  }
}

export interface StoreRequest {
  claims: JwtClaims;
  bucketId: string;
  key: string;
  owner: string | undefined;
  upsert: boolean;
  request: Request;
}

/**
 * An upload end to end: bucket limits, the permission check, the body streamed to a temp file,
 * then one transaction that writes the row and renames the file into place. If the row is
 * refused the file is discarded; if the rename fails the row rolls back.
 */
export async function storeObject(deps: StorageDeps, upload: StoreRequest): Promise<{ id: string }> {
  const bucket = await requireBucket(deps.db, upload.bucketId);
  const maxBytes = Math.min(bucket.file_size_limit ?? Infinity, await deps.globalFileSizeLimit());
  const source = await readUploadSource(upload.request, maxBytes);
  assertAllowedMimeType(source.mimeType, bucket.allowed_mime_types);

  const row = (metadata: Partial<ObjectMetadata>): ObjectRowInput => ({
    bucketId: upload.bucketId,
    key: upload.key,
    owner: upload.owner,
    metadata,
    userMetadata: source.userMetadata,
    version: crypto.randomUUID(),
  });
  try {
    await assertCanWrite(
      deps.db,
      upload.claims,
      row({ mimetype: source.mimeType, contentLength: source.declaredSize }),
      upload.upsert,
    );
  } catch (error) {
    await source.body.cancel().catch(() => {});
    throw error;
  }

  const staged = await deps.files.stage(source.body, maxBytes);
  try {
    const id = await deps.db.withClaims(upload.claims, async (tx) => {
      const written = await writeObjectRow(
        tx,
        row({
          eTag: staged.eTag,
          size: staged.size,
          mimetype: source.mimeType,
          cacheControl: source.cacheControl,
          lastModified: new Date().toISOString(),
          contentLength: staged.size,
          httpStatusCode: 200,
        }),
        upload.upsert,
      );
      await deps.files.commit(staged, upload.bucketId, upload.key);
      return written;
    });
    return { id };
  } catch (error) {
    await deps.files.discard(staged);
    throw error;
  }
}

/** The object's bytes with the headers Storage sends (type, length, ETag, caching, download name). */
export async function objectResponse(
  files: ObjectFiles,
  bucketId: string,
  row: ObjectRow,
  options: { download: string | null; expires?: Date },
): Promise<Response> {
  const opened = await files.open(bucketId, row.name);
  if (!opened) {
    log.warn("storage: object row without its file", { bucket: bucketId, key: row.name });
    throw storageErrors.noSuchKey();
  }
  const metadata = row.metadata ?? {};
  const headers = new Headers({
    "content-type": metadata.mimetype ?? "application/octet-stream",
    "content-length": String(opened.size),
    "x-robots-tag": "none",
  });
  if (metadata.eTag) headers.set("etag", metadata.eTag);
  if (metadata.lastModified) headers.set("last-modified", new Date(metadata.lastModified).toUTCString());
  if (options.expires) headers.set("expires", options.expires.toUTCString());
  else headers.set("cache-control", metadata.cacheControl ?? "no-cache");
  if (options.download === "") headers.set("content-disposition", "attachment;");
  else if (options.download !== null) {
    const fileName = encodeURIComponent(options.download);
    headers.set("content-disposition", `attachment; filename=${fileName}; filename*=UTF-8''${fileName}`);
  }
  return new Response(opened.file.readable, { headers });
}
