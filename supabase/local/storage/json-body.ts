import type { z } from "zod";
import { readBodyText } from "../../functions/_shared/http/body.ts";
import { ApiError } from "../../functions/_shared/http/errors.ts";
import { maxJsonBodyBytes } from "./storage-limits.ts";
import { storageErrors } from "./storage-error.ts";

/** A JSON request body, size-capped and validated; every failure is a 4xx in Storage's shape. */
export async function readJsonBody<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
): Promise<z.infer<Schema>> {
  let text: string;
  try {
    text = await readBodyText(request, maxJsonBodyBytes);
  } catch (error) {
    if (error instanceof ApiError && error.status === 413) {
      throw storageErrors.requestBodyTooLarge(maxJsonBodyBytes);
    }
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw storageErrors.invalidRequest("The request body is not valid JSON");
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    const where = ["body", ...issue.path.map(String)].join("/");
    throw storageErrors.invalidRequest(`${where}: ${issue.message}`);
  }
  return parsed.data;
}
