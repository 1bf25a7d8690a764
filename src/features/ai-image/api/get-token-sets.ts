import { useQuery } from "@tanstack/react-query";
import { type TokenSet, tokenSetList } from "@domain/contracts/personalization-tokens";
import { aiImageKeys } from "@/features/ai-image/api/ai-image-keys";
import { invokeFunction } from "@/lib/invoke-function";

/** GET /functions/v1/personalization-tokens: the person's saved token sets, by name. */
export async function getTokenSets({ signal }: { signal?: AbortSignal } = {}) {
  const { tokenSets } = await invokeFunction({
    name: "personalization-tokens",
    method: "GET",
    schema: tokenSetList,
    signal,
  });
  return tokenSets;
}

export function useTokenSets() {
  return useQuery({ queryKey: aiImageKeys.tokenSets(), queryFn: ({ signal }) => getTokenSets({ signal }) });
}

/** Keeps a cached list in name order after a change, as the server lists it. */
export function sortTokenSets(tokenSets: TokenSet[]): TokenSet[] {
  return [...tokenSets].sort((a, b) => a.name.localeCompare(b.name));
}
