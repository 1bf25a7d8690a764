/**
 * The `batch` function's routes (all for the signed-in user's own batches):
 *   POST /preview                 validate a CSV + prompt, preview rows, estimate cost (writes nothing)
 *   POST /                        the same, then create a draft batch (or { dryRun: true } = preview)
 *   GET  /                        the caller's batches, newest first (keyset: ?before=<createdAt>,<id>)
 *   GET  /:id                     status with counts and ETA
 *   GET  /:id/items               per-row results (keyset: ?after=<row>&limit=&status=)
 *   POST /:id/start|pause|resume|cancel|retry-failed
 *   GET  /:id/results.csv         the results CSV; GET /:id/images.zip: the images named by row
 */
import { z } from "zod";
import { creditBalance } from "../credits/credits.ts";
import { requireUser, type UserClaims } from "../http/auth.ts";
import { readJson } from "../http/body.ts";
import { badRequest, notFound } from "../http/errors.ts";
import { methodNotAllowed } from "../http/handler.ts";
import { createImageGenerator, type ImageGenerator } from "../providers/image-generator.ts";
import { type Runtime, supabaseUrl } from "../runtime.ts";
import { objectStorage } from "../storage/object-storage.ts";
import { imagesZip, resultsCsv } from "./batch-downloads.ts";
import {
  batchColumns,
  type BatchRow,
  cancelBatch,
  countItems,
  findLostRows,
  findOwnBatch,
  insertBatch,
  listItems,
  pauseBatch,
  resumeBatch,
  retryFailedRows,
  startBatch,
} from "./batch-store.ts";
import { closeRow } from "./batch-row-job.ts";
import { checkBatch, previewRows } from "./batch-validation.ts";
import { kickJobWorker } from "../jobs/kick-job-worker.ts";
import { maxCsvBytes, parseBatchCsv } from "./csv.ts";

const tokenNameSchema = z.string().regex(
  /^[A-Za-z][A-Za-z0-9_]{0,63}$/,
  "token names are letters, digits and _",
);

const createBatchSchema = z.strictObject({
  csv: z.string().min(1, "Upload a CSV first."),
  name: z.string().trim().min(1).max(200).optional(),
  filename: z.string().trim().min(1).max(255).optional(),
  prompt: z.string().trim().min(1, "Write a prompt first.").max(4000),
  model: z.string().trim().min(1).max(100).optional(),
  settings: z.record(z.string(), z.unknown()).optional(),
  globalTokens: z.record(tokenNameSchema, z.string({ error: "token values must be strings" }).max(2000))
    .optional(),
  /** CSV column → token name; "" leaves the column out. Unlisted columns feed their own name. */
  columnMapping: z.record(z.string().max(200), z.union([tokenNameSchema, z.literal("")])).optional(),
  dryRun: z.boolean().optional(),
});

export type CreateBatchRequest = z.infer<typeof createBatchSchema>;

/** JSON escaping can double a CSV's size (quotes, newlines); the CSV itself is held to 5 MB. */
const maxCreateBodyBytes = maxCsvBytes * 2 + 64 * 1024;
const signedUrlSeconds = 3600;

const generators = new WeakMap<Runtime, ImageGenerator>();

/** Plans only (model and settings, price): nothing here calls a provider. */
function plannerFor(runtime: Runtime): ImageGenerator {
  let generator = generators.get(runtime);
  if (!generator) {
    generator = createImageGenerator({ env: (name) => runtime.env(name) });
    generators.set(runtime, generator);
  }
  return generator;
}

async function balanceOf(runtime: Runtime, userId: string): Promise<number> {
  return await runtime.db.asService((tx) => creditBalance(tx, userId));
}

