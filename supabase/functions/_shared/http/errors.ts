/** The codes of the project's one error shape (DESIGN.md §9). */
export type ErrorCode =
  | "VALIDATION_ERROR"
  | "INVALID_JSON"
  | "UNAUTHORIZED"
  | "INSUFFICIENT_CREDITS"
  | "PAYMENT_REQUIRED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "METHOD_NOT_ALLOWED"
  | "CONFLICT"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "RATE_LIMITED"
  | "CONTENT_POLICY"
  | "PROVIDER_ERROR"
  | "PROVIDER_TIMEOUT"
  | "INTERNAL_ERROR";

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
