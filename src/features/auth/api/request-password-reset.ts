import { useMutation } from "@tanstack/react-query";
import * as z from "zod/mini";
import { paths } from "@/config/paths";
import { emailSchema } from "@/features/auth/api/credentials";
import { supabase } from "@/lib/supabase";

export const passwordResetRequestSchema = z.object({ email: emailSchema });
export type PasswordResetRequest = z.infer<typeof passwordResetRequestSchema>;

/** Asks Supabase Auth to email a link that signs the person in to choose a new password. */
export async function requestPasswordReset({ email }: PasswordResetRequest) {
  const { error } = await supabase.auth.resetPasswordForEmail(email, {
    redirectTo: `${window.location.origin}${paths.updatePassword.href()}`,
  });
  if (error) throw error;
  return { email };
}

export function useRequestPasswordReset() {
  return useMutation({ mutationFn: requestPasswordReset });
}
