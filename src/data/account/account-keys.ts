/** Query keys for the signed-in person's account; every account query starts with `accountKeys.all`. */
export const accountKeys = {
  all: ["account"] as const,
  overview: (pageSize: number) => [...accountKeys.all, "overview", { pageSize }] as const,
  /**
   * The balance on its own sits outside `all`: a generation's answer carries the new balance, so
   * refreshing the account after a spend must not ask for the balance again and show an older one.
   */
  creditBalance: () => ["credit-balance"] as const,
};
