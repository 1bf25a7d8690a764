import { z } from "zod";
import { createRouter, type RequestContext } from "../../functions/_shared/http/router.ts";
import { log } from "../../functions/_shared/log.ts";
import type { ServiceContext, ServiceHandler } from "../services.ts";
import { type Caller, identifyCaller } from "./caller.ts";
import { ObjectFiles } from "./object-files.ts";
import { parseBucketAndKey, parseBucketName, rawServicePath, routablePath } from "./object-key.ts";
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

const bucketParams = z.object({ bucket: z.string() });
const objectParams = z.object({ bucket: z.string(), key: z.string() });

/**
 * `/storage/v1`: the part of Supabase Storage's HTTP API that storage-js uses for objects —
 * bytes on the local disk, metadata in `storage.objects`, every metadata read and write run
 * under the caller's claims so the storage.objects policies decide, as hosted Storage does.
 * Routes are matched on the path as sent (see `routablePath`), the more specific ones first.
 */
export function createStorageService(context: ServiceContext): ServiceHandler {
  let globalLimit: Promise<number> | undefined;
  const deps: StorageDeps = {
    db: context.db,
    keys: context.keys,
    files: new ObjectFiles(context.dataDir),
    globalFileSizeLimit: () => globalLimit ??= loadGlobalFileSizeLimit(configFile),
  };
  const caller = (request: Request, allowInvalidToken = false) =>
    identifyCaller(request, deps.keys, { allowInvalidToken });

  /** `/…/:bucket`: the caller is identified before the name is checked. */
  const onBucket = (run: (context: RequestContext, caller: Caller, bucket: string) => Promise<Response>) => ({
    params: bucketParams,
    handle: async (context: RequestContext & { params: z.infer<typeof bucketParams> }) =>
      run(context, await caller(context.request), parseBucketName(context.params.bucket)),
  });
  /** `/…/:bucket/:key(.*)`: a bad key is refused before anyone is asked who is calling. */
  const onObject = (run: (context: RequestContext, bucket: string, key: string) => Promise<Response>) => ({
    params: objectParams,
    handle: (context: RequestContext & { params: z.infer<typeof objectParams> }) => {
      const { bucket, key } = parseBucketAndKey(context.params);
      return run(context, bucket, key);
    },
  });
  const upload = onObject(async ({ request }, bucket, key) =>
    uploadObject(deps, await caller(request), request, bucket, key)
  );
  // Storage has no 405: a path served with other methods is an unknown route, as in fastify.
  const routeNotFound = ({ request }: RequestContext) =>
    storageErrors.routeNotFound(request.method, rawServicePath(request));

  const router = createRouter({
    basePath: "/storage/v1",
    pathname: routablePath,
    notFound: routeNotFound,
    methodNotAllowed: routeNotFound,
  })
    .get("/bucket", { handle: ({ request }) => listBuckets(deps, request) })
    .post(
      "/object/list/:bucket",
      onBucket(({ request }, who, bucket) => listObjects(deps, who, request, bucket)),
    )
    .post(
      "/object/sign/:bucket",
      onBucket(({ request }, who, bucket) => signObjectUrls(deps, who, request, bucket)),
    )
    .post(
      "/object/sign/:bucket/:key(.*)",
      onObject(async ({ request }, bucket, key) =>
        signObjectUrl(deps, await caller(request), request, bucket, key)
      ),
    )
    .get(
      "/object/sign/:bucket/:key(.*)",
      onObject(({ url }, bucket, key) => downloadSignedObject(deps, url, bucket, key)),
    )
    .post(
      "/object/upload/sign/:bucket/:key(.*)",
      onObject(async ({ request }, bucket, key) =>
        createSignedUploadUrl(deps, await caller(request), request, bucket, key)
      ),
    )
    .put(
      "/object/upload/sign/:bucket/:key(.*)",
      onObject(({ request, url }, bucket, key) => uploadToSignedUrl(deps, request, url, bucket, key)),
    )
    .get(
      "/object/authenticated/:bucket/:key(.*)",
      onObject(async ({ request, url }, bucket, key) =>
        downloadObject(deps, await caller(request), bucket, key, url.searchParams.get("download"))
      ),
    )
    .delete(
      "/object/:bucket",
      onBucket(({ request }, who, bucket) => deleteObjects(deps, who, request, bucket)),
    )
    .get(
      "/object/:bucket/:key(.*)",
      // Without a valid token, a public bucket still answers.
      onObject(async ({ request, url }, bucket, key) =>
        downloadObject(deps, await caller(request, true), bucket, key, url.searchParams.get("download"))
      ),
    )
    .post("/object/:bucket/:key(.*)", upload)
    .put("/object/:bucket/:key(.*)", upload);

  return async (request) => {
    try {
      return await router.fetch(request);
    } catch (error) {
      await request.body?.cancel().catch(() => {});
      return storageErrorResponse(toStorageError(error, request));
    }
  };
}
