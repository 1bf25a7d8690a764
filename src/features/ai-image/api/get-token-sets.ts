import { useQuery } from "@tanstack/react-query";
import * as z from "zod/mini";
import { aiImageKeys } from "@/features/ai-image/api/ai-image-keys";
import { invokeFunction } from "@/lib/invoke-function";

export const tokenSetSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Values by upper-cased token name, sanitized by the server as the generator will use them. */
  tokens: z.record(z.string(), z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TokenSet = z.infer<typeof tokenSetSchema>;

const tokenSetsResponseSchema = z.object({ tokenSets: z.array(tokenSetSchema) });

/** GET /functions/v1/personalization-tokens: the person's saved token sets, by name. */
export async function getTokenSets({ signal }: { signal?: AbortSignal } = {}) {
  const { tokenSets } = await invokeFunction({
    name: "personalization-tokens",
    method: "GET",
    schema: tokenSetsResponseSchema,
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
