import { type InfiniteData, useMutation, useQueryClient } from "@tanstack/react-query";
import * as z from "zod/mini";
import { type AccountOverview, profileResponse } from "@domain/contracts/account";
import { accountKeys } from "@/data/account/account-keys";
import { invokeFunction } from "@/lib/invoke-function";
import { supabase } from "@/lib/supabase";

export const profileChangesSchema = z.object({
  displayName: z.string().check(
    z.trim(),
    z.minLength(1, "Enter the name you'd like to be called."),
    z.maxLength(80, "Use at most 80 characters."),
  ),
});
export type ProfileChanges = z.infer<typeof profileChangesSchema>;

/** PATCH /functions/v1/account: changes the display name and answers with the whole profile. */
export async function updateProfile(changes: ProfileChanges) {
  const { profile } = await invokeFunction({
    name: "account",
    method: "PATCH",
    body: changes,
    schema: profileResponse,
  });
  // The header greets people from the session's user metadata; keep it in step with the profile.
  const { error } = await supabase.auth.updateUser({ data: { display_name: profile.displayName } });
  if (error) throw error;
  return profile;
}

export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateProfile,
    onSuccess: (profile) => {
      // The answer is the new profile, so every cached account page can show it without a refetch.
      queryClient.setQueriesData<InfiniteData<AccountOverview>>(
        { queryKey: accountKeys.all },
        (cached) => cached && { ...cached, pages: cached.pages.map((page) => ({ ...page, profile })) },
      );
    },
  });
}
