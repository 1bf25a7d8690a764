/**
 * The two downloads of a batch, streamed a page of rows at a time so a 10,000-row batch never
 * sits in memory: the results CSV (formula cells neutralized) and a ZIP of the images named by
 * row number.
 */
import type { Runtime } from "../runtime.ts";
import { objectStorage } from "../storage/object-storage.ts";
import type { BatchItemRow, BatchRow } from "./batch-store.ts";
import { listItems } from "./batch-store.ts";
import { csvLine } from "./csv.ts";
import { zipStream } from "./zip.ts";

const pageSize = 500;
/** Long enough to open the links from the CSV the same day. */
const csvUrlSeconds = 24 * 3600;

async function* pages(runtime: Runtime, batchId: string, status?: string): AsyncGenerator<BatchItemRow[]> {
  let afterRow = 0;
  while (true) {
    const rows = await runtime.db.asService((tx) =>
      listItems(tx, batchId, { afterRow, limit: pageSize, status })
    );
    if (rows.length === 0) return;
    yield rows;
    afterRow = rows[rows.length - 1].rowNumber;
    if (rows.length < pageSize) return;
  }
}

function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 80) || "batch";
}

function attachment(filename: string): string {
  return `attachment; filename="${filename}"`;
}

export function resultsCsv(runtime: Runtime, batch: BatchRow): Response {
  const storage = objectStorage(runtime);
  const encoder = new TextEncoder();
  const source = pages(runtime, batch.id);
  let headerSent = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(
          csvLine([
            "row_number",
            ...batch.headers,
            "resolved_prompt",
            "status",
            "error",
            "image_url",
            "cost",
            "model",
          ]),
        ));
        return;
      }
      const next = await source.next();
      if (next.done) {
        controller.close();
        return;
      }
      const rows = next.value;
      const paths = rows.flatMap((row) => row.storagePath ? [row.storagePath] : []);
      const urls = await storage.signedUrls("images", paths, csvUrlSeconds);
      const signed = new Map(paths.map((path, index) => [path, urls[index]]));
      const text = rows.map((row) =>
        csvLine([
          row.rowNumber,
          ...batch.headers.map((header) => row.rowData[header] ?? ""),
          row.resolvedPrompt,
          row.status,
          row.error,
          row.storagePath ? signed.get(row.storagePath) : "",
          row.cost,
          batch.model,
        ])
      ).join("");
      controller.enqueue(encoder.encode(text));
    },
    async cancel() {
      await source.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": attachment(`${safeName(batch.name)}-results.csv`),
    },
  });
}

export function imagesZip(runtime: Runtime, batch: BatchRow): Response {
  const storage = objectStorage(runtime);
  const width = String(batch.totalRows).length;
  async function* entries() {
    for await (const rows of pages(runtime, batch.id, "succeeded")) {
      const withImages = rows.filter((row) => row.storagePath);
      const urls = await storage.signedUrls("images", withImages.map((row) => row.storagePath!), 600);
      for (const [index, row] of withImages.entries()) {
        const response = await fetch(urls[index]);
        if (!response.ok) {
          throw new Error(`fetching the image of row ${row.rowNumber} failed: ${response.status}`);
        }
        const extension = row.storagePath!.split(".").pop();
        yield {
          name: `row-${String(row.rowNumber).padStart(width, "0")}.${extension}`,
          bytes: new Uint8Array(await response.arrayBuffer()),
        };
      }
    }
  }
  return new Response(zipStream(entries()), {
    headers: {
      "content-type": "application/zip",
      "content-disposition": attachment(`${safeName(batch.name)}-images.zip`),
    },
  });
}
