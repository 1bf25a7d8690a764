import { useInfiniteQuery } from "@tanstack/react-query";
import * as z from "zod/mini";
import { batchKeys } from "@/features/batch/api/batch-keys";
import { invokeFunction } from "@/lib/invoke-function";

/** The server's largest page: fewer round trips when a 10,000-row batch is scrolled. */
export const batchItemsPageSize = 500;

export const batchItemSchema = z.object({
  id: z.string(),
  rowNumber: z.number(),
  resolvedPrompt: z.string(),
  status: z.string(),
  error: z.nullable(z.string()),
  cost: z.number(),
  imageUrl: z.nullable(z.string()),
  thumbnailUrl: z.nullable(z.string()),
});
export type BatchItem = z.infer<typeof batchItemSchema>;

const itemsPageSchema = z.object({ items: z.array(batchItemSchema), nextCursor: z.nullable(z.number()) });

/** GET /functions/v1/batch/:id/items: a page of rows after row `after`, in row order. */
export async function getBatchItems(batchId: string, after: number, { signal }: { signal?: AbortSignal } = {}) {
  return await invokeFunction({
    name: `batch/${batchId}/items`,
    method: "GET",
    query: { after, limit: batchItemsPageSize },
    schema: itemsPageSchema,
    signal,
  });
}

export function useBatchItems(batchId: string, { pollMs }: { pollMs: number | false }) {
  return useInfiniteQuery({
    queryKey: batchKeys.items(batchId),
    queryFn: ({ pageParam, signal }) => getBatchItems(batchId, pageParam, { signal }),
    initialPageParam: 0,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    refetchInterval: pollMs,
  });
}
