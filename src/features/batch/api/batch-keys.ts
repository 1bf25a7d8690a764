/** Query keys for the batch feature; every one of its queries starts with `batchKeys.all`. */
export const batchKeys = {
  all: ["batch"] as const,
  models: () => [...batchKeys.all, "models"] as const,
  list: () => [...batchKeys.all, "list"] as const,
  detail: (batchId: string) => [...batchKeys.all, "detail", batchId] as const,
  items: (batchId: string) => [...batchKeys.all, "items", batchId] as const,
};

/**
 * The account feature's queries (its accountKeys.all). Features don't import each other, so the
 * key is repeated here: a running batch spends credits, so the account's balance must refetch.
 */
export const accountQueryRoot = ["account"] as const;
