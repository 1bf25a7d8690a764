import { useInfiniteQuery } from "@tanstack/react-query";
import { batchLedger, defaultLedgerPageSize } from "@domain/contracts/account";
import { accountKeys } from "@/data/account/account-keys";
import { invokeFunction } from "@/lib/invoke-function";

/** GET /functions/v1/account/ledger?batch=: one page of a batch's per-row debits and refunds. */
export function getBatchLedger(
  { batchId, cursor, signal }: { batchId: string; cursor: string | null; signal?: AbortSignal },
) {
  return invokeFunction({
    name: "account/ledger",
    method: "GET",
    query: { batch: batchId, limit: defaultLedgerPageSize, cursor },
    schema: batchLedger,
    signal,
  });
}

/** A batch's entries, newest first, fetched only once its line is opened (`enabled`). */
export function useBatchLedger(batchId: string, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: accountKeys.batchLedger(batchId),
    queryFn: ({ pageParam, signal }) => getBatchLedger({ batchId, cursor: pageParam, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    enabled,
  });
}
