/**
 * Album organisation with Gemini: one generateContent call with every thumbnail inline, each
 * preceded by a text part naming its id, and a JSON response schema for the albums. The key,
 * base URL, error reading and retries are the image adapters' own (provider-config, google-errors,
 * provider-http).
 */
import { bytesToBase64 } from "../base64.ts";
import { classifyGoogleFailure } from "../google-errors.ts";
import { DEFAULT_TIMEOUTS_MS } from "../image-generator.ts";
import { providerAccess } from "../provider-config.ts";
import { DEFAULT_RETRY_POLICY, ProviderHttp, sleep as realSleep } from "../provider-http.ts";
import {
  normaliseAlbums,
  unusableAnswerError,
  visionAnswerSchema,
  type VisionImage,
  type VisionOptions,
  type VisionOrganiser,
} from "./vision.ts";

/**
 * A fast multimodal model with structured output; GOOGLE_AI_VISION_MODEL picks another. Google's
 * replacement for the retired gemini-2.5-flash, stable with no shutdown date (checked 2026-12-04):
 * https://ai.google.dev/gemini-api/docs/models/gemini-3.5-flash-lite,
 * https://ai.google.dev/gemini-api/docs/deprecations
 */
export const DEFAULT_GEMINI_VISION_MODEL = "gemini-3.5-flash-lite";

interface GeminiPart {
  text?: string;
  thought?: boolean;
}

interface GenerateContentResponse {
  candidates?: Array<{ content?: { parts?: GeminiPart[] }; finishReason?: string }>;
  promptFeedback?: { blockReason?: string };
}

/** The albums as Gemini's OpenAPI-subset schema (upper-case types, explicit property order). */
export const albumResponseSchema = {
  type: "OBJECT",
  properties: {
    albums: {
      type: "ARRAY",
      items: {
        type: "OBJECT",
        properties: {
          title: { type: "STRING", description: "A short, evocative album title (at most 6 words)." },
          description: { type: "STRING", description: "One sentence describing the album's theme." },
          imageIds: { type: "ARRAY", items: { type: "STRING" } },
        },
        required: ["title", "description", "imageIds"],
        propertyOrdering: ["title", "description", "imageIds"],
      },
    },
  },
  required: ["albums"],
} as const;

function instructions(images: VisionImage[]): string {
  const listing = images.map((image) => `- ${image.id}: ${image.prompt.replace(/\s+/g, " ").slice(0, 300)}`);
  return [
    "Organise these images into photo albums by visual theme, subject and mood.",
    "Give each album a creative title and a one-sentence description of its theme.",
    "Put every image in exactly one album, and use only these image ids (each with the prompt it was made from):",
    ...listing,
    "Each image follows below, after a text part with its id.",
  ].join("\n");
}

export function createGeminiVisionOrganiser(options: VisionOptions): VisionOrganiser {
  const access = providerAccess("google", options.env);
  const model = options.env("GOOGLE_AI_VISION_MODEL")?.trim() || DEFAULT_GEMINI_VISION_MODEL;
  const http = new ProviderHttp({
    provider: "google",
    model,
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUTS_MS.google,
    retry: { ...DEFAULT_RETRY_POLICY, ...options.retry },
    classify: classifyGoogleFailure,
    secrets: [access.apiKey],
    sleep: options.sleep ?? realSleep,
    random: options.random ?? Math.random,
    now: options.now ?? Date.now,
  });

  return {
    provider: "google",
    model,
    async organiseIntoAlbums(images, { signal } = {}) {
      const parts: Array<Record<string, unknown>> = [{ text: instructions(images) }];
      for (const image of images) {
        parts.push({ text: `Image ${image.id}` });
        if (image.thumbnail) {
          parts.push({
            inline_data: { mime_type: image.thumbnail.mimeType, data: bytesToBase64(image.thumbnail.bytes) },
          });
        }
      }
      const body = {
        contents: [{ role: "user", parts }],
        generationConfig: { responseMimeType: "application/json", responseSchema: albumResponseSchema },
      };
      // Reading the albums is free of side effects, so a timed-out attempt may be retried.
      const answer = await http.request<GenerateContentResponse>(
        `${access.baseUrl}/v1beta/models/${encodeURIComponent(model)}:generateContent`,
        {
          method: "POST",
          headers: { "x-goog-api-key": access.apiKey, "content-type": "application/json" },
          body: JSON.stringify(body),
        },
        {
          idempotent: true,
          signal: signal ?? new AbortController().signal,
          read: (response) => response.json(),
        },
      );
      const candidate = answer.candidates?.[0];
      const text = (candidate?.content?.parts ?? [])
        .filter((part) => !part.thought && typeof part.text === "string")
        .map((part) => part.text)
        .join("");
      if (!text) {
        const reason = answer.promptFeedback?.blockReason ?? candidate?.finishReason ?? "no candidate";
        throw unusableAnswerError("google", model, `no text in the answer (${reason})`);
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw unusableAnswerError("google", model, "the answer is not valid JSON");
      }
      const parsed = visionAnswerSchema.safeParse(json);
      if (!parsed.success) {
        throw unusableAnswerError("google", model, "the answer does not follow the album schema");
      }
      const requested = new Set(images.map((image) => image.id));
      if (!parsed.data.albums.some((album) => album.imageIds.some((id) => requested.has(id)))) {
        throw unusableAnswerError("google", model, "no album holds any of the images");
      }
      return normaliseAlbums(parsed.data, images.map((image) => image.id));
    },
  };
}
