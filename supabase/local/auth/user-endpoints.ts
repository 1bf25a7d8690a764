import { z } from "zod";
import type { AuthDeps } from "./auth-config.ts";
import { forbidden, unprocessable, validationFailed } from "./auth-errors.ts";
import { optionalObject, optionalText, readAuthBody } from "./auth-request-body.ts";
import { authenticate } from "./authenticated-caller.ts";
import { assertAcceptablePassword, hashPassword, passwordMatches } from "./passwords.ts";
import {
  findUserByEmail,
  isUniqueViolation,
  userColumns,
  userJson,
  type UserRow,
  validEmail,
} from "./users.ts";

const updateUserBody = z.object({
  email: optionalText,
  phone: optionalText,
  // null or missing keeps the password; "" is a (too short) new one, as in GoTrue.
  password: z.string().nullish(),
  data: optionalObject,
  app_metadata: optionalObject,
});

const emailExists = () =>
  unprocessable("email_exists", "A user with this email address has already been registered");

/** GoTrue's merge of `data` into user_metadata: top-level keys are replaced, a null value removes its key. */
function mergeMetadata(current: Record<string, unknown>, updates: Record<string, unknown>) {
  const merged = { ...current };
  for (const [key, value] of Object.entries(updates)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

/** GET /user */
export async function getUser({ context }: AuthDeps, request: Request): Promise<Response> {
  const { user } = await authenticate(context, request);
  return Response.json(userJson(user));
}

/**
 * PUT /user: email, password and user metadata. With no mail locally, a new email address takes
 * effect at once instead of after the confirmation links GoTrue would send.
 */
export async function updateUser({ context, config }: AuthDeps, request: Request): Promise<Response> {
  const caller = await authenticate(context, request);
  const params = await readAuthBody(request, updateUserBody);
  const email = params.email === "" ? undefined : validEmail(params.email);
  if (params.phone !== "") {
    throw validationFailed("The local platform has no SMS provider, so a phone number cannot be set");
  }
  if (params.password != null) assertAcceptablePassword(params.password, config.minimumPasswordLength);
  if (params.app_metadata) throw forbidden("not_admin", "Updating app_metadata requires admin privileges");

  const newEmail = email !== undefined && email !== caller.user.email?.toLowerCase() ? email : undefined;
  let passwordHash: string | undefined;
  if (params.password != null) {
    if (await passwordMatches(params.password, caller.user.encrypted_password)) {
      throw unprocessable("same_password", "New password should be different from the old password.");
    }
    passwordHash = await hashPassword(params.password);
  }

  const updated = await context.db.asOwner(async (tx) => {
    const [current] = await tx.query<Pick<UserRow, "raw_user_meta_data">>(
      "select raw_user_meta_data from auth.users where id = $1 for update",
      [caller.user.id],
    );
    if (!current) throw forbidden("user_not_found", "User from sub claim in JWT does not exist");
    if (newEmail && await findUserByEmail(tx, newEmail)) throw emailExists();
    if (passwordHash) {
      await tx.query(
        `update auth.users set encrypted_password = $2, recovery_token = null, recovery_sent_at = null
          where id = $1`,
        [caller.user.id, passwordHash],
      );
      // As GoTrue: whoever held the old password loses every session but the one that changed it.
      await tx.query("delete from auth.sessions where user_id = $1 and id is distinct from $2", [
        caller.user.id,
        caller.sessionId ?? null,
      ]);
    }
    const metadata = params.data
      ? mergeMetadata(current.raw_user_meta_data, params.data)
      : current.raw_user_meta_data;
    // JSON goes in as text: postgres.js would encode a string bound to a jsonb parameter again.
    const [user] = await tx.query<UserRow>(
      `update auth.users set email = coalesce($2, email), raw_user_meta_data = $3::text::jsonb, updated_at = now()
        where id = $1 returning ${userColumns}`,
      [caller.user.id, newEmail ?? null, JSON.stringify(metadata)],
    );
    return user;
  }).catch((error) => {
    throw isUniqueViolation(error) ? emailExists() : error;
  });
  return Response.json(userJson(updated));
}

const logoutScopes = new Set(["global", "local", "others"]);

/** POST /logout?scope=global|local|others: the sessions go, and their refresh tokens with them. */
export async function logout({ context }: AuthDeps, request: Request, url: URL): Promise<Response> {
  const { user, sessionId } = await authenticate(context, request);
  const scope = url.searchParams.get("scope") || "global";
  if (!logoutScopes.has(scope)) throw validationFailed(`Unsupported logout scope ${JSON.stringify(scope)}`);
  await context.db.asOwner(async (tx) => {
    if (sessionId && scope === "local") {
      await tx.query("delete from auth.sessions where id = $1", [sessionId]);
    } else if (sessionId && scope === "others") {
      await tx.query("delete from auth.sessions where user_id = $1 and id <> $2", [user.id, sessionId]);
    } else {
      await tx.query("delete from auth.sessions where user_id = $1", [user.id]);
    }
  });
  return new Response(null, { status: 204 });
}
