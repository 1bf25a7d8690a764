import type { JwtClaims } from "../../functions/_shared/db/db.ts";
import type { PlatformKeys } from "../keys.ts";
import { storageErrors } from "./storage-error.ts";

export interface Caller {
  claims: JwtClaims;
  /** False when a route that tolerates it was called without a valid token (Storage's allowInvalidJwt). */
  authenticated: boolean;
}

const apiRoles = new Set(["anon", "authenticated", "service_role"]);
const anonymous: Caller = { claims: { role: "anon" }, authenticated: false };

async function verifiedClaims(token: string, keys: PlatformKeys): Promise<JwtClaims> {
  let payload;
  try {
    payload = await keys.verify(token);
  } catch (error) {
    throw storageErrors.accessDenied((error as Error).message || "Invalid JWT");
  }
  // Signed-URL tokens carry no role: they open one object, never the API.
  if (typeof payload.role !== "string" || !apiRoles.has(payload.role)) {
    throw storageErrors.accessDenied("Access denied: Invalid role");
  }
  return payload as JwtClaims;
}

/**
 * Who is calling, as Supabase Storage decides it: the Bearer token's verified claims. A request
 * with only an `apikey` (no Authorization) is anonymous once that key verifies.
 */
export async function identifyCaller(
  request: Request,
  keys: PlatformKeys,
  options: { allowInvalidToken: boolean },
): Promise<Caller> {
  const authorization = request.headers.get("authorization");
  const apiKey = request.headers.get("apikey");
  try {
    if (authorization) {
      const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
      if (!token) throw storageErrors.accessDenied("Invalid Compact JWS");
      return { claims: await verifiedClaims(token, keys), authenticated: true };
    }
    if (apiKey) {
      await verifiedClaims(apiKey, keys);
      return { claims: { role: "anon" }, authenticated: true };
    }
    throw storageErrors.accessDenied("Access denied: JWT is not authenticated");
  } catch (error) {
    if (options.allowInvalidToken) return anonymous;
    throw error;
  }
}
