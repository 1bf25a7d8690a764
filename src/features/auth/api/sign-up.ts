import { useMutation } from "@tanstack/react-query";
import * as z from "zod/mini";
import { paths } from "@/config/paths";
import { emailSchema, newPasswordSchema } from "@/features/auth/api/credentials";
import { supabase } from "@/lib/supabase";

export const signUpSchema = z.object({
  displayName: z.string().check(z.trim(), z.maxLength(80, "Use at most 80 characters.")),
  email: emailSchema,
  password: newPasswordSchema,
});
export type SignUpInput = z.infer<typeof signUpSchema>;

/**
 * Creates the account. The name travels as `display_name` user metadata, which the profile starts
 * from. Without email confirmation (the local platform) the answer carries a session; with it, null.
 */
export async function signUp({ displayName, email, password }: SignUpInput) {
  const { data, error } = await supabase.auth.signUp({
    email,
    password,
    options: {
      data: displayName ? { display_name: displayName } : {},
      emailRedirectTo: `${window.location.origin}${paths.account.href()}`,
    },
  });
  if (error) throw error;
  return { session: data.session, email };
}

export function useSignUp() {
  return useMutation({ mutationFn: signUp });
}
