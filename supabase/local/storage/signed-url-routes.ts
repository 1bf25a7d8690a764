import type * as jose from "jose";
import { z } from "zod";
import { serviceClaims } from "../../functions/_shared/db/db.ts";
import type { Caller } from "./caller.ts";
import { readJsonBody } from "./json-body.ts";
import {
  assertCanWrite,
  findVisibleObject,
  objectResponse,
  requireBucket,
  type StorageDeps,
  storeObject,
} from "./object-store.ts";
import { maxObjectsPerRequest, maxSignedUrlSeconds, signedUploadUrlSeconds } from "./storage-limits.ts";
import { storageErrors } from "./storage-error.ts";

/**
 * Signed-URL tokens as Storage makes them: a JWT bound to one `<bucket>/<key>` and scoped to
 * download or upload, so neither kind opens another object or the other action. They carry no
 * role, so they are never accepted as an API token either.
 */
type Scope = "download" | "upload";

interface SignedToken extends jose.JWTPayload {
  url: string;
  scope: Scope;
  owner?: string;
  upsert?: boolean;
}

const expiresIn = z.number().refine(Number.isFinite, "must be a number")
  .transform(Math.floor)
  .pipe(z.number().int().min(1).max(maxSignedUrlSeconds));

async function verifySignedToken(
  deps: StorageDeps,
  token: string | null,
  objectUrl: string,
  scope: Scope,
): Promise<SignedToken> {
  if (!token) throw storageErrors.invalidRequest("querystring must have required property 'token'");
  let payload: jose.JWTPayload;
  try {
    payload = await deps.keys.verify(token);
  } catch (error) {
    throw storageErrors.invalidJwt((error as Error).message);
  }
  if (payload.scope !== scope) throw storageErrors.invalidSignature(`Token is not scoped for ${scope}`);
  if (payload.url !== objectUrl) throw storageErrors.invalidSignature();
  return payload as SignedToken;
}

/** POST /object/sign/{bucket}/{key} `{ expiresIn }` → `{ signedURL }` for an object the caller can see. */
export async function signObjectUrl(
  deps: StorageDeps,
  caller: Caller,
  request: Request,
  bucketId: string,
  key: string,
): Promise<Response> {
  const body = await readJsonBody(request, z.object({ expiresIn }));
  await findVisibleObject(deps.db, caller.claims, bucketId, key);
  const url = `${bucketId}/${key}`;
  const token = await deps.keys.sign({ url, scope: "download" }, body.expiresIn);
  return Response.json({ signedURL: `/object/sign/${url}?token=${token}` });
}

/**
 * POST /object/sign/{bucket} `{ expiresIn, paths }` → one `{ path, signedURL, error }` per path;
 * paths the caller cannot see get an error, never a URL.
 */
export async function signObjectUrls(
  deps: StorageDeps,
  caller: Caller,
  request: Request,
  bucketId: string,
): Promise<Response> {
  const body = await readJsonBody(
    request,
    z.object({ expiresIn, paths: z.array(z.string()).min(1).max(maxObjectsPerRequest) }),
  );
  const visible = await deps.db.withClaims(caller.claims, (tx) =>
    tx.query<{ name: string }>(
      "select name from storage.objects where bucket_id = $1 and name = any($2::text[])",
      [bucketId, body.paths],
    ));
  const names = new Set(visible.map((row) => row.name));
  const signed = await Promise.all(body.paths.map(async (path) => {
    if (!names.has(path)) {
      return {
        path,
        signedURL: null,
        error: "Either the object does not exist or you do not have access to it",
      };
    }
    const url = `${bucketId}/${path}`;
    const token = await deps.keys.sign({ url, scope: "download" }, body.expiresIn);
    return { path, signedURL: `/object/sign/${url}?token=${token}`, error: null };
  }));
  return Response.json(signed);
}

/** GET /object/sign/{bucket}/{key}?token=… : the token is the permission, for this key only. */
export async function downloadSignedObject(
  deps: StorageDeps,
  url: URL,
  bucketId: string,
  key: string,
): Promise<Response> {
  const token = await verifySignedToken(
    deps,
    url.searchParams.get("token"),
    `${bucketId}/${key}`,
    "download",
  );
  const row = await findVisibleObject(deps.db, serviceClaims, bucketId, key);
  return objectResponse(deps.files, bucketId, row, {
    download: url.searchParams.get("download"),
    expires: new Date((token.exp ?? 0) * 1000),
  });
}

/**
 * POST /object/upload/sign/{bucket}/{key} → `{ url, token }`. The caller's policies are checked
 * now (as the write would run); the token then lets whoever holds it upload to that key until it expires.
 */
export async function createSignedUploadUrl(
  deps: StorageDeps,
  caller: Caller,
  request: Request,
  bucketId: string,
  key: string,
): Promise<Response> {
  await requireBucket(deps.db, bucketId);
  const upsert = request.headers.get("x-upsert") === "true";
  const owner = caller.claims.sub;
  await assertCanWrite(deps.db, caller.claims, {
    bucketId,
    key,
    owner,
    metadata: {},
    userMetadata: undefined,
    version: crypto.randomUUID(),
  }, upsert);
  const url = `${bucketId}/${key}`;
  const token = await deps.keys.sign({ url, scope: "upload", owner, upsert }, signedUploadUrlSeconds);
  return Response.json({ url: `/object/upload/sign/${url}?token=${token}`, token });
}

/**
 * PUT /object/upload/sign/{bucket}/{key}?token=… → `{ Key }`. Runs as the service role with the
 * token's owner, as Storage does: the permission was checked when the URL was signed.
 */
export async function uploadToSignedUrl(
  deps: StorageDeps,
  request: Request,
  url: URL,
  bucketId: string,
  key: string,
): Promise<Response> {
  const token = await verifySignedToken(deps, url.searchParams.get("token"), `${bucketId}/${key}`, "upload");
  await storeObject(deps, {
    claims: serviceClaims,
    bucketId,
    key,
    owner: token.owner,
    upsert: token.upsert === true,
    request,
  });
  return Response.json({ Key: `${bucketId}/${key}` });
}
