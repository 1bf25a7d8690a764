/** Query keys for the AI Image feature; every one of its queries starts with `aiImageKeys.all`. */
export const aiImageKeys = {
  all: ["ai-image"] as const,
  models: () => [...aiImageKeys.all, "models"] as const,
  tokenSets: () => [...aiImageKeys.all, "token-sets"] as const,
  creditBalance: () => [...aiImageKeys.all, "credit-balance"] as const,
};

/**
 * The account feature's queries (its accountKeys.all). Features don't import each other, so the
 * key is repeated here: a generation spends credits, and the account page's balance and ledger
 * must not be served from a cache that predates it.
 */
export const accountQueryRoot = ["account"] as const;
