import * as z from "zod/mini";
import { ApiError, badRequest } from "./errors.ts";

export const defaultMaxBodyBytes = 1024 * 1024;

/** Reads the body as text, refusing more than `maxBytes` without buffering past the limit. */
export async function readBodyText(request: Request, maxBytes = defaultMaxBodyBytes): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return "";
  const chunks: Uint8Array[] = [];
  let received = 0;
  for await (const chunk of request.body) {
    received += chunk.byteLength;
    if (received > maxBytes) throw tooLarge(maxBytes);
    chunks.push(chunk);
  }
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

function tooLarge(maxBytes: number) {
  return new ApiError(413, "PAYLOAD_TOO_LARGE", `The request body is larger than ${maxBytes} bytes.`, {
    maxBytes,
  });
}

/** Parses a JSON body and validates it; every failure is a 4xx in the project's error shape. */
export async function readJson<Schema extends z.core.$ZodType>(
  request: Request,
  schema: Schema,
  maxBytes = defaultMaxBodyBytes,
): Promise<z.output<Schema>> {
  const text = await readBodyText(request, maxBytes);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiError(400, "INVALID_JSON", "The request body is not valid JSON.");
  }
  const parsed = z.safeParse(schema, value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({
      path: issue.path.join("."),
      message: issue.message,
    }));
    const first = issues[0];
    throw badRequest(first.path ? `${first.path}: ${first.message}` : first.message, {
      issues,
      ...(first.path ? { field: first.path } : {}),
    });
  }
  return parsed.data;
}
