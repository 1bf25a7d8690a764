import { useMutation, useQueryClient } from "@tanstack/react-query";
import * as z from "zod/mini";
import { aiImageKeys } from "@/features/ai-image/api/ai-image-keys";
import type { TokenSet } from "@domain/contracts/personalization-tokens";
import { invokeFunction } from "@/lib/invoke-function";

/** DELETE /functions/v1/personalization-tokens/:id answers 204 with no body. */
export async function deleteTokenSet(id: string) {
  await invokeFunction({
    name: `personalization-tokens/${encodeURIComponent(id)}`,
    method: "DELETE",
    schema: z.unknown(),
  });
}

export function useDeleteTokenSet() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteTokenSet,
    onSuccess: (_nothing, id) => {
      queryClient.setQueryData<TokenSet[]>(
        aiImageKeys.tokenSets(),
        (cached) => cached?.filter((tokenSet) => tokenSet.id !== id),
      );
    },
  });
}
