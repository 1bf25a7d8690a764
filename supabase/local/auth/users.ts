import { createHash } from "node:crypto";
import type { Tx } from "../../functions/_shared/db/db.ts";
import { validationFailed } from "./auth-errors.ts";

type Timestamp = Date | string | null;

/** A row of auth.users as the auth server reads it. */
export interface UserRow {
  id: string;
  aud: string;
  role: string;
  email: string | null;
  encrypted_password: string | null;
  email_confirmed_at: Timestamp;
  recovery_sent_at: Timestamp;
  last_sign_in_at: Timestamp;
  raw_app_meta_data: Record<string, unknown>;
  raw_user_meta_data: Record<string, unknown>;
  is_anonymous: boolean;
  banned_until: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export const userColumns = `id, aud, role, email, encrypted_password, email_confirmed_at, recovery_sent_at,
  last_sign_in_at, raw_app_meta_data, raw_user_meta_data, is_anonymous, banned_until, created_at, updated_at`;

/** The pg drivers hand out Date objects, but a row edited by hand may carry text; both become ISO. */
const isoTime = (value: Timestamp): string | undefined =>
  value === null ? undefined : new Date(value).toISOString();

export function isBanned(user: UserRow): boolean {
  return user.banned_until !== null && new Date(user.banned_until).getTime() > Date.now();
}

/**
 * GoTrue keeps identities in a table the local platform does not have; the email identity is
 * derived from the user instead, with an id that stays the same for the same user.
 */
function emailIdentityId(userId: string): string {
  const hex = createHash("sha256").update(`email-identity:${userId}`).digest("hex");
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${
    hex.slice(20, 32)
  }`;
}

/** The user as GoTrue serializes it; unset timestamps are left out, as GoTrue's omitempty does. */
export function userJson(user: UserRow) {
  const email = user.email ?? "";
  const identities = user.email
    ? [{
      identity_id: emailIdentityId(user.id),
      id: user.id,
      user_id: user.id,
      identity_data: {
        email,
        email_verified: user.email_confirmed_at !== null,
        phone_verified: false,
        sub: user.id,
      },
      provider: "email",
      last_sign_in_at: isoTime(user.created_at),
      created_at: isoTime(user.created_at),
      updated_at: isoTime(user.created_at),
      email,
    }]
    : [];
  return {
    id: user.id,
    aud: user.aud,
    role: user.role,
    email,
    email_confirmed_at: isoTime(user.email_confirmed_at),
    phone: "",
    confirmed_at: isoTime(user.email_confirmed_at),
    recovery_sent_at: isoTime(user.recovery_sent_at),
    last_sign_in_at: isoTime(user.last_sign_in_at),
    app_metadata: user.raw_app_meta_data,
    user_metadata: user.raw_user_meta_data,
    identities,
    created_at: isoTime(user.created_at),
    updated_at: isoTime(user.updated_at),
    banned_until: isoTime(user.banned_until),
    is_anonymous: user.is_anonymous,
  };
}

// The format check GoTrue runs (github.com/badoux/checkmail's ValidateFormat).
const emailFormat =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/** GoTrue's email validation; the stored address is lower-cased. */
export function validEmail(email: string): string {
  if (email === "") throw validationFailed("An email address is required");
  if (email.length > 255) throw validationFailed("An email address is too long");
  if (!emailFormat.test(email)) throw validationFailed("Unable to validate email address: invalid format");
  return email.toLowerCase();
}

export async function findUserByEmail(tx: Tx, email: string): Promise<UserRow | undefined> {
  const [user] = await tx.query<UserRow>(
    `select ${userColumns} from auth.users where lower(email) = lower($1) and aud = 'authenticated'`,
    [email],
  );
  return user;
}

export const isUniqueViolation = (error: unknown) => (error as { code?: unknown })?.code === "23505";
