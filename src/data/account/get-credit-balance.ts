import { useQuery } from "@tanstack/react-query";
import { accountOverview } from "@domain/contracts/account";
import { accountKeys } from "@/data/account/account-keys";
import { invokeFunction } from "@/lib/invoke-function";

/** GET /functions/v1/account with the smallest ledger page: only the balance is needed here. */
export async function getCreditBalance({ signal }: { signal?: AbortSignal } = {}) {
  const { credits } = await invokeFunction({
    name: "account",
    method: "GET",
    query: { limit: 1 },
    schema: accountOverview,
    signal,
  });
  return credits.balance;
}

export function useCreditBalance() {
  return useQuery({
    queryKey: accountKeys.creditBalance(),
    queryFn: ({ signal }) => getCreditBalance({ signal }),
  });
}
