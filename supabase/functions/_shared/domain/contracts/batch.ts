/**
 * The `batch` function's contract (all routes act on the signed-in caller's own batches). The
 * handler validates requests with these schemas and the SPA parses the answers with the same ones.
 *   POST /batch/preview              batchPreviewRequest → batchPreview (writes nothing)
 *   POST /batch                      createBatchRequest → createdBatch (201), or batchPreview with dryRun
 *   GET  /batch                      listQuery → batchesPage (newest first)
 *   GET  /batch/:id                  batchParams → batchResponse
 *   GET  /batch/:id/items            batchParams, itemsQuery → batchItemsPage (row order)
 *   POST /batch/:id/start|pause|resume|cancel|retry-failed   batchParams → batchActionResponse
 *   GET  /batch/:id/results.csv      batchParams → text/csv (UTF-8 with a BOM; image_url opens the image in the gallery)
 *   GET  /batch/:id/images.zip       batchParams, imagesZipQuery → application/zip
 * The CSV travels as text and is parsed on the server: a cell with a control character other
 * than a tab or a line break is a 400 naming its row and column.
 */
import * as z from "zod/mini";
import { imageSettings, modelName, prompt, tokenName, tokenValues } from "./image-generation.ts";
import { line, uuidPattern } from "./text.ts";

export const batchStatuses = [
  "draft",
  "queued",
  "running",
  "paused",
  "completed",
  "failed",
  "cancelled",
] as const;
export type BatchStatus = (typeof batchStatuses)[number];

export const itemStatuses = ["queued", "running", "succeeded", "failed", "cancelled"] as const;
export type ItemStatus = (typeof itemStatuses)[number];

export const batchActions = ["start", "pause", "resume", "cancel", "retry-failed"] as const;
export type BatchAction = (typeof batchActions)[number];

export const maxItemsPageSize = 500;
export const maxBatchesPageSize = 100;

/** What POST /batch/preview takes; POST /batch takes the same and a little more. */
export const batchPreviewRequest = z.strictObject({
  csv: z.string().check(z.minLength(1, "Upload a CSV first.")),
  filename: z.optional(line().check(z.trim(), z.minLength(1), z.maxLength(255))),
  prompt: prompt(),
  model: z.optional(modelName()),
  settings: z.optional(imageSettings()),
  globalTokens: z.optional(tokenValues()),
  /** CSV column → token name; "" leaves the column out. Unlisted columns feed their own name. */
  columnMapping: z.optional(
    z.record(line().check(z.maxLength(200)), z.union([tokenName(), z.literal("")]), {
      error: (issue) => issue.code === "invalid_key" ? "is not a column name" : undefined,
    }),
  ),
});
export type BatchPreviewRequest = z.infer<typeof batchPreviewRequest>;

export const createBatchRequest = z.extend(batchPreviewRequest, {
  name: z.optional(line().check(z.trim(), z.minLength(1), z.maxLength(200))),
  /** Validate and answer with the preview, creating nothing. */
  dryRun: z.optional(z.boolean()),
});
export type CreateBatchRequest = z.infer<typeof createBatchRequest>;

/** A batch's id; one that is not a UUID is a 404 like any batch that is not the caller's. */
export const batchParams = z.object({ id: line() });

const wholeNumber = () => line().check(z.regex(/^\d{1,9}$/, "must be a whole number"));

export const listQuery = z.strictObject({
  /** At most 100 a page (larger asks get 100). */
  limit: z.optional(wholeNumber()),
  /** The previous page's nextCursor. */
  before: z.optional(
    line().check(
      z.refine((value) => {
        const [createdAt, id, ...rest] = value.split(",");
        return rest.length === 0 && uuidPattern.test(id ?? "") && !Number.isNaN(Date.parse(createdAt ?? ""));
      }, { message: "must be <createdAt>,<id> as nextCursor gave it" }),
    ),
  ),
});
export type ListQuery = z.infer<typeof listQuery>;

export const itemsQuery = z.strictObject({
  /** Rows after this row number (the previous page's nextCursor). */
  after: z.optional(wholeNumber()),
  /** At most 500 a page (larger asks get 500). */
  limit: z.optional(wholeNumber()),
  status: z.optional(z.enum(itemStatuses)),
});
export type ItemsQuery = z.infer<typeof itemsQuery>;

