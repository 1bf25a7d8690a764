import { log } from "../log.ts";
import { preflightResponse, withCors } from "./cors.ts";
import { ApiError, errorResponse } from "./errors.ts";

export type FunctionHandler = (request: Request) => Promise<Response>;

/**
 * Wraps a function's router with what every function needs: CORS, and every failure turned
 * into the project's error shape (unexpected ones logged and reported as a 500 without internals).
 */
export function createFunction(name: string, handler: FunctionHandler): { fetch: FunctionHandler } {
  return {
    async fetch(request) {
      if (request.method === "OPTIONS") return preflightResponse();
      try {
        return withCors(await handler(request));
      } catch (error) {
        if (error instanceof ApiError) return withCors(errorResponse(error));
        log.error("unhandled error", { function: name, error: String((error as Error)?.stack ?? error) });
        return withCors(errorResponse(
          new ApiError(500, "INTERNAL_ERROR", "Something went wrong on our side. Try again in a moment."),
        ));
      }
    },
  };
}
