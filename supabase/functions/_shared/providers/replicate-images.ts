/**
 * Replicate predictions for official models: POST /models/{owner}/{name}/predictions with
 * `Prefer: wait`, which holds the request open while the model runs. A prediction still
 * running when that answer comes is polled at urls.get; the output URL is then downloaded.
 */
import { type AdapterContext, type ImageAdapter, imageFromBytes, isRecord } from "./adapter.ts";
import { base64ToBytes, bytesToDataUrl } from "./base64.ts";
import { failureFromStatus, type ProviderFailure, providerTimeoutError } from "./provider-errors.ts";
import { promptWithStyle } from "./styles.ts";
import type { AdapterRequest, ImageModel } from "./types.ts";

interface Prediction {
  id?: string;
  status?: "starting" | "processing" | "succeeded" | "failed" | "canceled" | "aborted";
  output?: unknown;
  error?: unknown;
  metrics?: unknown;
  urls?: { get?: string; cancel?: string };
}

const RUNNING = new Set(["starting", "processing"]);
// Models fail a prediction when their safety checker trips; the error is free text.
const REFUSAL = /nsfw|sensitive|flagged|safety|content (policy|moderation)|moderat|\bE005\b/i;

/** Body shape (RFC 7807-like): { title, detail, status }. */
export function classifyReplicateFailure(status: number, body: unknown): ProviderFailure {
  const detail = isRecord(body) && typeof body.detail === "string" ? body.detail : undefined;
  const title = isRecord(body) && typeof body.title === "string" ? body.title : undefined;
  // 402: the account's billing stopped it; waiting will not help.
  if (status === 402) return { kind: "quota", status, message: detail, code: title };
  return failureFromStatus(status, detail ?? title, title);
}

function modelInput(request: AdapterRequest): Record<string, unknown> {
  const { settings, referenceImage } = request;
  const input: Record<string, unknown> = {
    prompt: promptWithStyle(request.prompt, settings.style),
    aspect_ratio: settings.aspectRatio,
    resolution: settings.size,
    output_format: settings.outputFormat,
  };
  // Replicate accepts files as data URLs, which spares an upload round trip.
  if (referenceImage) input.input_images = [bytesToDataUrl(referenceImage.bytes, referenceImage.mimeType)];
  return input;
}

/** The poll URL, but only on the API's own origin: the token must not be sent anywhere else. */
function pollUrl(
  prediction: Prediction,
  baseUrl: string,
  model: ImageModel,
  context: AdapterContext,
): string {
  const fromAnswer = prediction.urls?.get;
  if (fromAnswer && new URL(fromAnswer).origin === new URL(baseUrl).origin) return fromAnswer;
  if (!prediction.id) throw context.http.badResponse(`prediction for ${model.providerModel} has no id`);
  return `${baseUrl}/predictions/${encodeURIComponent(prediction.id)}`;
}

async function download(url: string, request: AdapterRequest, context: AdapterContext): Promise<Uint8Array> {
  const dataUrl = /^data:[^;,]+;base64,(.*)$/s.exec(url);
  if (dataUrl) return base64ToBytes(dataUrl[1]);
  // Output files live on a CDN that needs no credentials, so none are sent.
  return await context.http.request(url, { method: "GET" }, {
    idempotent: true,
    signal: request.signal,
    read: async (response) => new Uint8Array(await response.arrayBuffer()),
  });
}

export const generateWithReplicate: ImageAdapter = async (request, context) => {
  const { access, http, tuning } = context;
  const { model } = request;
  const authorization = `Bearer ${access.apiKey}`;
  const readJson = (response: Response) => response.json() as Promise<Prediction>;
  let prediction = await http.request(
    `${access.baseUrl}/models/${model.providerModel}/predictions`,
    {
      method: "POST",
      headers: { authorization, "content-type": "application/json", prefer: "wait" },
      body: JSON.stringify({ input: modelInput(request) }),
    },
    { idempotent: false, signal: request.signal, read: readJson },
  );
  const giveUpAt = context.now() + tuning.replicateMaxWaitMs;
  while (RUNNING.has(prediction.status ?? "")) {
    if (context.now() >= giveUpAt) {
      const cancelUrl = prediction.urls?.cancel;
      if (cancelUrl && new URL(cancelUrl).origin === new URL(access.baseUrl).origin) {
        // Best effort: stops the billing clock; the answer to our caller is the timeout either way.
        await http.request(cancelUrl, { method: "POST", headers: { authorization } }, {
          idempotent: true,
          signal: request.signal,
          read: async (response) => void await response.body?.cancel(),
        }).catch(() => undefined);
      }
      throw providerTimeoutError(model.provider, model.id, tuning.replicateMaxWaitMs);
    }
    await context.sleep(tuning.replicatePollIntervalMs, request.signal);
    prediction = await http.request(pollUrl(prediction, access.baseUrl, model, context), {
      method: "GET",
      headers: { authorization },
    }, { idempotent: true, signal: request.signal, read: readJson });
  }
  if (prediction.status !== "succeeded") {
    const message = typeof prediction.error === "string"
      ? prediction.error
      : `prediction ${prediction.status}`;
    const kind = prediction.status === "failed" && REFUSAL.test(message) ? "content-policy" : "unavailable";
    throw http.fail({ kind, status: 200, code: prediction.status, message });
  }
  const outputs = (Array.isArray(prediction.output) ? prediction.output : [prediction.output])
    .filter((output): output is string => typeof output === "string");
  if (outputs.length === 0) throw http.badResponse("the prediction succeeded without an output URL");
  const images = [];
  for (const url of outputs) images.push(imageFromBytes(model, await download(url, request, context)));
  return { images, metadata: { predictionId: prediction.id, metrics: prediction.metrics } };
};
