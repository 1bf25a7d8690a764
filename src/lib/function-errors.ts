import type { ErrorCode as KnownErrorCode } from "@domain/error-codes";
import * as z from "zod/mini";

/** The codes the functions send; open to codes added later, which the client treats by their HTTP status. */
export type ErrorCode = KnownErrorCode | (string & {});

/** The one error shape every function answers with. */
export const errorBodySchema = z.object({
  error: z.string(),
  code: z.string(),
  details: z.optional(z.record(z.string(), z.unknown())),
});

/** Something went wrong calling a function; `retryable` says whether the same call may succeed later. */
export abstract class FunctionCallError extends Error {
  abstract readonly retryable: boolean;

  constructor(
    readonly functionName: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The function answered with a non-2xx status and (normally) the error shape. */
export class FunctionHttpError extends FunctionCallError {
  readonly retryable: boolean = false;

  constructor(
    functionName: string,
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(functionName, message);
  }
}

/** 400: the input was refused; `details` may name the fields at fault. Nothing changed. */
export class ValidationError extends FunctionHttpError {
  /** Messages per field when the function named them (`details.fields`). */
  get fieldErrors(): Record<string, string> {
    const fields = this.details.fields;
    if (typeof fields !== "object" || fields === null) return {};
    return Object.fromEntries(
      Object.entries(fields).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
    );
  }
}
/** 401: no valid session; the person has to sign in (again). */
export class UnauthorizedError extends FunctionHttpError {}
/** 402: not enough credits, or a payment is needed first. */
export class PaymentRequiredError extends FunctionHttpError {}
/** 403: signed in, but not allowed to do this. */
export class ForbiddenError extends FunctionHttpError {}
/** 404: the thing asked for does not exist (or is not theirs). */
export class NotFoundError extends FunctionHttpError {}
/** 409: the request conflicts with the current state (for example a duplicate). */
export class ConflictError extends FunctionHttpError {}
/** 413: the upload or body is too large. */
export class PayloadTooLargeError extends FunctionHttpError {}

/** 429: too many requests; try again after `retryAfterSeconds` when the function said. */
export class RateLimitedError extends FunctionHttpError {
  override readonly retryable = true;

  constructor(
    functionName: string,
    code: ErrorCode,
    message: string,
    details: Record<string, unknown>,
    readonly retryAfterSeconds: number | null,
  ) {
    super(functionName, 429, code, message, details);
  }
}

/** 5xx: the function or an AI provider behind it failed; the same call may work in a moment. */
export class ServerError extends FunctionHttpError {
  override readonly retryable = true;
}

/** The request never got an answer: offline, DNS, CORS, or a timeout. */
export class NetworkError extends FunctionCallError {
  readonly retryable = true;
  readonly offline: boolean;

  constructor(functionName: string, options?: ErrorOptions) {
    const offline = typeof navigator !== "undefined" && navigator.onLine === false;
    super(
      functionName,
      offline
        ? "You're offline. Personify will be back as soon as your connection is."
        : "We couldn't reach Personify. Check your connection and try again.",
      options,
    );
    this.offline = offline;
  }
}

/** The function answered, but not with what this version of the app expects. */
export class UnexpectedResponseError extends FunctionCallError {
  readonly retryable = false;

  constructor(functionName: string, readonly problem: string) {
    super(
      functionName,
      "Personify sent an answer this version of the app doesn't understand. Reload the page.",
    );
  }
}

/** Seconds from a Retry-After header, which holds either seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (value === null || value.trim() === "") return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

/** Turns a function's non-2xx response into the matching typed error. */
export async function errorFromResponse(
  functionName: string,
  response: Response,
): Promise<FunctionHttpError> {
  const text = await response.text().catch(() => "");
  let parsed: z.infer<typeof errorBodySchema> | null = null;
  try {
    const result = errorBodySchema.safeParse(JSON.parse(text));
    if (result.success) parsed = result.data;
  } catch {
    // Not JSON (a proxy's error page, an empty body): fall back to the status alone.
  }
  const status = response.status;
  const code = parsed?.code ?? fallbackCodeFor(status);
  const message = parsed?.error ?? fallbackMessageFor(status);
  const details = parsed?.details ?? {};
  switch (status) {
    case 400:
      return new ValidationError(functionName, status, code, message, details);
    case 401:
      return new UnauthorizedError(functionName, status, code, message, details);
    case 402:
      return new PaymentRequiredError(functionName, status, code, message, details);
    case 403:
      return new ForbiddenError(functionName, status, code, message, details);
    case 404:
      return new NotFoundError(functionName, status, code, message, details);
    case 409:
      return new ConflictError(functionName, status, code, message, details);
    case 413:
      return new PayloadTooLargeError(functionName, status, code, message, details);
    case 429:
      return new RateLimitedError(
        functionName,
        code,
        message,
        details,
        parseRetryAfter(response.headers.get("retry-after")),
      );
    default:
      return status >= 500
        ? new ServerError(functionName, status, code, message, details)
        : new FunctionHttpError(functionName, status, code, message, details);
  }
}

function fallbackCodeFor(status: number): ErrorCode {
  if (status === 401) return "UNAUTHORIZED";
  if (status === 404) return "NOT_FOUND";
  if (status === 429) return "RATE_LIMITED";
  return status >= 500 ? "INTERNAL_ERROR" : "VALIDATION_ERROR";
}

function fallbackMessageFor(status: number): string {
  if (status >= 500) return "Something went wrong on our side. Try again in a moment.";
  if (status === 401) return "Your session has ended. Sign in again to continue.";
  if (status === 429) return "That was a lot of requests at once. Wait a moment and try again.";
  return `The request was refused (HTTP ${status}).`;
}
