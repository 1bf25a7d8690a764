import { z } from "zod";
import type { AuthDeps } from "./auth-config.ts";
import { AuthError, badRequest, unprocessable, validationFailed } from "./auth-errors.ts";
import { optionalText, readAuthBody } from "./auth-request-body.ts";
import { passwordMatches, passwordWeakness } from "./passwords.ts";
import { assertRefreshTokenFormat, rotateRefreshToken, sessionResponse, startSession } from "./sessions.ts";
import { findUserByEmail, isBanned } from "./users.ts";

const passwordGrantBody = z.object({ email: optionalText, phone: optionalText, password: optionalText });
const refreshTokenGrantBody = z.object({ refresh_token: optionalText });

/** POST /token?grant_type=password|refresh_token */
export async function token(deps: AuthDeps, request: Request, url: URL): Promise<Response> {
  switch (url.searchParams.get("grant_type")) {
    case "password":
      return await passwordGrant(deps, request);
    case "refresh_token":
      return await refreshTokenGrant(deps, request);
    default:
      throw badRequest("invalid_credentials", "unsupported_grant_type");
  }
}

async function passwordGrant({ context, config }: AuthDeps, request: Request): Promise<Response> {
  const params = await readAuthBody(request, passwordGrantBody);
  if (params.email !== "" && params.phone !== "") {
    throw validationFailed("Only an email address or phone number should be provided on login.");
  }
  if (params.phone !== "") throw unprocessable("phone_provider_disabled", "Phone logins are disabled");
  if (params.email === "") throw validationFailed("missing email or phone");
  if (!config.emailProviderEnabled) {
    throw unprocessable("email_provider_disabled", "Email logins are disabled");
  }

  // One message for an unknown email and a wrong password, so that sign-in does not reveal who has an account.
  const invalidCredentials = () => badRequest("invalid_credentials", "Invalid login credentials");
  const user = await context.db.asOwner((tx) => findUserByEmail(tx, params.email));
  if (!user?.encrypted_password) throw invalidCredentials();
  if (isBanned(user)) throw badRequest("user_banned", "User is banned");
  if (!(await passwordMatches(params.password, user.encrypted_password))) throw invalidCredentials();
  if (user.email_confirmed_at === null) throw badRequest("email_not_confirmed", "Email not confirmed");

  const grant = await context.db.asOwner((tx) => startSession(tx, user.id));
  // A password set before the policy tightened still signs in; auth-js surfaces the warning.
  return await sessionResponse(
    context,
    config,
    grant,
    passwordWeakness(params.password, config.minimumPasswordLength),
  );
}

async function refreshTokenGrant({ context, config }: AuthDeps, request: Request): Promise<Response> {
  const params = await readAuthBody(request, refreshTokenGrantBody);
  assertRefreshTokenFormat(params.refresh_token);
  const outcome = await context.db.asOwner((tx) => rotateRefreshToken(tx, params.refresh_token));
  if (outcome instanceof AuthError) throw outcome;
  return await sessionResponse(context, config, outcome);
}
