/**
 * The two downloads of a batch, streamed a page of rows at a time so a 10,000-row batch never
 * sits in memory: the results CSV (formula cells neutralized) and a ZIP of the images named by
 * row number, or by row number and a column the caller chose.
 */
import type { Runtime } from "../runtime.ts";
import { objectStorage } from "../storage/object-storage.ts";
import type { BatchItemRow, BatchRow } from "./batch-store.ts";
import { listItems } from "./batch-store.ts";
import { csvLine } from "./csv.ts";
import { zipStream } from "./zip.ts";

const pageSize = 500;
/** Excel reads a CSV without one as the local code page, and shows José as JosÃ©. */
const utf8Bom = "\uFEFF";
const maxSlugLength = 60;

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

/**
 * Where the SPA is served. A CSV outlives any signed URL, so its links point into the app, where
 * the signed-in owner opens (and downloads) the image for as long as it exists.
 */
function siteUrl(runtime: Runtime): string {
  const url = runtime.env("SITE_URL");
  if (!url) throw new Error("SITE_URL is not set");
  return url.replace(/\/+$/, "");
}

export function galleryLink(site: string, imageId: string): string {
  return `${site}/gallery?image=${encodeURIComponent(imageId)}`;
}

/** A cell as a file-name part: ASCII letters and digits only ("José Núñez" → "jose-nunez"), "" if none. */
export function slug(value: string): string {
  return value.normalize("NFKD").replace(/\p{M}+/gu, "").toLowerCase()
    .match(/[a-z0-9]+/g)?.join("-").slice(0, maxSlugLength).replace(/-+$/, "") ?? "";
}

/**
 * `row-007-jose-nunez.png`: the row number keeps names unique and in row order, padded to the
 * width of the batch's row count (at least 3); a cell with no usable characters gives `row-007.png`.
 */
export function entryName(rowNumber: number, totalRows: number, cell: string, extension: string): string {
  const number = String(rowNumber).padStart(Math.max(3, String(totalRows).length), "0");
  const suffix = slug(cell);
  return `row-${number}${suffix ? `-${suffix}` : ""}.${extension}`;
}

export function resultsCsv(runtime: Runtime, batch: BatchRow): Response {
  const site = siteUrl(runtime);
  const encoder = new TextEncoder();
  const source = pages(runtime, batch.id);
  let headerSent = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(
          utf8Bom + csvLine([
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
      const text = next.value.map((row) =>
        csvLine([
          row.rowNumber,
          ...batch.headers.map((header) => row.rowData[header] ?? ""),
          row.resolvedPrompt,
          row.status,
          row.error,
          row.imageId && row.storagePath ? galleryLink(site, row.imageId) : "",
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

/** Without `nameColumn`, entries are `row-07.png` as they always were. */
export function imagesZip(runtime: Runtime, batch: BatchRow, nameColumn?: string): Response {
  const storage = objectStorage(runtime);
  const width = String(batch.totalRows).length;
  const name = (row: BatchItemRow, extension: string) =>
    nameColumn === undefined
      ? `row-${String(row.rowNumber).padStart(width, "0")}.${extension}`
      : entryName(row.rowNumber, batch.totalRows, row.rowData[nameColumn] ?? "", extension);
  async function* entries() {
    for await (const rows of pages(runtime, batch.id, "succeeded")) {
      const withImages = rows.filter((row) => row.storagePath);
      const urls = await storage.signedUrls("images", withImages.map((row) => row.storagePath!), 600);
      for (const [index, row] of withImages.entries()) {
        const response = await fetch(urls[index]);
        if (!response.ok) {
          throw new Error(`fetching the image of row ${row.rowNumber} failed: ${response.status}`);
        }
        yield {
          name: name(row, row.storagePath!.split(".").pop()!),
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
