import { useQuery } from "@tanstack/react-query";
import { accountOverview } from "@domain/contracts/account";
import { creditsKeys } from "@/features/credits/api/credits-keys";
import { invokeFunction } from "@/lib/invoke-function";

export const settlePollMs = 1500;

/**
 * GET /functions/v1/account (its smallest ledger page): one purchase as the payments list has it,
 * with the balance, or null while the purchase is not listed yet.
 */
export async function getPurchase({ purchaseId, signal }: { purchaseId: string; signal?: AbortSignal }) {
  const overview = await invokeFunction({
    name: "account",
    method: "GET",
    query: { limit: 1 },
    schema: accountOverview,
    signal,
  });
  const payment = overview.payments?.find((candidate) =>
    candidate.kind === "credits" && candidate.id === purchaseId
  );
  return { payment: payment ?? null, balance: overview.credits.balance };
}

/**
 * Follows a paid purchase until the webhook has settled it: Stripe reports the payment before its
 * webhook arrives, so the credits can lag the card by a moment.
 */
export function usePurchase(purchaseId: string | null) {
  return useQuery({
    queryKey: creditsKeys.purchase(purchaseId ?? ""),
    queryFn: ({ signal }) => getPurchase({ purchaseId: purchaseId ?? "", signal }),
    enabled: purchaseId !== null,
    refetchInterval: (query) => {
      const status = query.state.data?.payment?.status;
      return status === undefined || status === "pending" ? settlePollMs : false;
    },
  });
}
