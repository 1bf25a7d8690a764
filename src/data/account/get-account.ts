import { useInfiniteQuery } from "@tanstack/react-query";
import * as z from "zod/mini";
import { accountKeys } from "@/data/account/account-keys";
import { invokeFunction } from "@/lib/invoke-function";

export const profileSchema = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.nullish(z.string()),
  avatarUrl: z.nullish(z.string()),
  role: z.string(),
  createdAt: z.string(),
});
export type Profile = z.infer<typeof profileSchema>;

export const ledgerEntrySchema = z.object({
  id: z.string(),
  amount: z.number(),
  reason: z.string(),
  description: z.nullish(z.string()),
  createdAt: z.string(),
});
export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;

export const accountSchema = z.object({
  profile: profileSchema,
  credits: z.object({ balance: z.number() }),
  ledger: z.object({
    entries: z.array(ledgerEntrySchema),
    nextCursor: z.nullable(z.string()),
  }),
});
export type Account = z.infer<typeof accountSchema>;

export const ledgerPageSize = 20;

/** GET /functions/v1/account: the profile, the credit balance and one page of the credit ledger. */
export function getAccount({ cursor, signal }: { cursor: string | null; signal?: AbortSignal }) {
  return invokeFunction({
    name: "account",
    method: "GET",
    query: { limit: ledgerPageSize, cursor },
    schema: accountSchema,
    signal,
  });
}

/** The account with its ledger paged by cursor; `fetchNextPage` loads older entries. */
export function useAccount() {
  return useInfiniteQuery({
    queryKey: accountKeys.overview(ledgerPageSize),
    queryFn: ({ pageParam, signal }) => getAccount({ cursor: pageParam, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.ledger.nextCursor,
  });
}
