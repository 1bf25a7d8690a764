/**
 * OpenAI's Responses API, streamed: `POST /v1/responses` with `stream: true` answers
 * text/event-stream whose events are typed (`response.output_text.delta` carries text,
 * `response.completed` or `response.incomplete` the usage, `error` and `response.failed` a failure,
 * possibly after text was sent).
 */
import { isRecord } from "./adapter.ts";
import { classifyOpenAiFailure } from "./openai-images.ts";
import { providerTimeoutError } from "./provider-errors.ts";
import { readProviderEvents } from "./server-sent-events.ts";
import type { TextAdapter } from "./text-types.ts";

function usageOf(response: unknown) {
  const usage = isRecord(response) && isRecord(response.usage) ? response.usage : undefined;
  if (!usage) return undefined;
  return { inputTokens: Number(usage.input_tokens) || 0, outputTokens: Number(usage.output_tokens) || 0 };
}

/** `error` events and failed responses carry { code, message }; an OpenAI status is implied by the code. */
function streamFailureStatus(code: string | undefined): number {
  if (code === "rate_limit_exceeded") return 429;
  if (code === "server_error" || code === undefined) return 500;
  return 400;
}

export const streamWithOpenAi: TextAdapter = async function* (request, context) {
  const { model, signal } = request;
  const { access, http } = context;
  const response = await http.request(`${access.baseUrl}/responses`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${access.apiKey}`,
      "content-type": "application/json",
      accept: "text/event-stream",
    },
    body: JSON.stringify({
      model: model.providerModel,
      instructions: request.instructions,
      input: request.messages.map((message) => ({ role: message.role, content: message.content })),
      max_output_tokens: request.maxOutputTokens,
      stream: true,
      store: false,
    }),
  }, { idempotent: false, signal, read: (answer) => Promise.resolve(answer) });
  if (!response.body) throw http.badResponse("an empty stream");
  const events = readProviderEvents(response.body, {
    idleTimeoutMs: context.idleTimeoutMs,
    signal,
    onIdle: () => providerTimeoutError(model.provider, model.id, context.idleTimeoutMs),
  });
  for await (const message of events) {
    if (message.data === "[DONE]") return;
    let event: unknown;
    try {
      event = JSON.parse(message.data);
    } catch {
      throw http.badResponse("a stream event that is not JSON");
    }
    if (!isRecord(event)) continue;
    const type = typeof event.type === "string" ? event.type : message.event;
    if (type === "response.output_text.delta" && typeof event.delta === "string") {
      yield { type: "delta", text: event.delta };
    } else if (type === "response.completed" || type === "response.incomplete") {
      const usage = usageOf(event.response);
      if (usage) yield { type: "usage", ...usage };
      return;
    } else if (type === "error" || type === "response.failed") {
      const error = type === "error"
        ? event
        : isRecord(event.response) && isRecord(event.response.error)
        ? event.response.error
        : {};
      const code = typeof error.code === "string" ? error.code : undefined;
      const messageText = typeof error.message === "string" ? error.message : undefined;
      throw http.fail(
        classifyOpenAiFailure(streamFailureStatus(code), { error: { code, message: messageText } }),
      );
    }
  }
  throw http.badResponse("the stream ended before the response completed");
};
