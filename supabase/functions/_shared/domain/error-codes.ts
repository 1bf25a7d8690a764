/**
 * The codes of the project's one error shape (DESIGN.md §9), shared by the functions that send
 * them and the SPA that reads them.
 */
export type ErrorCode =
  | "VALIDATION_ERROR"
  | "INVALID_JSON"
  | "UNAUTHORIZED"
  | "INSUFFICIENT_CREDITS"
  | "PAYMENT_REQUIRED"
  | "INVALID_SIGNATURE"
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