/** Validation, preview and estimate; throws only for input that cannot be read at all. */
async function prepare(runtime: Runtime, user: UserClaims, body: CreateBatchRequest) {
  const csv = parseBatchCsv(body.csv);
  const plan = plannerFor(runtime).plan({ model: body.model, settings: body.settings ?? {} });
  const unknownColumns = Object.keys(body.columnMapping ?? {}).filter((column) =>
    !csv.headers.includes(column)
  );
  if (unknownColumns.length > 0) {
    throw badRequest(`The mapping names columns the CSV does not have: ${unknownColumns.join(", ")}.`, {
      unknownColumns,
      headers: csv.headers,
    });
  }
  const check = checkBatch({
    prompt: body.prompt,
    headers: csv.headers,
    rows: csv.rows,
    columnMapping: body.columnMapping ?? {},
    globalTokens: body.globalTokens ?? {},
  });
  const balance = await balanceOf(runtime, user.sub);
  const total = plan.credits * csv.rows.length;
  const report = {
    valid: check.issueCount === 0,
    headers: csv.headers,
    delimiter: csv.delimiter,
    rowCount: csv.rows.length,
    mapping: check.mapping,
    warnings: csv.warnings,
    issues: check.issues,
    issueCount: check.issueCount,
    summary: check.summary,
    preview: check.rows.slice(0, previewRows).map((row) => ({
      rowNumber: row.rowNumber,
      data: row.data,
      resolvedPrompt: row.resolvedPrompt,
    })),
    estimate: {
      model: plan.model.id,
      costPerRow: plan.credits,
      totalCost: total,
      balance,
      sufficient: balance >= total,
    },
  };
  return { csv, plan, check, report };
}

/** What the page shows for a batch: its row, live counts, and an ETA from the pace so far. */
async function describe(runtime: Runtime, batch: BatchRow) {
  const lost = await runtime.db.asService((tx) => findLostRows(tx, batch.id, batch.userId));
  if (lost.length > 0) {
    for (const row of lost) {
      await runtime.db.asService((tx) =>
        closeRow(tx, { id: row.id, batchId: batch.id, userId: batch.userId }, {
          status: "failed",
          error: row.error,
        })
      );
    }
    batch = await runtime.db.asService((tx) => findOwnBatch(tx, batch.id, batch.userId));
  }
  const counts = await runtime.db.asService((tx) => countItems(tx, batch.id));
  const done = counts.succeeded + counts.failed;
  const remaining = counts.queued + counts.running;
  let etaSeconds: number | null = null;
  if (batch.status === "running" && batch.startedAt && done > 0) {
    const elapsed = (Date.now() - new Date(batch.startedAt).getTime()) / 1000;
    etaSeconds = Math.round((elapsed / done) * remaining);
  }
  return {
    ...batch,
    counts,
    progress: batch.totalRows > 0 ? (done + counts.cancelled) / batch.totalRows : 0,
    etaSeconds,
  };
}

function positiveInteger(value: string | null, fallback: number, max: number): number {
  if (value === null || value === "") return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw badRequest(`"${value}" is not a whole number.`);
  return Math.min(number, max);
}

const itemStatuses = new Set(["queued", "running", "succeeded", "failed", "cancelled"]);

async function items(runtime: Runtime, user: UserClaims, batchId: string, url: URL) {
  const afterRow = positiveInteger(url.searchParams.get("after"), 0, 10_000);
  const limit = Math.max(1, positiveInteger(url.searchParams.get("limit"), 100, 500));
  const status = url.searchParams.get("status") ?? undefined;
  if (status && !itemStatuses.has(status)) {
    throw badRequest(`status must be one of ${[...itemStatuses].join(", ")}.`);
  }
  const rows = await runtime.db.asService(async (tx) => {
    await findOwnBatch(tx, batchId, user.sub);
    return await listItems(tx, batchId, { afterRow, limit, status });
  });
  const paths = rows.flatMap((row) =>
    row.storagePath && row.thumbnailPath ? [row.storagePath, row.thumbnailPath] : []
  );
  const urls = await objectStorage(runtime).signedUrls("images", paths, signedUrlSeconds);
  const signed = new Map(paths.map((path, index) => [path, urls[index]]));
  return {
    items: rows.map(({ storagePath, thumbnailPath, ...row }) => ({
      ...row,
      imageUrl: storagePath ? signed.get(storagePath) ?? null : null,
      thumbnailUrl: thumbnailPath ? signed.get(thumbnailPath) ?? null : null,
    })),
    nextCursor: rows.length === limit ? rows[rows.length - 1].rowNumber : null,
  };
}

