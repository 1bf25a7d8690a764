import type { JWTPayload } from "jose";
import type { Tx } from "../../functions/_shared/db/db.ts";
import type { ServiceContext } from "../services.ts";
import { AuthError, badRequest, forbidden } from "./auth-errors.ts";
import { isBanned, userColumns, type UserRow } from "./users.ts";

/** The signed-in user behind a request, and the session their access token belongs to. */
export interface Caller {
  user: UserRow;
  /** Absent for a token without a session (GoTrue accepts those, e.g. minted by hand). */
  sessionId: string | undefined;
}

const bearerPattern = /^bearer (\S+)$/i;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const nilUuid = "00000000-0000-0000-0000-000000000000";

/** The claims of the request's access token, checked against the platform's signing key. */
async function verifiedClaims(context: ServiceContext, request: Request): Promise<JWTPayload> {
  const token = bearerPattern.exec(request.headers.get("authorization") ?? "")?.[1];
  if (!token) throw new AuthError(401, "no_authorization", "This endpoint requires a valid Bearer token");
  try {
    return await context.keys.verify(token);
  } catch (error) {
    throw forbidden(
      "bad_jwt",
      `invalid JWT: unable to parse or verify signature, ${(error as Error).message}`,
    );
  }
}

/**
 * Loads the user and session the claims name. A signature alone is not enough: the user may
 * have been deleted or the session signed out since the token was issued.
 */
async function loadCaller(tx: Tx, claims: JWTPayload): Promise<Caller> {
  if (typeof claims.sub !== "string" || claims.sub === "") {
    throw forbidden("bad_jwt", "invalid claim: missing sub claim");
  }
  if (!uuidPattern.test(claims.sub)) throw badRequest("bad_jwt", "invalid claim: sub claim must be a UUID");
  const [user] = await tx.query<UserRow>(`select ${userColumns} from auth.users where id = $1`, [claims.sub]);
  if (!user) throw forbidden("user_not_found", "User from sub claim in JWT does not exist");

  let sessionId: string | undefined;
  const claimedSession = claims.session_id;
  if (typeof claimedSession === "string" && claimedSession !== "" && claimedSession !== nilUuid) {
    if (!uuidPattern.test(claimedSession)) {
      throw forbidden("bad_jwt", "invalid claim: session_id claim must be a UUID");
    }
    const [session] = await tx.query("select 1 from auth.sessions where id = $1", [claimedSession]);
    if (!session) throw forbidden("session_not_found", "Session from session_id claim in JWT does not exist");
    sessionId = claimedSession;
  }
  if (isBanned(user)) throw forbidden("user_banned", "User is banned");
  return { user, sessionId };
}

export async function authenticate(context: ServiceContext, request: Request): Promise<Caller> {
  const claims = await verifiedClaims(context, request);
  return await context.db.asOwner((tx) => loadCaller(tx, claims));
}
