import * as z from "zod/mini";

export const emailSchema = z.string().check(
  z.trim(),
  z.minLength(1, "Enter your email address."),
  z.email("That email address doesn't look right."),
);

/** Supabase Auth's own minimum is 6; 8 is the least we ask of new passwords. */
export const newPasswordSchema = z.string().check(
  z.minLength(8, "Use at least 8 characters."),
  z.maxLength(72, "Use at most 72 characters."),
);
