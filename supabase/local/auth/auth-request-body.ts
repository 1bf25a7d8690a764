import { z } from "zod";
import { defaultMaxBodyBytes, readBodyText } from "../../functions/_shared/http/body.ts";
import { ApiError } from "../../functions/_shared/http/errors.ts";
import { AuthError, badRequest, validationFailed } from "./auth-errors.ts";

/** A string field GoTrue treats as absent when it is null or missing (Go's zero value). */
export const optionalText = z.string().nullish().transform((value) => value ?? "");

/** A JSON object field, such as `data` (user metadata); null means "not given". */
export const optionalObject = z.record(z.string(), z.unknown()).nullish().transform((value) =>
  value ?? undefined
);

/**
 * Reads and validates a JSON body as GoTrue does: at most 1 MB (413), unparsable JSON is
 * `bad_json`, a field of the wrong type is `validation_failed`; unknown fields are ignored
 * because auth-js sends some the local server has no use for (captcha, PKCE).
 */
export async function readAuthBody<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
): Promise<z.output<Schema>> {
  let text: string;
  try {
    text = await readBodyText(request, defaultMaxBodyBytes);
  } catch (error) {
    if (error instanceof ApiError && error.status === 413) {
      throw new AuthError(
        413,
        "request_entity_too_large",
        `Request body too large (max ${defaultMaxBodyBytes} bytes)`,
      );
    }
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw badRequest("bad_json", `Could not parse request body as JSON: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.join(".");
    throw validationFailed(field ? `${field}: ${issue.message}` : `Request body: ${issue.message}`);
  }
  return parsed.data;
}
