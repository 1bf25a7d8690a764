import { useMutation, useQueryClient } from "@tanstack/react-query";
import { aiImageKeys } from "@/features/ai-image/api/ai-image-keys";
import { sortTokenSets } from "@/features/ai-image/api/get-token-sets";
import { type TokenSet, tokenSetResponse } from "@domain/contracts/personalization-tokens";
import { invokeFunction } from "@/lib/invoke-function";

export interface TokenSetChanges {
  id: string;
  name?: string;
  tokens?: Record<string, string>;
}

/** PATCH /functions/v1/personalization-tokens/:id: renames a set or replaces its values. */
export async function updateTokenSet({ id, ...changes }: TokenSetChanges) {
  const { tokenSet } = await invokeFunction({
    name: `personalization-tokens/${encodeURIComponent(id)}`,
    method: "PATCH",
    body: changes,
    schema: tokenSetResponse,
  });
  return tokenSet;
}

export function useUpdateTokenSet() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateTokenSet,
    onSuccess: (updated) => {
      queryClient.setQueryData<TokenSet[]>(
        aiImageKeys.tokenSets(),
        (cached) =>
          cached &&
          sortTokenSets(cached.map((tokenSet) => (tokenSet.id === updated.id ? updated : tokenSet))),
      );
    },
  });
}
