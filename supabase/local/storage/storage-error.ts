/**
 * Errors in Supabase Storage's shape: `{ statusCode, code, error, message }`. As Storage does,
 * the meaning travels in the body's `statusCode` ("403", "404", "409", "413", ...) while the
 * HTTP status is 400 for every client error and 500 for server errors; storage-js reads both
 * (`StorageApiError.status` and `.statusCode`).
 */
export class StorageError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    readonly error: string,
    message: string,
    readonly httpStatus = statusCode >= 500 ? 500 : 400,
  ) {
    super(message);
    this.name = "StorageError";
  }
}

export function storageErrorResponse(error: StorageError): Response {
  return Response.json(
    { statusCode: String(error.statusCode), code: error.code, error: error.error, message: error.message },
    { status: error.httpStatus },
  );
}

export const storageErrors = {
  noSuchBucket: () => new StorageError(404, "NoSuchBucket", "Bucket not found", "Bucket not found"),
  noSuchKey: () => new StorageError(404, "NoSuchKey", "not_found", "Object not found"),
  accessDenied: (message: string) => new StorageError(403, "AccessDenied", "Unauthorized", message),
  keyAlreadyExists: () =>
    new StorageError(409, "KeyAlreadyExists", "Duplicate", "The resource already exists"),
  objectTooLarge: () =>
    new StorageError(
      413,
      "EntityTooLarge",
      "Payload too large",
      "The object exceeded the maximum allowed size",
    ),
  /** Storage's HTTP layer (fastify's body limit) answers a real 413 for oversized JSON. */
  requestBodyTooLarge: (maxBytes: number) =>
    new StorageError(
      413,
      "EntityTooLarge",
      "Payload Too Large",
      `Request body is larger than ${maxBytes} bytes`,
      413,
    ),
  invalidMimeType: (mimeType: string) =>
    new StorageError(415, "InvalidMimeType", "invalid_mime_type", `mime type ${mimeType} is not supported`),
  invalidKey: (key: string) => new StorageError(400, "InvalidKey", "InvalidKey", `Invalid key: ${key}`),
  invalidBucketName: () => new StorageError(400, "InvalidBucketName", "Invalid Input", "Bucket name invalid"),
  invalidJwt: (message: string) =>
    new StorageError(400, "InvalidJWT", "InvalidJWT", message || "Invalid JWT"),
  invalidSignature: (message = "Invalid signature") =>
    new StorageError(400, "InvalidSignature", "InvalidSignature", message),
  invalidRequest: (message: string) => new StorageError(400, "InvalidRequest", "InvalidRequest", message),
  routeNotFound: (method: string, path: string) =>
    new StorageError(404, "NotFound", "Not Found", `Route ${method}:${path} not found`, 404),
  internal: () => new StorageError(500, "InternalError", "internal", "Internal server error"),
};

/**
 * Postgres errors Storage turns into client errors, as its database layer does: RLS refusals
 * become AccessDenied (with the message clients match on), unique violations Duplicate.
 */
export function fromDatabaseError(error: unknown): StorageError | undefined {
  const code = (error as { code?: unknown })?.code;
  const message = String((error as Error)?.message ?? "");
  if (code === "42501") {
    return storageErrors.accessDenied(
      message.includes("row-level security") ? "new row violates row-level security policy" : message,
    );
  }
  if (code === "23505") return storageErrors.keyAlreadyExists();
  return undefined;
}
