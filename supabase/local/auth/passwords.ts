import bcrypt from "bcryptjs";
import { AuthError, validationFailed } from "./auth-errors.ts";

const bcryptCost = 10;
/** bcrypt ignores everything past 72 bytes, so GoTrue refuses longer passwords outright. */
const maxPasswordBytes = 72;

const byteLength = (text: string) => new TextEncoder().encode(text).byteLength;

export interface PasswordWeakness {
  message: string;
  reasons: string[];
}

/** GoTrue's strength check (length only: config.toml sets no required characters and no HIBP). */
export function passwordWeakness(password: string, minimumLength: number): PasswordWeakness | undefined {
  if (byteLength(password) < minimumLength) {
    return { message: `Password should be at least ${minimumLength} characters.`, reasons: ["length"] };
  }
  return undefined;
}

/** Refuses a password GoTrue would refuse to set: too long (400) or weak (422 weak_password). */
export function assertAcceptablePassword(password: string, minimumLength: number): void {
  if (byteLength(password) > maxPasswordBytes) {
    throw validationFailed(`Password cannot be longer than ${maxPasswordBytes} characters`);
  }
  const weakness = passwordWeakness(password, minimumLength);
  if (weakness) {
    throw new AuthError(422, "weak_password", weakness.message, { weakPasswordReasons: weakness.reasons });
  }
}

export const hashPassword = (password: string) => bcrypt.hash(password, bcryptCost);

export async function passwordMatches(password: string, hash: string | null): Promise<boolean> {
  if (!hash) return false;
  return await bcrypt.compare(password, hash);
}
