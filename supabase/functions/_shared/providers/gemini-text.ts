/**
 * Gemini's `models/{model}:streamGenerateContent?alt=sse`: server-sent events (CRLF framed) whose
 * data are GenerateContentResponse objects, text in `candidates[0].content.parts[].text`, the usage
 * in `usageMetadata`; the stream's end is the end of the answer. A failure after the stream opened
 * arrives as an event holding `{ error: { code, message, status } }`.
 */
import { isRecord } from "./adapter.ts";
import { classifyGoogleFailure } from "./google-errors.ts";
import { providerTimeoutError } from "./provider-errors.ts";
import { readProviderEvents } from "./server-sent-events.ts";
import type { TextAdapter } from "./text-types.ts";

const BLOCKED_FINISH_REASONS = new Set(["SAFETY", "PROHIBITED_CONTENT", "BLOCKLIST", "SPII"]);

export const streamWithGemini: TextAdapter = async function* (request, context) {
  const { model, signal } = request;
  const { access, http } = context;
  const url = `${access.baseUrl}/v1beta/models/${
    encodeURIComponent(model.providerModel)
  }:streamGenerateContent?alt=sse`;
  const response = await http.request(url, {
    method: "POST",
    headers: { "x-goog-api-key": access.apiKey, "content-type": "application/json" },
    body: JSON.stringify({
      systemInstruction: { parts: [{ text: request.instructions }] },
      contents: request.messages.map((message) => ({
        role: message.role === "assistant" ? "model" : "user",
        parts: [{ text: message.content }],
      })),
      generationConfig: { maxOutputTokens: request.maxOutputTokens },
    }),
  }, { idempotent: false, signal, read: (answer) => Promise.resolve(answer) });
  if (!response.body) throw http.badResponse("an empty stream");
  let usage: { inputTokens: number; outputTokens: number } | undefined;
  const events = readProviderEvents(response.body, {
    idleTimeoutMs: context.idleTimeoutMs,
    signal,
    onIdle: () => providerTimeoutError(model.provider, model.id, context.idleTimeoutMs),
  });
  for await (const message of events) {
    let chunk: unknown;
    try {
      chunk = JSON.parse(message.data);
    } catch {
      throw http.badResponse("a stream event that is not JSON");
    }
    if (!isRecord(chunk)) continue;
    if (isRecord(chunk.error)) {
      const status = Number(chunk.error.code) || 500;
      throw http.fail(classifyGoogleFailure(status, chunk));
    }
    const feedback = isRecord(chunk.promptFeedback) ? chunk.promptFeedback : undefined;
    if (feedback && typeof feedback.blockReason === "string") {
      throw http.fail({ kind: "content-policy", status: 400, code: feedback.blockReason });
    }
    const candidate = Array.isArray(chunk.candidates) && isRecord(chunk.candidates[0])
      ? chunk.candidates[0]
      : undefined;
    const parts = candidate && isRecord(candidate.content) && Array.isArray(candidate.content.parts)
      ? candidate.content.parts
      : [];
    for (const part of parts) {
      // Thought summaries are not the answer.
      if (isRecord(part) && typeof part.text === "string" && part.thought !== true && part.text !== "") {
        yield { type: "delta", text: part.text };
      }
    }
    if (candidate && BLOCKED_FINISH_REASONS.has(String(candidate.finishReason))) {
      throw http.fail({ kind: "content-policy", status: 400, code: String(candidate.finishReason) });
    }
    if (isRecord(chunk.usageMetadata)) {
      usage = {
        inputTokens: Number(chunk.usageMetadata.promptTokenCount) || 0,
        outputTokens: Number(chunk.usageMetadata.candidatesTokenCount) || 0,
      };
    }
  }
  if (usage) yield { type: "usage", ...usage };
};
