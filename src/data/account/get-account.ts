import { useInfiniteQuery } from "@tanstack/react-query";
import { accountOverview, defaultLedgerPageSize } from "@domain/contracts/account";
import { accountKeys } from "@/data/account/account-keys";
import { invokeFunction } from "@/lib/invoke-function";

const ledgerPageSize = defaultLedgerPageSize;

/** GET /functions/v1/account: the profile, the credit balance and one page of the credit ledger. */
export function getAccount({ cursor, signal }: { cursor: string | null; signal?: AbortSignal }) {
  return invokeFunction({
    name: "account",
    method: "GET",
    query: { limit: ledgerPageSize, cursor },
    schema: accountOverview,
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
    // Batches spend on the server while nobody watches: opening the page asks for the balance again.
    staleTime: 0,
  });
}
