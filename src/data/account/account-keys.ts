/** Query keys for the signed-in person's account; every account query starts with `accountKeys.all`. */
export const accountKeys = {
  all: ["account"] as const,
  overview: (pageSize: number) => [...accountKeys.all, "overview", { pageSize }] as const,
  /** One batch's own ledger entries, behind its single line in the credit history. */
  batchLedger: (batchId: string) => [...accountKeys.all, "batch-ledger", batchId] as const,
  /**
   * The balance on its own sits outside `all`: a generation's answer carries the new balance, so
   * refreshing the account after a spend must not ask for the balance again and show an older one.
   */
  creditBalance: () => ["credit-balance"] as const,
};
