/**
 * Google Veo through the Gemini API, for the ai-motion effect. A long-running operation:
 *   POST {base}/v1beta/models/{model}:predictLongRunning
 *        { instances: [{ prompt, image: { bytesBase64Encoded, mimeType } }], parameters: {...} }
 *     → { name: "models/{model}/operations/{id}" }
 *   GET  {base}/v1beta/{name} → { done, response: { generateVideoResponse: { generatedSamples:
 *        [{ video: { uri } }] } } } or { done: true, error: { code, message } }
 *   GET  {uri} with the API key → the MP4.
 * The key and base URL are the Google provider's (GOOGLE_AI_API_KEY, GOOGLE_AI_BASE_URL).
 */
import { bytesToBase64 } from "../providers/base64.ts";
import { classifyGoogleFailure } from "../providers/google-errors.ts";
import { providerAccess } from "../providers/provider-config.ts";
import {
  DEFAULT_RETRY_POLICY,
  ProviderHttp,
  type Sleep,
  sleep as defaultSleep,
} from "../providers/provider-http.ts";
import type { Env, FetchFn } from "../providers/types.ts";

/**
 * Google's migration target for the discontinued veo-2.0-generate-001 (checked 2026-12-04):
 * https://docs.cloud.google.com/gemini-enterprise-agent-platform/models/veo/2-0-generate,
 * https://ai.google.dev/gemini-api/docs/video
 */
export const defaultVeoModel = "veo-3.1-generate-001";

/** An operation that ended without a video: retrying the same request would end the same way. */
export class VeoOperationFailed extends Error {
  override name = "VeoOperationFailed";
}

export interface VeoStart {
  image: Uint8Array;
  mimeType: string;
  prompt: string;
  durationSeconds: number;
  signal: AbortSignal;
}

export interface VeoClient {
  readonly model: string;
  /** Starts a generation and returns its operation's name (store it: polling resumes from it). */
  start(request: VeoStart): Promise<string>;
  /** Polls the operation until it is done; the generated video's URI. */
  wait(operationName: string, signal: AbortSignal): Promise<string>;
  download(uri: string, signal: AbortSignal): Promise<Uint8Array>;
}

export interface VeoOptions {
  env: Env;
  fetch?: FetchFn;
  sleep?: Sleep;
  pollIntervalMs?: number;
  maxWaitMs?: number;
}

interface Operation {
  name?: string;
  done?: boolean;
  error?: { code?: number; message?: string; status?: string };
  response?: {
    generateVideoResponse?: {
      generatedSamples?: Array<{ video?: { uri?: string } }>;
      raiMediaFilteredCount?: number;
      raiMediaFilteredReasons?: string[];
    };
  };
}

const operationNamePattern =
  /^models\/[A-Za-z0-9._-]+\/operations\/[A-Za-z0-9._-]+$|^operations\/[A-Za-z0-9._-]+$/;

/** Veo 2 takes 5–8 s clips; shorter or longer requests get the nearest and are fitted after. */
export function veoClipSeconds(durationSeconds: number): number {
  return Math.min(8, Math.max(5, Math.round(durationSeconds)));
}

/** Veo 3 and later take 4, 6 or 8 s clips: the nearest, fitted after like Veo 2's. */
function clipSecondsFor(model: string, durationSeconds: number): number {
  if (model.startsWith("veo-2.")) return veoClipSeconds(durationSeconds);
  return [4, 6, 8].reduce((best, seconds) =>
    Math.abs(seconds - durationSeconds) < Math.abs(best - durationSeconds) ? seconds : best
  );
}

export function createVeoClient(options: VeoOptions): VeoClient {
  const access = providerAccess("google", options.env);
  const model = options.env("VEO_MODEL")?.trim() || defaultVeoModel;
  const pollIntervalMs = options.pollIntervalMs ?? (Number(options.env("VEO_POLL_INTERVAL_MS")) || 10_000);
  const maxWaitMs = options.maxWaitMs ?? 10 * 60_000;
  const sleep = options.sleep ?? defaultSleep;
  const http = new ProviderHttp({
    provider: "google",
    model,
    fetch: options.fetch ?? fetch,
    timeoutMs: 60_000,
    retry: DEFAULT_RETRY_POLICY,
    classify: classifyGoogleFailure,
    secrets: [access.apiKey],
    sleep,
    random: Math.random,
    now: Date.now,
  });
  const headers = { "x-goog-api-key": access.apiKey, "content-type": "application/json" };

  return {
    model,
    async start(request) {
      const body = {
        instances: [{
          prompt: request.prompt,
          image: { bytesBase64Encoded: bytesToBase64(request.image), mimeType: request.mimeType },
        }],
        parameters: {
          aspectRatio: "16:9",
          durationSeconds: clipSecondsFor(model, request.durationSeconds),
          sampleCount: 1,
        },
      };
      const operation = await http.request<Operation>(
        `${access.baseUrl}/v1beta/models/${encodeURIComponent(model)}:predictLongRunning`,
        { method: "POST", headers, body: JSON.stringify(body) },
        { idempotent: false, signal: request.signal, read: (response) => response.json() },
      );
      if (typeof operation.name !== "string" || !operationNamePattern.test(operation.name)) {
        throw http.badResponse("no operation name in the predictLongRunning answer");
      }
      return operation.name;
    },

    async wait(operationName, signal) {
      if (!operationNamePattern.test(operationName)) {
        throw new VeoOperationFailed(`not a Veo operation: ${operationName}`);
      }
      const deadline = Date.now() + maxWaitMs;
      for (;;) {
        const operation = await http.request<Operation>(
          `${access.baseUrl}/v1beta/${operationName}`,
          { method: "GET", headers: { "x-goog-api-key": access.apiKey } },
          { idempotent: true, signal, read: (response) => response.json() },
        );
        if (operation.done) {
          if (operation.error) {
            throw new VeoOperationFailed(
              `Veo could not make the video: ${
                operation.error.message ?? operation.error.status ?? "unknown error"
              }`,
            );
          }
          const answer = operation.response?.generateVideoResponse;
          const uri = answer?.generatedSamples?.[0]?.video?.uri;
          if (typeof uri === "string") return uri;
          if (answer?.raiMediaFilteredCount) {
            const reasons = (answer.raiMediaFilteredReasons ?? []).join("; ");
            throw new VeoOperationFailed(
              `Veo withheld the video under its content policy${reasons ? `: ${reasons}` : ""}.`,
            );
          }
          throw new VeoOperationFailed("Veo finished without a video.");
        }
        if (Date.now() > deadline) {
          throw new Error(`Veo operation ${operationName} not done after ${maxWaitMs / 1000} s`);
        }
        await sleep(pollIntervalMs, signal);
      }
    },

    async download(uri, signal) {
      // The key goes only where the API lives, whatever URI an answer holds.
      let target: URL;
      try {
        target = new URL(uri);
      } catch {
        throw new VeoOperationFailed("Veo answered with a video URI that is not a URL.");
      }
      if (target.origin !== new URL(access.baseUrl).origin) {
        throw new VeoOperationFailed(`Veo's video URI is not on ${new URL(access.baseUrl).host}.`);
      }
      return await http.request<Uint8Array>(
        target.href,
        { method: "GET", headers: { "x-goog-api-key": access.apiKey } },
        { idempotent: true, signal, read: async (response) => new Uint8Array(await response.arrayBuffer()) },
      );
    },
  };
}
