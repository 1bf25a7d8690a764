/**
 * OpenAI Images API: POST /images/generations (JSON), or /images/edits (multipart) when a
 * reference image is given, with the editor's `mask` (a PNG whose transparent pixels may change). GPT Image models always answer base64; dall-e-3 is asked for
 * b64_json so no answer depends on a short-lived URL.
 */
import { type ImageAdapter, imageFromBytes, isRecord } from "./adapter.ts";
import { base64ToBytes } from "./base64.ts";
import { failureFromStatus, type ProviderFailure } from "./provider-errors.ts";
import { promptWithStyle } from "./styles.ts";
import type { AdapterRequest } from "./types.ts";

interface OpenAiImagesResponse {
  created?: number;
  data?: Array<{ b64_json?: string; url?: string; revised_prompt?: string }>;
  background?: string;
  output_format?: string;
  quality?: string;
  size?: string;
  usage?: unknown;
}

const CONTENT_POLICY_CODES = new Set(["moderation_blocked", "content_policy_violation"]);

/** Body shape: { error: { message, type, param, code } }. */
export function classifyOpenAiFailure(status: number, body: unknown): ProviderFailure {
  const error = isRecord(body) && isRecord(body.error) ? body.error : {};
  const message = typeof error.message === "string" ? error.message : undefined;
  const code = typeof error.code === "string" ? error.code : undefined;
  if (status === 400 && ((code && CONTENT_POLICY_CODES.has(code)) || /safety system/i.test(message ?? ""))) {
    return { kind: "content-policy", status, message, code };
  }
  // A 429 for an exhausted balance will not clear by waiting.
  if (status === 429 && code === "insufficient_quota") return { kind: "quota", status, message, code };
  return failureFromStatus(status, message, code);
}

function requestFields(request: AdapterRequest): Record<string, string> {
  const { model, settings } = request;
  const prompt = promptWithStyle(request.prompt, settings.style);
  if (model.api === "openai-dall-e") {
    return {
      model: model.providerModel,
      prompt,
      n: "1",
      size: settings.size!,
      quality: settings.dalleQuality!,
      style: settings.dalleStyle!,
      response_format: "b64_json",
    };
  }
  return {
    model: model.providerModel,
    prompt,
    n: "1",
    size: settings.size!,
    quality: settings.quality!,
    background: settings.background!,
    output_format: settings.outputFormat!,
  };
}

export const generateWithOpenAi: ImageAdapter = async (request, { access, http }) => {
  const fields = requestFields(request);
  const authorization = `Bearer ${access.apiKey}`;
  let url: string;
  let init: RequestInit;
  if (request.referenceImage) {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    const { bytes, mimeType } = request.referenceImage;
    form.append(
      "image",
      new Blob([bytes as BlobPart], { type: mimeType }),
      `reference.${mimeType.split("/")[1]}`,
    );
    const mask = request.edit?.mask;
    if (mask) form.append("mask", new Blob([mask.bytes as BlobPart], { type: mask.mimeType }), "mask.png");
    url = `${access.baseUrl}/images/edits`;
    init = { method: "POST", headers: { authorization }, body: form };
  } else {
    // JSON wants n as a number; the multipart form above carries every field as text.
    url = `${access.baseUrl}/images/generations`;
    init = {
      method: "POST",
      headers: { authorization, "content-type": "application/json" },
      body: JSON.stringify({ ...fields, n: 1 }),
    };
  }
  const body = await http.request<OpenAiImagesResponse>(url, init, {
    idempotent: false,
    signal: request.signal,
    read: (response) => response.json(),
  });
  const data = Array.isArray(body.data) ? body.data : [];
  if (data.length === 0) throw http.badResponse("the answer lists no images");
  const images = data.map((item) => {
    if (typeof item.b64_json !== "string") throw http.badResponse("an image came without b64_json");
    return imageFromBytes(request.model, base64ToBytes(item.b64_json));
  });
  return {
    images,
    revisedPrompt: data[0].revised_prompt,
    metadata: {
      created: body.created,
      size: body.size,
      quality: body.quality,
      background: body.background,
      outputFormat: body.output_format,
      usage: body.usage,
    },
  };
};
