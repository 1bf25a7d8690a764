import { decodeJwt } from "jose";
import type { Tx } from "../../functions/_shared/db/db.ts";
import type { ServiceContext } from "../services.ts";
import type { AuthConfig } from "./auth-config.ts";
import { AuthError, badRequest } from "./auth-errors.ts";
import type { PasswordWeakness } from "./passwords.ts";
import { isBanned, userColumns, userJson, type UserRow } from "./users.ts";

/** A session just opened or refreshed: what the token response is made of. */
export interface SessionGrant {
  user: UserRow;
  sessionId: string;
  sessionCreatedAt: Date | string;
  refreshToken: string;
}

// GoTrue's (v1) refresh tokens: 12 characters of [a-z0-9], base32 of random bytes.
const refreshTokenPattern = /^[a-z0-9]{12}$/;
const base32Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

function newRefreshToken(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(12)), (byte) => base32Alphabet[byte & 31]).join("");
}

async function insertRefreshToken(tx: Tx, userId: string, sessionId: string, parent: string | null) {
  const token = newRefreshToken();
  await tx.query(
    "insert into auth.refresh_tokens (token, user_id, session_id, parent) values ($1, $2, $3, $4)",
    [token, userId, sessionId, parent],
  );
  return token;
}

/** Every grant counts as a sign-in for GoTrue: it moves `last_sign_in_at`. */
async function touchLastSignIn(tx: Tx, userId: string): Promise<UserRow> {
  const [user] = await tx.query<UserRow>(
    `update auth.users set last_sign_in_at = now(), updated_at = now() where id = $1 returning ${userColumns}`,
    [userId],
  );
  return user;
}

/** Opens a session for a user who just proved who they are, with its first refresh token. */
export async function startSession(tx: Tx, userId: string): Promise<SessionGrant> {
  const [session] = await tx.query<{ id: string; created_at: Date | string }>(
    "insert into auth.sessions (user_id) values ($1) returning id, created_at",
    [userId],
  );
  const refreshToken = await insertRefreshToken(tx, userId, session.id, null);
  const user = await touchLastSignIn(tx, userId);
  return { user, sessionId: session.id, sessionCreatedAt: session.created_at, refreshToken };
}

/** GoTrue refuses a refresh token that could not have come from it before looking it up. */
export function assertRefreshTokenFormat(refreshToken: string): void {
  if (!refreshTokenPattern.test(refreshToken)) {
    throw badRequest("validation_failed", "Refresh token is not valid");
  }
}

/**
 * Swaps a refresh token for a new one in the same session. A token that was already swapped is
 * treated as stolen, as GoTrue treats one reused after its reuse interval (the local server grants
 * no such interval, so a used token is refused at once): every token of its session is revoked,
 * and that revocation is kept although the request fails (hence the result type instead of a
 * throw, which would roll it back).
 */
export async function rotateRefreshToken(tx: Tx, refreshToken: string): Promise<SessionGrant | AuthError> {
  const [token] = await tx.query<
    { user_id: string; session_id: string; revoked: boolean; session_created_at: Date | string }
  >(
    `select t.user_id, t.session_id, t.revoked, s.created_at as session_created_at
       from auth.refresh_tokens t join auth.sessions s on s.id = t.session_id
      where t.token = $1
        for update of t`,
    [refreshToken],
  );
  if (!token) return badRequest("refresh_token_not_found", "Invalid Refresh Token: Refresh Token Not Found");
  const [owner] = await tx.query<UserRow>(`select ${userColumns} from auth.users where id = $1`, [
    token.user_id,
  ]);
  if (isBanned(owner)) return badRequest("user_banned", "Invalid Refresh Token: User Banned");
  if (token.revoked) {
    await tx.query(
      "update auth.refresh_tokens set revoked = true, updated_at = now() where session_id = $1 and not revoked",
      [token.session_id],
    );
    return badRequest("refresh_token_already_used", "Invalid Refresh Token: Already Used");
  }
  await tx.query("update auth.refresh_tokens set revoked = true, updated_at = now() where token = $1", [
    refreshToken,
  ]);
  const next = await insertRefreshToken(tx, token.user_id, token.session_id, refreshToken);
  await tx.query("update auth.sessions set updated_at = now() where id = $1", [token.session_id]);
  const user = await touchLastSignIn(tx, token.user_id);
  return {
    user,
    sessionId: token.session_id,
    sessionCreatedAt: token.session_created_at,
    refreshToken: next,
  };
}

/** The access token's claims, as Supabase Auth puts them in its JWTs. */
function accessTokenClaims(
  context: ServiceContext,
  user: UserRow,
  sessionId: string,
  sessionCreatedAt: Date | string,
) {
  return {
    iss: `${context.url}/auth/v1`,
    sub: user.id,
    aud: user.aud,
    email: user.email ?? "",
    phone: "",
    app_metadata: user.raw_app_meta_data,
    user_metadata: user.raw_user_meta_data,
    role: user.role,
    aal: "aal1",
    // Only password sign-in exists locally; its timestamp is when the session began, as GoTrue's.
    amr: [{ method: "password", timestamp: Math.floor(new Date(sessionCreatedAt).getTime() / 1000) }],
    session_id: sessionId,
    is_anonymous: user.is_anonymous,
  };
}

/** GoTrue's token response: what auth-js stores as the session. */
export async function sessionResponse(
  context: ServiceContext,
  config: AuthConfig,
  grant: SessionGrant,
  weakPassword?: PasswordWeakness,
): Promise<Response> {
  const claims = accessTokenClaims(context, grant.user, grant.sessionId, grant.sessionCreatedAt);
  const accessToken = await context.keys.sign(claims, config.jwtExpirySeconds);
  const expiresAt = decodeJwt(accessToken).exp!;
  return Response.json({
    access_token: accessToken,
    token_type: "bearer",
    expires_in: expiresAt - Math.floor(Date.now() / 1000),
    expires_at: expiresAt,
    refresh_token: grant.refreshToken,
    user: userJson(grant.user),
    ...(weakPassword ? { weak_password: weakPassword } : {}),
  });
}
