import { FunctionsHttpError, FunctionsRelayError, type SupabaseClient } from "@supabase/supabase-js";
import type * as z from "zod/mini";
import { errorFromResponse, NetworkError, ServerError, UnexpectedResponseError } from "@/lib/function-errors";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export type QueryParams = Record<string, string | number | boolean | null | undefined>;

export interface FunctionCall<Schema extends z.ZodMiniType> {
  /** The function's name, as deployed under /functions/v1/. */
  name: string;
  method?: HttpMethod;
  /** Added to the URL; null and undefined values are left out. */
  query?: QueryParams;
  body?: unknown;
  /** What a successful answer must look like; it is parsed, so callers get typed data. */
  schema: Schema;
  signal?: AbortSignal;
  timeoutMs?: number;
}

type FunctionsInvoker = Pick<SupabaseClient["functions"], "invoke">;

const defaultTimeoutMs = 30_000;

/**
 * Calls Edge Functions through supabase-js (which adds the apikey and the signed-in user's token)
 * and turns every failure into a typed FunctionCallError from function-errors.ts.
 */
export function createFunctionClient(functions: FunctionsInvoker) {
  return async function invokeFunction<Schema extends z.ZodMiniType>(
    call: FunctionCall<Schema>,
  ): Promise<z.infer<Schema>> {
    const target = `${call.name}${queryString(call.query)}`;
    const { data, error } = await functions.invoke<unknown>(target, {
      method: call.method ?? "POST",
      body: call.body as Record<string, unknown> | undefined,
      signal: call.signal,
      timeout: call.timeoutMs ?? defaultTimeoutMs,
    });
    if (error) throw await toFunctionCallError(call.name, error);
    const parsed = call.schema.safeParse(data);
    if (!parsed.success) {
      throw new UnexpectedResponseError(
        call.name,
        parsed.error.issues.map((issue) => issue.message).join("; "),
      );
    }
    return parsed.data;
  };
}

export function queryString(query: QueryParams | undefined): string {
  if (!query) return "";
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== null && value !== undefined) params.set(key, String(value));
  }
  const encoded = params.toString();
  return encoded ? `?${encoded}` : "";
}

/** The typed error for a failed supabase-js functions call: the answer's own error, a gateway failure, or no answer. */
export async function toFunctionCallError(functionName: string, error: unknown) {
  if (error instanceof FunctionsHttpError && error.context instanceof Response) {
    return errorFromResponse(functionName, error.context);
  }
  if (error instanceof FunctionsRelayError) {
    return new ServerError(
      functionName,
      502,
      "INTERNAL_ERROR",
      "The functions gateway failed. Try again in a moment.",
    );
  }
  // FunctionsFetchError, a timeout or an abort: no answer came back.
  return new NetworkError(functionName, { cause: error });
}
