/**
 * Gemini native image generation: POST /v1beta/models/{model}:generateContent with IMAGE among
 * the response modalities. The image comes back as an inlineData part; a reference image goes
 * in the same way.
 */
import { type ImageAdapter, imageFromBytes } from "./adapter.ts";
import { base64ToBytes, bytesToBase64 } from "./base64.ts";
import { promptWithStyle } from "./styles.ts";

interface GeminiPart {
  text?: string;
  inlineData?: { mimeType?: string; data?: string };
  /** Thinking models show draft images as thought parts; only the final image counts. */
  thought?: boolean;
}

interface GenerateContentResponse {
  candidates?: Array<{ content?: { parts?: GeminiPart[] }; finishReason?: string }>;
  promptFeedback?: { blockReason?: string; blockReasonMessage?: string };
  usageMetadata?: unknown;
  modelVersion?: string;
  responseId?: string;
}

/** Finish reasons that mean the model refused, as opposed to failing. */
const REFUSAL_FINISH_REASONS = new Set([
  "SAFETY",
  "PROHIBITED_CONTENT",
  "BLOCKLIST",
  "SPII",
  "RECITATION",
  "IMAGE_SAFETY",
  "IMAGE_PROHIBITED_CONTENT",
  "IMAGE_RECITATION",
]);

export const generateWithGemini: ImageAdapter = async (request, { access, http }) => {
  const { model, settings, referenceImage } = request;
  const parts: GeminiPart[] = [{ text: promptWithStyle(request.prompt, settings.style) }];
  if (referenceImage) {
    parts.push({
      inlineData: { mimeType: referenceImage.mimeType, data: bytesToBase64(referenceImage.bytes) },
    });
  }
  const body = {
    contents: [{ role: "user", parts }],
    generationConfig: {
      responseModalities: ["TEXT", "IMAGE"],
      imageConfig: { aspectRatio: settings.aspectRatio, imageSize: settings.size },
    },
  };
  const answer = await http.request<GenerateContentResponse>(
    `${access.baseUrl}/v1beta/models/${encodeURIComponent(model.providerModel)}:generateContent`,
    {
      method: "POST",
      headers: { "x-goog-api-key": access.apiKey, "content-type": "application/json" },
      body: JSON.stringify(body),
    },
    { idempotent: false, signal: request.signal, read: (response) => response.json() },
  );
  const candidate = answer.candidates?.[0];
  const blockReason = answer.promptFeedback?.blockReason;
  if (!candidate && blockReason) {
    throw http.fail({
      kind: "content-policy",
      status: 200,
      code: blockReason,
      message: answer.promptFeedback?.blockReasonMessage,
    });
  }
  const answerParts = (candidate?.content?.parts ?? []).filter((part) => !part.thought);
  const images = answerParts
    .filter((part) => part.inlineData?.data)
    .map((part) => imageFromBytes(model, base64ToBytes(part.inlineData!.data!)));
  const modelText = answerParts.map((part) => part.text).filter(Boolean).join("\n") || undefined;
  if (images.length === 0) {
    const finishReason = candidate?.finishReason;
    if (finishReason && REFUSAL_FINISH_REASONS.has(finishReason)) {
      throw http.fail({ kind: "content-policy", status: 200, code: finishReason, message: modelText });
    }
    throw http.badResponse(`no image part (finishReason ${finishReason ?? "missing"})`);
  }
  return {
    images,
    metadata: {
      responseId: answer.responseId,
      modelVersion: answer.modelVersion,
      finishReason: candidate?.finishReason,
      usage: answer.usageMetadata,
      modelText,
    },
  };
};
