/** Query keys for the account feature; every account query starts with `accountKeys.all`. */
export const accountKeys = {
  all: ["account"] as const,
  overview: (pageSize: number) => [...accountKeys.all, "overview", { pageSize }] as const,
};
