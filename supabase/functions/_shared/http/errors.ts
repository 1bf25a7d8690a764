import type { ErrorCode } from "../domain/error-codes.ts";

export type { ErrorCode };

export interface ErrorBody {
  error: string;
  code: ErrorCode;
  details: Record<string, unknown>;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export const badRequest = (message: string, details: Record<string, unknown> = {}) =>
  new ApiError(400, "VALIDATION_ERROR", message, details);
export const unauthorized = (message = "Sign in to continue: the request has no valid access token.") =>
  new ApiError(401, "UNAUTHORIZED", message);
export const notFound = (message = "Not found.") => new ApiError(404, "NOT_FOUND", message);

export function errorBody(error: ApiError): ErrorBody {
  return { error: error.message, code: error.code, details: error.details };
}

export function errorResponse(error: ApiError, headers: HeadersInit = {}): Response {
  return Response.json(errorBody(error), {
    status: error.status,
    headers: { ...Object.fromEntries(new Headers(headers)), ...error.headers },
  });
}
