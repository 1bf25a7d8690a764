/** Query keys for the AI Image feature; every one of its queries starts with `aiImageKeys.all`. */
export const aiImageKeys = {
  all: ["ai-image"] as const,
  tokenSets: () => [...aiImageKeys.all, "token-sets"] as const,
};
