import { z } from "zod";
import { log } from "../../functions/_shared/log.ts";
import type { AuthDeps } from "./auth-config.ts";
import { badRequest, unexpectedFailure, unprocessable, validationFailed } from "./auth-errors.ts";
import { optionalObject, optionalText, readAuthBody } from "./auth-request-body.ts";
import { assertAcceptablePassword, hashPassword } from "./passwords.ts";
import { type SessionGrant, sessionResponse, startSession } from "./sessions.ts";
import { findUserByEmail, isUniqueViolation, validEmail } from "./users.ts";

const signupBody = z.object({
  email: optionalText,
  phone: optionalText,
  password: optionalText,
  data: optionalObject,
});

const userAlreadyExists = () => unprocessable("user_already_exists", "User already registered");

/**
 * POST /signup. Email confirmation is off (config.toml), so the user is confirmed on the spot and
 * signed in, and the answer is a session, as GoTrue answers with autoconfirm on.
 */
export async function signup({ context, config }: AuthDeps, request: Request): Promise<Response> {
  if (!config.signupEnabled) throw unprocessable("signup_disabled", "Signups not allowed for this instance");
  const params = await readAuthBody(request, signupBody);
  if (params.email === "" && params.phone === "") {
    throw unprocessable("anonymous_provider_disabled", "Anonymous sign-ins are disabled");
  }
  if (params.password === "") throw validationFailed("Signup requires a valid password");
  assertAcceptablePassword(params.password, config.minimumPasswordLength);
  if (params.email !== "" && params.phone !== "") {
    throw validationFailed("Only an email address or phone number should be provided on signup.");
  }
  if (params.phone !== "") throw badRequest("phone_provider_disabled", "Phone signups are disabled");
  if (!config.emailProviderEnabled) throw badRequest("email_provider_disabled", "Email signups are disabled");
  const email = validEmail(params.email);

  if (await context.db.asOwner((tx) => findUserByEmail(tx, email))) throw userAlreadyExists();
  // bcrypt is slow on purpose; hashing inside the transaction would hold up every other one on PGlite.
  const passwordHash = await hashPassword(params.password);
  let grant: SessionGrant;
  try {
    grant = await context.db.asOwner(async (tx) => {
      // A plain insert, so that the app's triggers on auth.users (profile, starting credits) run.
      // JSON goes in as text: postgres.js would encode a string bound to a jsonb parameter again.
      const [user] = await tx.query<{ id: string }>(
        `insert into auth.users
           (instance_id, aud, role, email, encrypted_password, email_confirmed_at, raw_app_meta_data, raw_user_meta_data)
         values ('00000000-0000-0000-0000-000000000000', 'authenticated', 'authenticated', $1, $2, now(), $3::text::jsonb, $4::text::jsonb)
         returning id`,
        [
          email,
          passwordHash,
          JSON.stringify({ provider: "email", providers: ["email"] }),
          JSON.stringify(params.data ?? {}),
        ],
      );
      return await startSession(tx, user.id);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw userAlreadyExists();
    log.error("signup could not save the user", { error: String((error as Error)?.stack ?? error) });
    throw unexpectedFailure("Database error saving new user");
  }
  return await sessionResponse(context, config, grant);
}
