import { log } from "../../functions/_shared/log.ts";
import type { ServiceContext, ServiceHandler } from "../services.ts";
import { identifyCaller } from "./caller.ts";
import { ObjectFiles } from "./object-files.ts";
import { parseBucketAndKey, parseBucketName, rawServicePath } from "./object-key.ts";
import { deleteObjects, downloadObject, listObjects, uploadObject } from "./object-routes.ts";
import type { StorageDeps } from "./object-store.ts";
import {
  createSignedUploadUrl,
  downloadSignedObject,
  signObjectUrl,
  signObjectUrls,
  uploadToSignedUrl,
} from "./signed-url-routes.ts";
import { loadGlobalFileSizeLimit } from "./storage-limits.ts";
import { fromDatabaseError, StorageError, storageErrorResponse, storageErrors } from "./storage-error.ts";

const configFile = new URL("../../config.toml", import.meta.url);

/** GET /bucket: the buckets the caller's policies show (all of them for the service role). */
async function listBuckets(deps: StorageDeps, request: Request): Promise<Response> {
  const caller = await identifyCaller(request, deps.keys, { allowInvalidToken: false });
  const buckets = await deps.db.withClaims(caller.claims, (tx) =>
    tx.query(
      `select id, name, owner, public, file_size_limit, allowed_mime_types, created_at, updated_at,
              'STANDARD' as type
       from storage.buckets order by name`,
    ));
  return Response.json(buckets);
}

/** Routes `/object/…`; `segments` are still percent-encoded, so keys are decoded exactly once. */
async function routeObject(
  deps: StorageDeps,
  request: Request,
  segments: string[],
): Promise<Response | undefined> {
  const url = new URL(request.url);
  const method = request.method;
  const [first, ...rest] = segments;
  const caller = (allowInvalidToken = false) => identifyCaller(request, deps.keys, { allowInvalidToken });

  if (first === "list" && rest.length === 1 && method === "POST") {
    return listObjects(deps, await caller(), request, parseBucketName(rest[0]));
  }
  if (first === "sign" && rest.length === 1 && method === "POST") {
    return signObjectUrls(deps, await caller(), request, parseBucketName(rest[0]));
  }
  if (first === "sign" && rest.length > 1) {
    const { bucket, key } = parseBucketAndKey(rest);
    if (method === "POST") return signObjectUrl(deps, await caller(), request, bucket, key);
    if (method === "GET") return downloadSignedObject(deps, url, bucket, key);
    return undefined;
  }
  if (first === "upload" && rest[0] === "sign" && rest.length > 2) {
    const { bucket, key } = parseBucketAndKey(rest.slice(1));
    if (method === "POST") return createSignedUploadUrl(deps, await caller(), request, bucket, key);
    if (method === "PUT") return uploadToSignedUrl(deps, request, url, bucket, key);
    return undefined;
  }
  if (first === "authenticated" && rest.length > 1 && method === "GET") {
    const { bucket, key } = parseBucketAndKey(rest);
    return downloadObject(deps, await caller(), bucket, key, url.searchParams.get("download"));
  }
  if (rest.length === 0 && method === "DELETE") {
    return deleteObjects(deps, await caller(), request, parseBucketName(first));
  }
  if (rest.length > 0) {
    const { bucket, key } = parseBucketAndKey(segments);
    if (method === "GET") {
      return downloadObject(deps, await caller(true), bucket, key, url.searchParams.get("download"));
    }
    if (method === "POST" || method === "PUT") {
      return uploadObject(deps, await caller(), request, bucket, key);
    }
  }
  return undefined;
}

function toStorageError(error: unknown, request: Request): StorageError {
  if (error instanceof StorageError) return error;
  const fromDatabase = fromDatabaseError(error);
  if (fromDatabase) return fromDatabase;
  log.error("storage request failed", {
    method: request.method,
    url: request.url,
    error: String((error as Error)?.stack ?? error),
  });
  return storageErrors.internal();
}

/**
 * `/storage/v1`: the part of Supabase Storage's HTTP API that storage-js uses for objects —
 * bytes on the local disk, metadata in `storage.objects`, every metadata read and write run
 * under the caller's claims so the storage.objects policies decide, as hosted Storage does.
 */
export function createStorageService(context: ServiceContext): ServiceHandler {
  let globalLimit: Promise<number> | undefined;
  const deps: StorageDeps = {
    db: context.db,
    keys: context.keys,
    files: new ObjectFiles(context.dataDir),
    globalFileSizeLimit: () => globalLimit ??= loadGlobalFileSizeLimit(configFile),
  };

  return async (request) => {
    try {
      const path = rawServicePath(request);
      const [area, ...segments] = path.split("/").slice(1);
      let response: Response | undefined;
      if (area === "bucket" && segments.length === 0 && request.method === "GET") {
        response = await listBuckets(deps, request);
      } else if (area === "object" && segments.length > 0) {
        response = await routeObject(deps, request, segments);
      }
      if (!response) throw storageErrors.routeNotFound(request.method, path);
      return response;
    } catch (error) {
      await request.body?.cancel().catch(() => {});
      return storageErrorResponse(toStorageError(error, request));
    }
  };
}
