import { z } from "zod";
import { serviceClaims } from "../../functions/_shared/db/db.ts";
import type { Caller } from "./caller.ts";
import { readJsonBody } from "./json-body.ts";
import {
  findBucket,
  findVisibleObject,
  objectResponse,
  type ObjectRow,
  type StorageDeps,
  storeObject,
} from "./object-store.ts";
import { maxObjectsPerRequest } from "./storage-limits.ts";
import { storageErrors } from "./storage-error.ts";

/** POST (x-upsert decides) and PUT (always an upsert) /object/{bucket}/{key} → `{ Id, Key }`. */
export async function uploadObject(
  deps: StorageDeps,
  caller: Caller,
  request: Request,
  bucketId: string,
  key: string,
): Promise<Response> {
  const upsert = request.method === "PUT" || request.headers.get("x-upsert") === "true";
  const { id } = await storeObject(deps, {
    claims: caller.claims,
    bucketId,
    key,
    owner: caller.claims.sub,
    upsert,
    request,
  });
  return Response.json({ Id: id, Key: `${bucketId}/${key}` });
}

/**
 * GET /object/{bucket}/{key} and /object/authenticated/{bucket}/{key}. Without a valid token only
 * a public bucket answers; otherwise the caller's policies decide which objects exist.
 */
export async function downloadObject(
  deps: StorageDeps,
  caller: Caller,
  bucketId: string,
  key: string,
  download: string | null,
): Promise<Response> {
  const bucket = await findBucket(deps.db, bucketId);
  if (!bucket || (!caller.authenticated && !bucket.public)) throw storageErrors.noSuchBucket();
  const claims = bucket.public ? serviceClaims : caller.claims;
  const row = await findVisibleObject(deps.db, claims, bucketId, key);
  return objectResponse(deps.files, bucketId, row, { download });
}

const deleteReturningRows = `
  delete from storage.objects where bucket_id = $1 and name = any($2::text[])
  returning id, name, bucket_id, owner, owner_id, version, metadata, user_metadata,
            created_at, updated_at, last_accessed_at`;

const deleteBody = z.object({
  prefixes: z.array(z.string().min(1)).min(1).max(maxObjectsPerRequest),
});

/**
 * DELETE /object/{bucket} `{ prefixes }` → the deleted objects. Only rows the caller's policies
 * let it delete go; the files follow once the rows are gone.
 */
export async function deleteObjects(
  deps: StorageDeps,
  caller: Caller,
  request: Request,
  bucketId: string,
): Promise<Response> {
  const { prefixes } = await readJsonBody(request, deleteBody);
  const deleted = await deps.db.withClaims(
    caller.claims,
    (tx) => tx.query<ObjectRow>(deleteReturningRows, [bucketId, prefixes]),
  );
  for (const row of deleted) await deps.files.remove(bucketId, row.name);
  return Response.json(deleted);
}

const sortColumns = ["name", "updated_at", "created_at", "last_accessed_at"] as const;
const listBody = z.object({
  prefix: z.string().default(""),
  limit: z.number().int().min(0).max(maxObjectsPerRequest).optional(),
  offset: z.number().int().min(0).optional(),
  search: z.string().optional(),
  sortBy: z.object({
    column: z.enum(sortColumns).optional(),
    order: z.enum(["asc", "desc", "ASC", "DESC"]).optional(),
  }).optional(),
});

interface ListedEntry {
  name: string;
  id: string | null;
  updated_at: Date | null;
  created_at: Date | null;
  last_accessed_at: Date | null;
  metadata: unknown;
}

function compareEntries(column: typeof sortColumns[number], descending: boolean) {
  // Folders have no timestamps; Postgres sorts nulls last ascending and first descending.
  return (a: ListedEntry, b: ListedEntry) => {
    const left = a[column];
    const right = b[column];
    if (left === right) return 0;
    if (left === null) return descending ? -1 : 1;
    if (right === null) return descending ? 1 : -1;
    const order = left < right ? -1 : 1;
    return descending ? -order : order;
  };
}

/**
 * POST /object/list/{bucket}: one level under `prefix`, folders as entries with a null id,
 * as Storage's `storage.search` answers. Only objects the caller's policies show are listed.
 */
export async function listObjects(
  deps: StorageDeps,
  caller: Caller,
  request: Request,
  bucketId: string,
): Promise<Response> {
  const body = await readJsonBody(request, listBody);
  const prefix = body.prefix !== "" && !body.prefix.endsWith("/") ? `${body.prefix}/` : body.prefix;
  const rows = await deps.db.withClaims(caller.claims, (tx) =>
    tx.query<ListedEntry>(
      `select name, id, updated_at, created_at, last_accessed_at, metadata
       from storage.objects where bucket_id = $1 and starts_with(name, $2)`,
      [bucketId, prefix],
    ));

  const search = (body.search ?? "").toLowerCase();
  const entries = new Map<string, ListedEntry>();
  for (const row of rows) {
    const rest = row.name.slice(prefix.length);
    const slash = rest.indexOf("/");
    const name = slash === -1 ? rest : rest.slice(0, slash);
    if (!name.toLowerCase().startsWith(search) || entries.has(name)) continue;
    entries.set(
      name,
      slash === -1 ? { ...row, name } : {
        name,
        id: null,
        updated_at: null,
        created_at: null,
        last_accessed_at: null,
        metadata: null,
      },
    );
  }
  const offset = body.offset ?? 0;
  const listed = [...entries.values()]
    .sort(compareEntries(body.sortBy?.column ?? "name", body.sortBy?.order?.toLowerCase() === "desc"))
    .slice(offset, offset + (body.limit ?? 100));
  return Response.json(listed);
}
