import type { SupabaseClient } from "@supabase/supabase-js";
import {
  errorBodySchema,
  errorFromResponse,
  FunctionCallError,
  NetworkError,
  UnexpectedResponseError,
} from "@/lib/function-errors";
import { type HttpMethod, toFunctionCallError } from "@/lib/function-client";

/** One server-sent event with its data parsed as JSON, as every function stream sends it. */
export interface FunctionEvent {
  event: string;
  data: unknown;
}

export interface FunctionStreamCall {
  name: string;
  method?: HttpMethod;
  body?: unknown;
  /** Aborts the request and the stream. */
  signal?: AbortSignal;
  /** How long to wait for the stream to open; once it has, events may take as long as the work does. */
  openTimeoutMs?: number;
}

type FunctionsInvoker = Pick<SupabaseClient["functions"], "invoke">;

const defaultOpenTimeoutMs = 30_000;

/**
 * Calls an Edge Function with `Accept: text/event-stream` and yields its events as they arrive.
 * Failures are the same typed errors as invokeFunction's: a refusal before the stream opens is the
 * function's normal JSON error, and a failure after it opened arrives as `event: error` carrying
 * `{ status, error, code, details }`, which ends the stream with the error that status stands for.
 */
export function createFunctionEventStream(functions: FunctionsInvoker) {
  return async function* streamFunction(
    call: FunctionStreamCall,
  ): AsyncGenerator<FunctionEvent, void, undefined> {
    const { data, error } = await functions.invoke<unknown>(call.name, {
      method: call.method ?? "POST",
      body: call.body as Record<string, unknown> | undefined,
      headers: { Accept: "text/event-stream" },
      signal: call.signal,
      timeout: call.openTimeoutMs ?? defaultOpenTimeoutMs,
    });
    if (error) throw await toFunctionCallError(call.name, error);
    if (!(data instanceof Response) || !data.body) {
      throw new UnexpectedResponseError(call.name, "expected a text/event-stream response");
    }
    try {
      for await (const message of readServerSentEvents(data.body)) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(message.data);
        } catch {
          throw new UnexpectedResponseError(call.name, `event "${message.event}" does not carry JSON`);
        }
        if (message.event === "error") throw await streamedError(call.name, parsed);
        yield { event: message.event, data: parsed };
      }
    } catch (streamError) {
      if (streamError instanceof FunctionCallError) throw streamError;
      // The connection dropped (or was aborted) while the stream was open.
      throw new NetworkError(call.name, { cause: streamError });
    }
  };
}

export interface ServerSentEvent {
  /** "message" when the event named none, as EventSource does. */
  event: string;
  data: string;
}

/** Parses a text/event-stream body (the WHATWG format: fields, multi-line data, comments, any newline). */
export async function* readServerSentEvents(
  body: ReadableStream<Uint8Array>,
): AsyncGenerator<ServerSentEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let eventName = "";
  let dataLines: string[] = [];
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      // A trailing \r may be the first half of a \r\n split across chunks: keep it for the next read.
      const heldBack = buffer.endsWith("\r") ? "\r" : "";
      const lines = buffer.slice(0, buffer.length - heldBack.length).split(/\r\n|\r|\n/);
      // The last piece is a line still being received.
      buffer = (lines.pop() ?? "") + heldBack;
      for (const line of lines) {
        if (line === "") {
          if (dataLines.length > 0) yield { event: eventName || "message", data: dataLines.join("\n") };
          eventName = "";
          dataLines = [];
          continue;
        }
        if (line.startsWith(":")) continue;
        const colon = line.indexOf(":");
        const field = colon === -1 ? line : line.slice(0, colon);
        const fieldValue = colon === -1 ? "" : line.slice(colon + 1).replace(/^ /, "");
        if (field === "event") eventName = fieldValue;
        else if (field === "data") dataLines.push(fieldValue);
      }
    }
  } finally {
    reader.releaseLock();
  }
}

async function streamedError(functionName: string, data: unknown) {
  const status = typeof data === "object" && data !== null && "status" in data ? Number(data.status) : NaN;
  const body = errorBodySchema.safeParse(data);
  if (!Number.isInteger(status) || !body.success) {
    return new UnexpectedResponseError(functionName, "an error event without a status and the error shape");
  }
  // The same typed error the plain call would have thrown for this status and body.
  return errorFromResponse(functionName, Response.json(body.data, { status }));
}