export const imagesZipQuery = z.strictObject({
  /**
   * One of the batch's CSV headers (another is a 400): entries are then named
   * `row-007-jose-nunez.png` from that column's cell instead of `row-07.png`.
   */
  nameColumn: z.optional(line().check(z.minLength(1), z.maxLength(200))),
});
export type ImagesZipQuery = z.infer<typeof imagesZipQuery>;

/** A batch as the list shows it. */
export const batchSummary = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(batchStatuses),
  model: z.string(),
  filename: z.nullable(z.string()),
  totalRows: z.number(),
  succeededRows: z.number(),
  failedRows: z.number(),
  spentCredits: z.number(),
  estimatedCost: z.nullable(z.number()),
  pauseReason: z.nullable(z.string()),
  error: z.nullable(z.string()),
  createdAt: z.string(),
});
export type BatchSummary = z.infer<typeof batchSummary>;

export const batchesPage = z.object({
  batches: z.array(batchSummary),
  /** For `before`; null on the last page. */
  nextCursor: z.nullish(z.string()),
});
export type BatchesPage = z.infer<typeof batchesPage>;

export const itemCounts = z.object({
  queued: z.number(),
  running: z.number(),
  succeeded: z.number(),
  failed: z.number(),
  cancelled: z.number(),
});
export type ItemCounts = z.infer<typeof itemCounts>;

/** A batch with its live counts, progress (0 to 1) and ETA. */
export const batch = z.extend(batchSummary, {
  prompt: z.string(),
  counts: itemCounts,
  progress: z.number(),
  etaSeconds: z.nullable(z.number()),
  /** The CSV's column headers, e.g. for naming the images ZIP's entries (`nameColumn`). */
  headers: z.optional(z.array(z.string())),
});
export type Batch = z.infer<typeof batch>;

export const batchResponse = z.object({ batch });
export type BatchResponse = z.infer<typeof batchResponse>;

export const batchActionResponse = z.object({
  batch,
  /** retry-failed only: how many failed rows went back in the queue. */
  retried: z.optional(z.number()),
});
export type BatchActionResponse = z.infer<typeof batchActionResponse>;

export const batchItem = z.object({
  id: z.string(),
  rowNumber: z.number(),
  resolvedPrompt: z.string(),
  status: z.string(),
  error: z.nullable(z.string()),
  cost: z.number(),
  attempts: z.optional(z.number()),
  /** Signed for an hour; null until the row has an image. */
  imageUrl: z.nullable(z.string()),
  thumbnailUrl: z.nullable(z.string()),
});
export type BatchItem = z.infer<typeof batchItem>;

export const batchItemsPage = z.object({
  items: z.array(batchItem),
  /** For `after`; null on the last page. */
  nextCursor: z.nullable(z.number()),
});
export type BatchItemsPage = z.infer<typeof batchItemsPage>;

export const batchIssue = z.object({
  /** The 1-based data row; absent for a problem with the whole batch. */
  row: z.optional(z.number()),
  code: z.string(),
  message: z.string(),
  tokens: z.optional(z.array(z.string())),
});
export type BatchIssue = z.infer<typeof batchIssue>;

/** Validation by row, the first resolved prompts and the cost. */
export const batchPreview = z.object({
  valid: z.boolean(),
  headers: z.array(z.string()),
  delimiter: z.optional(z.string()),
  rowCount: z.number(),
  /** Which token each column feeds. */
  mapping: z.optional(z.record(z.string(), z.string())),
  warnings: z.array(z.string()),
  issues: z.array(batchIssue),
  /** How many issues there were in all (at most 100 are listed). */
  issueCount: z.number(),
  summary: z.optional(z.string()),
  preview: z.array(
    z.object({ rowNumber: z.number(), data: z.record(z.string(), z.string()), resolvedPrompt: z.string() }),
  ),
  estimate: z.object({
    model: z.string(),
    costPerRow: z.number(),
    totalCost: z.number(),
    balance: z.number(),
    sufficient: z.boolean(),
  }),
});
export type BatchPreview = z.infer<typeof batchPreview>;

/** The draft batch, with the preview of what it was made from. */
export const createdBatch = z.extend(z.partial(batchPreview), { batch });
export type CreatedBatch = z.infer<typeof createdBatch>;
