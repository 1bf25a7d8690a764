import { storageErrors } from "./storage-error.ts";

/** The first file part of a multipart/form-data body, and the fields sent before it. */
export interface MultipartFile {
  fields: Map<string, string>;
  mimeType: string;
  /** The file's bytes, read from the request as they are consumed. */
  body: ReadableStream<Uint8Array>;
}

// Storage's form limits (fastify-multipart: 10 fields, 1 file; user metadata up to 1 MiB).
const maxFields = 10;
const maxFieldBytes = 1024 * 1024;
const maxHeaderBytes = 16 * 1024;
const maxPreambleBytes = 64 * 1024;

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const headerEnd = encoder.encode("\r\n\r\n");

function noContent() {
  return storageErrors.invalidRequest("No content provided");
}

function indexOf(haystack: Uint8Array, needle: Uint8Array, from = 0): number {
  const last = haystack.length - needle.length;
  for (let start = haystack.indexOf(needle[0], from); start !== -1 && start <= last;) {
    let matched = 1;
    while (matched < needle.length && haystack[start + matched] === needle[matched]) matched++;
    if (matched === needle.length) return start;
    start = haystack.indexOf(needle[0], start + 1);
  }
  return -1;
}

/** A byte buffer in front of the request body, refilled chunk by chunk. */
class BodyBuffer {
  bytes = new Uint8Array(0);
  constructor(private readonly reader: ReadableStreamDefaultReader<Uint8Array>) {}

  async fill(): Promise<boolean> {
    const { value, done } = await this.reader.read();
    if (done) return false;
    const joined = new Uint8Array(this.bytes.length + value.length);
    joined.set(this.bytes);
    joined.set(value, this.bytes.length);
    this.bytes = joined;
    return true;
  }

  take(length: number): Uint8Array {
    const taken = this.bytes.subarray(0, length);
    this.bytes = this.bytes.subarray(length);
    return taken;
  }

  /** Everything up to `needle` (which is consumed too), refusing to hold more than `maxBytes`. */
  async readUntil(
    needle: Uint8Array,
    maxBytes: number,
    tooLong: () => Error = noContent,
  ): Promise<Uint8Array> {
    for (let searchFrom = 0;;) {
      const found = indexOf(this.bytes, needle, searchFrom);
      if (found !== -1) {
        const before = this.take(found).slice();
        this.take(needle.length);
        return before;
      }
      if (this.bytes.length > maxBytes) throw tooLong();
      searchFrom = Math.max(0, this.bytes.length - needle.length + 1);
      if (!(await this.fill())) throw noContent();
    }
  }

  cancel(): Promise<void> {
    return this.reader.cancel();
  }
}

function parsePartHeaders(block: Uint8Array) {
  const headers = new Map<string, string>();
  for (const line of decoder.decode(block).split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const disposition = headers.get("content-disposition") ?? "";
  return {
    name: /;\s*name="([^"]*)"/i.exec(disposition)?.[1] ?? "",
    isFile: /;\s*filename\*?=/i.test(disposition),
    mimeType: headers.get("content-type") || "application/octet-stream",
  };
}

/** The file part's bytes, streamed until the next boundary; a body that ends first is an error. */
function streamPart(buffer: BodyBuffer, partEnd: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      for (;;) {
        const found = indexOf(buffer.bytes, partEnd);
        if (found !== -1) {
          if (found > 0) controller.enqueue(buffer.take(found).slice());
          controller.close();
          // The closing boundary and any later parts are not needed.
          await buffer.cancel();
          return;
        }
        // Hold back what could be the start of the boundary.
        const safe = buffer.bytes.length - (partEnd.length - 1);
        if (safe > 0) {
          controller.enqueue(buffer.take(safe).slice());
          return;
        }
        if (!(await buffer.fill())) {
          controller.error(storageErrors.invalidRequest("The multipart body ended inside the file"));
          return;
        }
      }
    },
    cancel: () => buffer.cancel(),
  });
}

/**
 * Reads a multipart/form-data upload as a stream, as Storage's `request.file()` does: fields up
 * to the first file part are collected (they are small and capped), the file is handed on
 * unread, so its size limit is enforced while it is written rather than after buffering it.
 */
export async function readMultipartFile(
  body: ReadableStream<Uint8Array>,
  contentType: string,
): Promise<MultipartFile> {
  const boundary = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!boundary) throw noContent();
  const delimiter = encoder.encode(`--${boundary[1] ?? boundary[2]}`);
  const partEnd = encoder.encode(`\r\n--${boundary[1] ?? boundary[2]}`);
  const buffer = new BodyBuffer(body.getReader());

  try {
    await buffer.readUntil(delimiter, maxPreambleBytes);
    const fields = new Map<string, string>();
    let fieldBytes = 0;
    for (;;) {
      while (buffer.bytes.length < 2) {
        if (!(await buffer.fill())) throw noContent();
      }
      // `--` after a delimiter closes the form; a CRLF opens the next part.
      if (buffer.bytes[0] === 0x2d && buffer.bytes[1] === 0x2d) throw noContent();
      buffer.take(2);
      const part = parsePartHeaders(await buffer.readUntil(headerEnd, maxHeaderBytes));
      if (part.isFile) return { fields, mimeType: part.mimeType, body: streamPart(buffer, partEnd) };
      if (fields.size >= maxFields) throw noContent();
      const value = await buffer.readUntil(
        partEnd,
        maxFieldBytes - fieldBytes,
        () => storageErrors.invalidRequest(`The form fields exceed ${maxFieldBytes} bytes`),
      );
      fieldBytes += value.length;
      fields.set(part.name, decoder.decode(value));
    }
  } catch (error) {
    await buffer.cancel().catch(() => {});
    throw error;
  }
}
