import { accountKeys } from "@/data/account/account-keys";

/** The credits feature's queries sit under the account's, so refreshing the account refreshes them. */
export const creditsKeys = {
  purchase: (purchaseId: string) => [...accountKeys.all, "purchase", purchaseId] as const,
};
