import { useMutation, useQueryClient } from "@tanstack/react-query";
import { aiImageKeys } from "@/features/ai-image/api/ai-image-keys";
import { sortTokenSets } from "@/features/ai-image/api/get-token-sets";
import { type TokenSet, tokenSetResponse } from "@domain/contracts/personalization-tokens";
import { invokeFunction } from "@/lib/invoke-function";

export interface NewTokenSet {
  name: string;
  tokens: Record<string, string>;
}

/** POST /functions/v1/personalization-tokens: saves a named set of token values (409 when the name is taken). */
export async function createTokenSet(tokenSet: NewTokenSet) {
  const { tokenSet: created } = await invokeFunction({
    name: "personalization-tokens",
    method: "POST",
    body: tokenSet,
    schema: tokenSetResponse,
  });
  return created;
}

export function useCreateTokenSet() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createTokenSet,
    onSuccess: (created) => {
      queryClient.setQueryData<TokenSet[]>(
        aiImageKeys.tokenSets(),
        (cached) => cached && sortTokenSets([...cached, created]),
      );
    },
  });
}
