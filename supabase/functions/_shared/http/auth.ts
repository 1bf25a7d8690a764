import * as jose from "jose";
import type { JwtClaims } from "../db/db.ts";
import { ApiError, unauthorized } from "./errors.ts";

const keySets = new Map<string, ReturnType<typeof jose.createRemoteJWKSet>>();

function keySetFor(supabaseUrl: string) {
  let keySet = keySets.get(supabaseUrl);
  if (!keySet) {
    keySet = jose.createRemoteJWKSet(new URL("/auth/v1/.well-known/jwks.json", supabaseUrl));
    keySets.set(supabaseUrl, keySet);
  }
  return keySet;
}

export function bearerToken(request: Request): string | undefined {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}

/** Hosted Supabase issues its anon and service_role keys as "supabase", the CLI's demo keys as "supabase-demo". */
const apiKeyIssuers = ["supabase", "supabase-demo"];
const apiKeyRoles = new Set(["anon", "service_role"]);

/**
 * The issuer and audience the token must carry. The role read here is not yet verified: it only
 * picks the rules, and a token that lies about it fails them or its signature. API keys carry
 * no audience; everything else is a session from the project's Auth (`<SUPABASE_URL>/auth/v1`,
 * audience "authenticated").
 */
function expectedClaims(token: string, supabaseUrl: string): jose.JWTVerifyOptions {
  const { role } = jose.decodeJwt(token);
  if (typeof role === "string" && apiKeyRoles.has(role)) return { issuer: apiKeyIssuers };
  return { issuer: new URL("/auth/v1", supabaseUrl).href, audience: "authenticated" };
}

/**
 * Verifies the caller's access token against the project's JWKS, with its issuer and audience,
 * and returns its claims.
 */
export async function verifyAccessToken(token: string, supabaseUrl: string): Promise<JwtClaims> {
  try {
    const { payload } = await jose.jwtVerify(
      token,
      keySetFor(supabaseUrl),
      expectedClaims(token, supabaseUrl),
    );
    if (typeof payload.role !== "string") throw new Error("token has no role");
    return payload as JwtClaims;
  } catch {
    throw unauthorized("The access token is invalid or has expired. Sign in again.");
  }
}

export interface UserClaims extends JwtClaims {
  sub: string;
  role: "authenticated";
}

/** A signed-in user is required: the anon key alone is not enough. */
export async function requireUser(request: Request, supabaseUrl: string): Promise<UserClaims> {
  const token = bearerToken(request);
  if (!token) throw unauthorized();
  const claims = await verifyAccessToken(token, supabaseUrl);
  if (claims.role !== "authenticated" || typeof claims.sub !== "string") {
    throw unauthorized("This call needs a signed-in user.");
  }
  return claims as UserClaims;
}

/** The service role's key is required: workers and schedulers, never a browser. */
export async function verifyServiceRole(request: Request, supabaseUrl: string): Promise<void> {
  const token = bearerToken(request);
  if (!token) throw unauthorized();
  const claims = await verifyAccessToken(token, supabaseUrl);
  if (claims.role !== "service_role") {
    throw new ApiError(403, "FORBIDDEN", "Only the service role may call this.");
  }
}