async function listBatches(runtime: Runtime, user: UserClaims, url: URL) {
  const limit = Math.max(1, positiveInteger(url.searchParams.get("limit"), 20, 100));
  const before = url.searchParams.get("before");
  let cursor: [string, string] | undefined;
  if (before) {
    const [createdAt, id] = before.split(",");
    if (!id || Number.isNaN(Date.parse(createdAt))) throw badRequest("before must be <createdAt>,<id>.");
    cursor = [createdAt, id];
  }
  // As the user: RLS alone decides what is listed.
  const rows = await runtime.db.withClaims(user, (tx) =>
    tx.query<BatchRow>(
      `select ${batchColumns} from public.batch_jobs
        where user_id = $1 and ($2::timestamptz is null or (created_at, id) < ($2::timestamptz, $3::uuid))
        order by created_at desc, id desc limit $4`,
      [user.sub, cursor?.[0] ?? null, cursor?.[1] ?? null, limit],
    ));
  const last = rows.at(-1);
  return {
    batches: rows,
    nextCursor: rows.length === limit && last ? `${new Date(last.createdAt).toISOString()},${last.id}` : null,
  };
}

export function createBatchHandler(getRuntime: () => Runtime) {
  return async (request: Request): Promise<Response> => {
    const runtime = getRuntime();
    const url = new URL(request.url);
    const parts = url.pathname.replace(/^\/batch/, "").split("/").filter(Boolean);
    const user = await requireUser(request, supabaseUrl(runtime));
    const method = request.method;

    if (parts.length === 0 || (parts.length === 1 && parts[0] === "preview")) {
      if (parts.length === 0 && method === "GET") return Response.json(await listBatches(runtime, user, url));
      if (method !== "POST") throw methodNotAllowed(parts.length === 0 ? ["GET", "POST"] : ["POST"]);
      const body = await readJson(request, createBatchSchema, maxCreateBodyBytes);
      const { csv, plan, check, report } = await prepare(runtime, user, body);
      if (parts[0] === "preview" || body.dryRun) return Response.json(report);
      if (!report.valid) {
        throw badRequest(report.summary ?? "The batch has problems.", {
          issues: report.issues,
          issueCount: report.issueCount,
        });
      }
      const batch = await insertBatch(runtime.db, {
        userId: user.sub,
        name: body.name ?? body.filename ?? `Batch of ${csv.rows.length} rows`,
        prompt: body.prompt,
        model: plan.model.id,
        settings: plan.settings,
        globalTokens: body.globalTokens ?? {},
        columnMapping: check.mapping,
        headers: csv.headers,
        filename: body.filename ?? null,
        costPerRow: plan.credits,
        rows: check.rows,
      });
      return Response.json({ batch: await describe(runtime, batch), ...report }, { status: 201 });
    }

    const [batchId, action, ...rest] = parts;
    if (rest.length > 0) throw notFound(`batch has no route ${url.pathname}.`);
    if (action === undefined) {
      if (method !== "GET") throw methodNotAllowed(["GET"]);
      const batch = await runtime.db.asService((tx) => findOwnBatch(tx, batchId, user.sub));
      return Response.json({ batch: await describe(runtime, batch) });
    }
    if (action === "items") {
      if (method !== "GET") throw methodNotAllowed(["GET"]);
      return Response.json(await items(runtime, user, batchId, url));
    }
    if (action === "results.csv" || action === "images.zip") {
      if (method !== "GET") throw methodNotAllowed(["GET"]);
      const batch = await runtime.db.asService((tx) => findOwnBatch(tx, batchId, user.sub));
      return action === "results.csv" ? resultsCsv(runtime, batch) : imagesZip(runtime, batch);
    }
    if (method !== "POST") throw methodNotAllowed(["POST"]);
    let batch: BatchRow;
    let extra: Record<string, unknown> = {};
    switch (action) {
      case "start":
        batch = await startBatch(runtime.db, batchId, user.sub);
        kickJobWorker(runtime);
        break;
      case "pause":
        batch = await pauseBatch(runtime.db, batchId, user.sub);
        break;
      case "resume":
        batch = await resumeBatch(runtime.db, batchId, user.sub, await balanceOf(runtime, user.sub));
        kickJobWorker(runtime);
        break;
      case "cancel":
        batch = await cancelBatch(runtime.db, batchId, user.sub);
        break;
      case "retry-failed": {
        const retried = await retryFailedRows(runtime.db, batchId, user.sub);
        batch = retried.batch;
        extra = { retried: retried.retried };
        if (retried.retried > 0) kickJobWorker(runtime);
        break;
      }
      default:
        throw notFound(`batch has no action "${action}".`);
    }
    return Response.json({ batch: await describe(runtime, batch), ...extra });
  };
}
