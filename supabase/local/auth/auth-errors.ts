import { corsHeaders } from "../../functions/_shared/http/cors.ts";

/**
 * A failure as Supabase Auth (GoTrue) reports it: an HTTP status, one of GoTrue's error codes
 * (auth-js branches on them, e.g. `weak_password`, `session_not_found`) and a message.
 */
export class AuthError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly options: { weakPasswordReasons?: string[]; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = "AuthError";
  }
}

export const badRequest = (errorCode: string, message: string) => new AuthError(400, errorCode, message);
export const validationFailed = (message: string) => badRequest("validation_failed", message);
export const unprocessable = (errorCode: string, message: string) => new AuthError(422, errorCode, message);
export const forbidden = (errorCode: string, message: string) => new AuthError(403, errorCode, message);
export const unexpectedFailure = (
  message = "Unexpected failure, please check server logs for more information",
) => new AuthError(500, "unexpected_failure", message);

const apiVersionHeader = "x-supabase-api-version";
const apiVersion20240101 = "2024-01-01";

// Browsers hide response headers CORS does not expose; auth-js needs this one to read `code`.
const exposedHeaders = `${
  corsHeaders["access-control-expose-headers"]
}, ${apiVersionHeader}, x-sb-error-code`;

/** GoTrue answers in the 2024-01-01 shape only when the client asks for that API version (auth-js does). */
function requestsApiVersion20240101(request: Request): boolean {
  const requested = request.headers.get(apiVersionHeader) ?? "";
  if (!/^\d{4}-\d{2}-\d{2}$/.test(requested)) return false;
  const requestedAt = Date.parse(`${requested}T00:00:00Z`);
  return !Number.isNaN(requestedAt) && requestedAt >= Date.parse(`${apiVersion20240101}T00:00:00Z`);
}

/**
 * GoTrue's error body: `{code: <error code>, message}` plus the version header for clients on
 * API version 2024-01-01, otherwise the initial `{code: <status>, error_code, msg}`.
 */
export function authErrorResponse(error: AuthError, request: Request): Response {
  const headers = new Headers({
    ...error.options.headers,
    "x-sb-error-code": error.errorCode,
    "access-control-expose-headers": exposedHeaders,
  });
  const weakPassword = error.options.weakPasswordReasons
    ? { weak_password: { reasons: error.options.weakPasswordReasons } }
    : {};
  if (requestsApiVersion20240101(request)) {
    headers.set(apiVersionHeader, apiVersion20240101);
    return Response.json({ code: error.errorCode, message: error.message, ...weakPassword }, {
      status: error.status,
      headers,
    });
  }
  return Response.json({
    code: error.status,
    error_code: error.errorCode,
    msg: error.message,
    ...weakPassword,
  }, {
    status: error.status,
    headers,
  });
}
