import { useMutation } from "@tanstack/react-query";
import * as z from "zod/mini";
import { newPasswordSchema } from "@/features/auth/api/credentials";
import { supabase } from "@/lib/supabase";

export const updatePasswordSchema = z.object({ password: newPasswordSchema });
export type UpdatePasswordInput = z.infer<typeof updatePasswordSchema>;

export async function updatePassword({ password }: UpdatePasswordInput) {
  const { error } = await supabase.auth.updateUser({ password });
  if (error) throw error;
}

export function useUpdatePassword() {
  return useMutation({ mutationFn: updatePassword });
}
