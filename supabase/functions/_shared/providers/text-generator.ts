/**
 * The entry point for text (prompt polish, recommendations, the assistant): plan a call (resolve
 * the model, price the most it may produce) before any credits move, then stream it through the
 * provider's adapter with the image calls' timeouts, retries and per-provider concurrency limits.
 * A stream holds its provider slot until it ends, fails or is stopped; stopping it (the signal, or
 * the caller leaving the loop) closes the provider's connection at once.
 */
import type { Runtime } from "../runtime.ts";
import { log } from "../log.ts";
import { type ConcurrencyLimiter, createInProcessLimiter } from "./concurrency.ts";
import { streamWithGemini } from "./gemini-text.ts";
import { classifyGoogleFailure } from "./google-errors.ts";
import { DEFAULT_TIMEOUTS_MS } from "./image-generator.ts";
import { estimateTokens, streamOffline } from "./local-text.ts";
import { classifyOpenAiFailure } from "./openai-images.ts";
import { streamWithOpenAi } from "./openai-text.ts";
import { providerAccess } from "./provider-config.ts";
import { failureFromStatus } from "./provider-errors.ts";
import {
  DEFAULT_RETRY_POLICY,
  type FailureClassifier,
  ProviderHttp,
  type RetryPolicy,
  type Sleep,
  sleep as realSleep,
} from "./provider-http.ts";
import { resolveTextModel, type TextApi, textCredits, type TextModel } from "./text-catalog.ts";
import type { TextAdapter, TextEvent, TextMessage, TextTask } from "./text-types.ts";
import type { Env, FetchFn, ProviderName } from "./types.ts";

const ADAPTERS: Readonly<Record<TextApi, TextAdapter>> = {
  "openai-responses": streamWithOpenAi,
  "gemini-stream-generate-content": streamWithGemini,
  "local-text": streamOffline,
};

const CLASSIFIERS: Readonly<Record<ProviderName, FailureClassifier>> = {
  openai: classifyOpenAiFailure,
  google: classifyGoogleFailure,
  replicate: (status) => failureFromStatus(status),
  local: (status) => failureFromStatus(status),
};

const DEFAULT_TEXT_CONCURRENCY: Readonly<Record<ProviderName, number>> = {
  openai: 16,
  google: 16,
  replicate: 4,
  local: 32,
};

/** How long a started stream may stay silent; the first byte waits the image calls' per-attempt timeout. */
export const DEFAULT_IDLE_TIMEOUT_MS = 30_000;
const DEFAULT_LOCAL_CHUNK_DELAY_MS = 25;

export interface TextGeneratorOptions {
  env: Env;
  fetch?: FetchFn;
  limiter?: ConcurrencyLimiter;
  concurrency?: Partial<Record<ProviderName, number>>;
  timeoutsMs?: Partial<Record<ProviderName, number>>;
  idleTimeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  sleep?: Sleep;
  random?: () => number;
  now?: () => number;
}

export interface TextPlan {
  model: TextModel;
  maxOutputTokens: number;
  /** Credits for the most the call may produce: reserve these, then settle on textCredits(actual). */
  reservedCredits: number;
}

export interface TextInput {
  task: TextTask;
  instructions: string;
  messages: readonly TextMessage[];
  signal?: AbortSignal;
}

export interface TextOutcome {
  text: string;
  outputTokens: number;
  inputTokens: number;
  durationMs: number;
}

export interface TextGenerator {
  plan(request: { model?: string; maxOutputTokens: number }): TextPlan;
  /** The answer's text as it arrives; a usage event (the provider's count, or an estimate) comes last. */
  stream(plan: TextPlan, input: TextInput): AsyncGenerator<TextEvent>;
  /** The whole answer, for callers that need it all before they can use it. */
  complete(plan: TextPlan, input: TextInput): Promise<TextOutcome>;
}

export function createTextGenerator(options: TextGeneratorOptions): TextGenerator {
  const env = options.env;
  const fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const limiter = options.limiter ??
    createInProcessLimiter({ ...DEFAULT_TEXT_CONCURRENCY, ...options.concurrency });
  const localChunkDelayMs = Math.max(
    0,
    Number(env("LOCAL_TEXT_CHUNK_DELAY_MS") ?? DEFAULT_LOCAL_CHUNK_DELAY_MS) || 0,
  );

  function plan(request: { model?: string; maxOutputTokens: number }): TextPlan {
    const model = resolveTextModel(request.model, env);
    return {
      model,
      maxOutputTokens: request.maxOutputTokens,
      reservedCredits: textCredits(model, request.maxOutputTokens),
    };
  }

  async function* stream(plan: TextPlan, input: TextInput): AsyncGenerator<TextEvent> {
    const { model } = plan;
    const signal = input.signal ?? new AbortController().signal;
    const access = providerAccess(model.provider, env);
    const http = new ProviderHttp({
      provider: model.provider,
      model: model.id,
      fetch: fetchFn,
      timeoutMs: options.timeoutsMs?.[model.provider] ?? DEFAULT_TIMEOUTS_MS[model.provider],
      retry,
      classify: CLASSIFIERS[model.provider],
      secrets: [access.apiKey],
      sleep,
      random,
      now,
    });
    // Per provider key, apart from the image calls' slots: a long image must not starve the prompt tools.
    const release = await limiter.acquire(`text:${model.provider}`, signal);
    let text = "";
    let usage: Extract<TextEvent, { type: "usage" }> | undefined;
    try {
      const events = ADAPTERS[model.api]({
        model,
        task: input.task,
        instructions: input.instructions,
        messages: input.messages,
        maxOutputTokens: plan.maxOutputTokens,
        signal,
      }, { access, http, idleTimeoutMs, sleep, localChunkDelayMs });
      for await (const event of events) {
        if (event.type === "usage") {
          usage = event;
          continue;
        }
        text += event.text;
        yield event;
      }
      yield usage ?? {
        type: "usage",
        inputTokens: estimateTokens(input.instructions + input.messages.map((m) => m.content).join("\n")),
        outputTokens: estimateTokens(text),
      };
    } finally {
      release();
    }
  }

  async function complete(plan: TextPlan, input: TextInput): Promise<TextOutcome> {
    const started = now();
    let text = "";
    let inputTokens = 0;
    let outputTokens = 0;
    for await (const event of stream(plan, input)) {
      if (event.type === "delta") text += event.text;
      else ({ inputTokens, outputTokens } = event);
    }
    const durationMs = now() - started;
    log.info("text generated", {
      model: plan.model.id,
      provider: plan.model.provider,
      durationMs,
      outputTokens,
    });
    return { text, inputTokens, outputTokens, durationMs };
  }

  return { plan, stream, complete };
}

const generators = new WeakMap<Runtime, TextGenerator>();

/** The runtime's one text generator, so its limits hold across requests. */
export function textGeneratorFor(runtime: Runtime): TextGenerator {
  let generator = generators.get(runtime);
  if (!generator) {
    const env: Env = (name) => runtime.env(name);
    const idle = Number(env("TEXT_IDLE_TIMEOUT_MS"));
    generator = createTextGenerator({
      env,
      idleTimeoutMs: Number.isFinite(idle) && idle > 0 ? idle : undefined,
    });
    generators.set(runtime, generator);
  }
  return generator;
}
