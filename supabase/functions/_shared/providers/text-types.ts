/** The text interface every text adapter implements (prompt polish, recommendations, the assistant). */
import type { ProviderAccess } from "./provider-config.ts";
import type { ProviderHttp, Sleep } from "./provider-http.ts";
import type { TextModel } from "./text-catalog.ts";

export interface TextMessage {
  role: "user" | "assistant";
  content: string;
}

/**
 * What the call is for, as data: real models get `instructions` and `messages`; the offline helper,
 * which is rules and not a model, works from this.
 */
export type TextTask =
  | { kind: "recommendations"; feature: string; draft: string; tokenNames: readonly string[] }
  | { kind: "polish"; feature: string; prompt: string }
  | { kind: "assistant"; feature: string; prompt: string; messages: readonly TextMessage[] };

export interface TextAdapterRequest {
  model: TextModel;
  task: TextTask;
  instructions: string;
  messages: readonly TextMessage[];
  maxOutputTokens: number;
  signal: AbortSignal;
}

export type TextEvent =
  | { type: "delta"; text: string }
  /** The provider's own count, when it sends one (last). */
  | { type: "usage"; inputTokens: number; outputTokens: number };

export interface TextAdapterContext {
  access: ProviderAccess;
  http: ProviderHttp;
  /** The longest a started stream may stay silent before it counts as stalled (504). */
  idleTimeoutMs: number;
  sleep: Sleep;
  /** Pause between the offline helper's chunks, so it streams like a model does (LOCAL_TEXT_CHUNK_DELAY_MS). */
  localChunkDelayMs: number;
}

export type TextAdapter = (
  request: TextAdapterRequest,
  context: TextAdapterContext,
) => AsyncGenerator<TextEvent>;
