/** The `batch` function: the signed-in caller's own batches (routes in domain/contracts/batch.ts). */
import * as contract from "../domain/contracts/batch.ts";
import { creditBalance } from "../credits/credits.ts";
import type { UserClaims } from "../http/auth.ts";
import { badRequest } from "../http/errors.ts";
import { signedInUser, withRuntime } from "../http/middleware.ts";
import { createRouter } from "../http/router.ts";
import { imageGeneratorFor } from "../providers/image-generator.ts";
import type { Runtime } from "../runtime.ts";
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

/** JSON escaping can double a CSV's size (quotes, newlines); the CSV itself is held to 5 MB. */
const maxCreateBodyBytes = maxCsvBytes * 2 + 64 * 1024;
const signedUrlSeconds = 3600;

async function balanceOf(runtime: Runtime, userId: string): Promise<number> {
  return await runtime.db.asService((tx) => creditBalance(tx, userId));
}

/**
 * Validation, preview and estimate; throws only for input that cannot be read at all. Plans only
 * (model and settings, price): nothing here calls a provider.
 */
async function prepare(runtime: Runtime, user: UserClaims, body: contract.BatchPreviewRequest) {
  const csv = parseBatchCsv(body.csv);
  const plan = imageGeneratorFor(runtime).plan({ model: body.model, settings: body.settings ?? {} });
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
  const report: contract.BatchPreview = {
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

/** A page size from the query: `fallback` when not asked, at least 1, at most `max`. */
function pageSize(value: string | undefined, fallback: number, max: number): number {
  return value === undefined ? fallback : Math.max(1, Math.min(Number(value), max));
}

async function items(runtime: Runtime, user: UserClaims, batchId: string, query: contract.ItemsQuery) {
  const afterRow = Math.min(Number(query.after ?? 0), 10_000);
  const limit = pageSize(query.limit, 100, contract.maxItemsPageSize);
  const rows = await runtime.db.asService(async (tx) => {
    await findOwnBatch(tx, batchId, user.sub);
    return await listItems(tx, batchId, { afterRow, limit, status: query.status });
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

async function listBatches(runtime: Runtime, user: UserClaims, query: contract.ListQuery) {
  const limit = pageSize(query.limit, 20, contract.maxBatchesPageSize);
  const [createdAt, id] = query.before?.split(",") ?? [null, null];
  // As the user: RLS alone decides what is listed.
  const rows = await runtime.db.withClaims(user, (tx) =>
    tx.query<BatchRow>(
      `select ${batchColumns} from public.batch_jobs
        where user_id = $1 and ($2::timestamptz is null or (created_at, id) < ($2::timestamptz, $3::uuid))
        order by created_at desc, id desc limit $4`,
      [user.sub, createdAt, id, limit],
    ));
  const last = rows.at(-1);
  return {
    batches: rows,
    nextCursor: rows.length === limit && last ? `${new Date(last.createdAt).toISOString()},${last.id}` : null,
  };
}

async function create(runtime: Runtime, user: UserClaims, body: contract.CreateBatchRequest) {
  const { csv, plan, check, report } = await prepare(runtime, user, body);
  if (body.dryRun) return report;
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

type Context = { runtime: Runtime; user: UserClaims };

/** Each action moves the batch (409 when it cannot) and answers with it as it now is. */
const actions: Record<
  contract.BatchAction,
  (context: Context, batchId: string) => Promise<{ batch: BatchRow; retried?: number }>
> = {
  start: async ({ runtime, user }, batchId) => {
    const batch = await startBatch(runtime.db, batchId, user.sub);
    kickJobWorker(runtime);
    return { batch };
  },
  pause: async ({ runtime, user }, batchId) => ({ batch: await pauseBatch(runtime.db, batchId, user.sub) }),
  resume: async ({ runtime, user }, batchId) => {
    const batch = await resumeBatch(runtime.db, batchId, user.sub, await balanceOf(runtime, user.sub));
    kickJobWorker(runtime);
    return { batch };
  },
  cancel: async ({ runtime, user }, batchId) => ({ batch: await cancelBatch(runtime.db, batchId, user.sub) }),
  "retry-failed": async ({ runtime, user }, batchId) => {
    const retried = await retryFailedRows(runtime.db, batchId, user.sub);
    if (retried.retried > 0) kickJobWorker(runtime);
    return retried;
  },
};

export function createBatchHandler(getRuntime: () => Runtime) {
  const router = createRouter({ basePath: "/batch" })
    .use(withRuntime(getRuntime))
    .use(signedInUser)
    .post("/preview", {
      body: contract.batchPreviewRequest,
      maxBodyBytes: maxCreateBodyBytes,
      handle: async ({ runtime, user, body }) => (await prepare(runtime, user, body)).report,
    })
    .post("/", {
      body: contract.createBatchRequest,
      maxBodyBytes: maxCreateBodyBytes,
      handle: async ({ runtime, user, body }) => await create(runtime, user, body),
    })
    .get("/", {
      query: contract.listQuery,
      handle: async ({ runtime, user, query }) => await listBatches(runtime, user, query),
    })
    .get("/:id", {
      params: contract.batchParams,
      handle: async ({ runtime, user, params }) => {
        const batch = await runtime.db.asService((tx) => findOwnBatch(tx, params.id, user.sub));
        return { batch: await describe(runtime, batch) };
      },
    })
    .get("/:id/items", {
      params: contract.batchParams,
      query: contract.itemsQuery,
      handle: async ({ runtime, user, params, query }) => await items(runtime, user, params.id, query),
    })
    .get("/:id/results.csv", {
      params: contract.batchParams,
      handle: async ({ runtime, user, params }) =>
        resultsCsv(runtime, await runtime.db.asService((tx) => findOwnBatch(tx, params.id, user.sub))),
    })
    .get("/:id/images.zip", {
      params: contract.batchParams,
      query: contract.imagesZipQuery,
      handle: async ({ runtime, user, params, query }) => {
        const batch = await runtime.db.asService((tx) => findOwnBatch(tx, params.id, user.sub));
        const { nameColumn } = query;
        if (nameColumn !== undefined && !batch.headers.includes(nameColumn)) {
          throw badRequest(`nameColumn: "${nameColumn}" is not a column of this batch.`, {
            field: "nameColumn",
            headers: batch.headers,
          });
        }
        return imagesZip(runtime, batch, nameColumn);
      },
    });
  for (const action of contract.batchActions) {
    router.post(`/:id/${action}`, {
      params: contract.batchParams,
      handle: async ({ runtime, user, params }) => {
        const { batch, ...extra } = await actions[action]({ runtime, user }, params.id);
        return { batch: await describe(runtime, batch), ...extra };
      },
    });
  }
  return router.fetch;
}
