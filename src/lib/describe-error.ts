import {
  ConflictError,
  ForbiddenError,
  FunctionCallError,
  NetworkError,
  NotFoundError,
  PayloadTooLargeError,
  PaymentRequiredError,
  RateLimitedError,
  ServerError,
  UnauthorizedError,
  ValidationError,
} from "@/lib/function-errors";

export interface ErrorDescription {
  title: string;
  description: string;
  /** Offering "Retry" makes sense: the same call may succeed without the person changing anything. */
  retryable: boolean;
}

/** What to tell a person about a failure, in words they can act on. */
export function describeError(error: unknown): ErrorDescription {
  if (!(error instanceof FunctionCallError)) {
    return {
      title: "Something went wrong",
      description: error instanceof Error && error.message ? error.message : "Please try again.",
      retryable: true,
    };
  }
  const description = error.message;
  const retryable = error.retryable;
  if (error instanceof NetworkError) {
    return { title: error.offline ? "You're offline" : "Can't reach Personify", description, retryable };
  }
  if (error instanceof RateLimitedError) {
    const wait = error.retryAfterSeconds ? ` You can try again in ${error.retryAfterSeconds} s.` : "";
    return { title: "Slow down a moment", description: `${description}${wait}`, retryable };
  }
  if (error instanceof ValidationError) return { title: "Check what you entered", description, retryable };
  if (error instanceof UnauthorizedError) return { title: "Please sign in again", description, retryable };
  if (error instanceof PaymentRequiredError) return { title: "Not enough credits", description, retryable };
  if (error instanceof ForbiddenError) return { title: "Not allowed", description, retryable };
  if (error instanceof NotFoundError) return { title: "Not found", description, retryable };
  if (error instanceof ConflictError) {
    return { title: "That changed in the meantime", description, retryable };
  }
  if (error instanceof PayloadTooLargeError) return { title: "That's too large", description, retryable };
  if (error instanceof ServerError) {
    return { title: "Something went wrong on our side", description, retryable };
  }
  return { title: "That didn't work", description, retryable };
}
