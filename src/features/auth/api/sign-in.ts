import { useMutation } from "@tanstack/react-query";
import * as z from "zod/mini";
import { emailSchema } from "@/features/auth/api/credentials";
import { supabase } from "@/lib/supabase";

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().check(z.minLength(1, "Enter your password.")),
});
export type SignInInput = z.infer<typeof signInSchema>;

export async function signIn(input: SignInInput) {
  const { data, error } = await supabase.auth.signInWithPassword(input);
  if (error) throw error;
  return data.session;
}

export function useSignIn() {
  return useMutation({ mutationFn: signIn });
}
