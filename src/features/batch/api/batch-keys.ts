/** Query keys for the batch feature; every one of its queries starts with `batchKeys.all`. */
export const batchKeys = {
  all: ["batch"] as const,
  list: () => [...batchKeys.all, "list"] as const,
  detail: (batchId: string) => [...batchKeys.all, "detail", batchId] as const,
  items: (batchId: string) => [...batchKeys.all, "items", batchId] as const,
};
