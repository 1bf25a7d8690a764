// The text generator against local fakes that answer in the providers' own stream framing: OpenAI's
// Responses API (LF-delimited typed events) and Gemini's streamGenerateContent?alt=sse (CRLF).
import assert from "node:assert/strict";
import type { Env } from "./types.ts";
import { createTextGenerator } from "./text-generator.ts";
import type { TextEvent } from "./text-types.ts";

interface FakeUpstream {
  baseUrl: string;
  requests: { url: string; body: Record<string, unknown> }[];
  /** Response bodies the client went away from before they ended. */
  closedEarly: number;
  close(): Promise<void>;
}

type Answer = { status?: number; headers?: Record<string, string>; chunks: string[]; stallAfter?: boolean };

/** A provider on a local port; each request takes the next answer, sent chunk by chunk. */
function fakeUpstream(answers: Answer[]): FakeUpstream {
  const fake: FakeUpstream = {
    baseUrl: "",
    requests: [],
    closedEarly: 0,
    close: () => server.shutdown(),
  };
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (request) => {
    fake.requests.push({ url: request.url, body: await request.json() });
    const answer = answers.shift() ?? { status: 500, chunks: ['{"error":{"message":"no answer left"}}'] };
    const encoder = new TextEncoder();
    let index = 0;
    let ended = false;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (index < answer.chunks.length) {
          controller.enqueue(encoder.encode(answer.chunks[index++]));
          return;
        }
        if (answer.stallAfter) return await new Promise(() => {});
        ended = true;
        controller.close();
      },
      cancel() {
        if (!ended) fake.closedEarly++;
      },
    });
    return new Response(body, {
      status: answer.status ?? 200,
      headers: {
        "content-type": answer.status ? "application/json" : "text/event-stream",
        ...answer.headers,
      },
    });
  });
  fake.baseUrl = `http://127.0.0.1:${server.addr.port}`;
  return fake;
}

function openAiEvent(type: string, fields: Record<string, unknown>): string {
  return `event: ${type}\ndata: ${JSON.stringify({ type, ...fields })}\n\n`;
}

function geminiChunk(chunk: Record<string, unknown>): string {
  return `data: ${JSON.stringify(chunk)}\r\n\r\n`;
}

function generatorFor(upstream: FakeUpstream, options: { idleTimeoutMs?: number; sleeps?: number[] } = {}) {
  const vars: Record<string, string> = {
    OPENAI_API_KEY: "sk-test",
    OPENAI_BASE_URL: `${upstream.baseUrl}/v1`,
    GOOGLE_AI_API_KEY: "google-test",
    GOOGLE_AI_BASE_URL: upstream.baseUrl,
  };
  const env: Env = (name) => vars[name];
  return createTextGenerator({
    env,
    idleTimeoutMs: options.idleTimeoutMs ?? 2_000,
    sleep: (ms) => {
      options.sleeps?.push(ms);
      return Promise.resolve();
    },
  });
}

const task = { kind: "polish", feature: "ai-image", prompt: "a cat" } as const;
const input = (signal?: AbortSignal) => ({
  task,
  instructions: "Rewrite the prompt.",
  messages: [{ role: "user" as const, content: "a cat" }],
  signal,
});

async function collect(stream: AsyncGenerator<TextEvent>) {
  const events: TextEvent[] = [];
  try {
    for await (const event of stream) events.push(event);
    return { events };
  } catch (error) {
    return { events, error: error as Error & { status?: number; code?: string } };
  }
}

Deno.test("OpenAI Responses: typed LF-framed events become deltas, then the provider's usage", async () => {
  const upstream = fakeUpstream([{
    chunks: [
      openAiEvent("response.created", { response: { id: "resp_1", status: "in_progress" } }),
      openAiEvent("response.output_text.delta", { item_id: "msg_1", output_index: 0, delta: "A tabby " }),
      openAiEvent("response.output_text.delta", { item_id: "msg_1", output_index: 0, delta: "cat" }),
      openAiEvent("response.completed", {
        response: { id: "resp_1", status: "completed", usage: { input_tokens: 12, output_tokens: 3 } },
      }),
    ],
  }]);
  try {
    const generator = generatorFor(upstream);
    const plan = generator.plan({ model: "openai", maxOutputTokens: 200 });
    const outcome = await generator.complete(plan, input());
    assert.equal(outcome.text, "A tabby cat");
    assert.deepEqual([outcome.inputTokens, outcome.outputTokens], [12, 3]);
    const [request] = upstream.requests;
    assert.equal(new URL(request.url).pathname, "/v1/responses");
    assert.equal(request.body.stream, true);
    assert.equal(request.body.model, "gpt-5-mini");
    assert.equal(request.body.instructions, "Rewrite the prompt.");
  } finally {
    await upstream.close();
  }
});

Deno.test("Gemini streamGenerateContent: CRLF-framed chunks become deltas and usageMetadata the usage", async () => {
  const upstream = fakeUpstream([{
    chunks: [
      geminiChunk({ candidates: [{ content: { role: "model", parts: [{ text: "A sleepy " }] } }] }),
      geminiChunk({
        candidates: [{ content: { role: "model", parts: [{ text: "cat" }] }, finishReason: "STOP" }],
        usageMetadata: { promptTokenCount: 9, candidatesTokenCount: 4 },
      }),
    ],
  }]);
  try {
    const generator = generatorFor(upstream);
    const outcome = await generator.complete(
      generator.plan({ model: "gemini", maxOutputTokens: 200 }),
      input(),
    );
    assert.equal(outcome.text, "A sleepy cat");
    assert.deepEqual([outcome.inputTokens, outcome.outputTokens], [9, 4]);
    const url = new URL(upstream.requests[0].url);
    assert.equal(url.pathname, "/v1beta/models/gemini-2.5-flash:streamGenerateContent");
    assert.equal(url.searchParams.get("alt"), "sse");
  } finally {
    await upstream.close();
  }
});

Deno.test("an error event mid-stream fails the call after the text that came before it", async () => {
  const upstream = fakeUpstream([
    {
      chunks: [
        openAiEvent("response.output_text.delta", { delta: "Half an " }),
        openAiEvent("error", { code: "server_error", message: "The server had an error." }),
      ],
    },
    {
      chunks: [
        geminiChunk({ candidates: [{ content: { parts: [{ text: "Some " }] } }] }),
        geminiChunk({ error: { code: 503, message: "The model is overloaded.", status: "UNAVAILABLE" } }),
      ],
    },
  ]);
  try {
    const generator = generatorFor(upstream);
    const openAi = await collect(
      generator.stream(generator.plan({ model: "openai", maxOutputTokens: 50 }), input()),
    );
    assert.deepEqual(openAi.events, [{ type: "delta", text: "Half an " }]);
    assert.ok(openAi.error, "the stream failed");
    assert.ok((openAi.error.status ?? 0) >= 500, String(openAi.error.status));
    const gemini = await collect(
      generator.stream(generator.plan({ model: "gemini", maxOutputTokens: 50 }), input()),
    );
    assert.deepEqual(gemini.events, [{ type: "delta", text: "Some " }]);
    assert.ok(gemini.error, "the stream failed");
    assert.ok((gemini.error.status ?? 0) >= 500, String(gemini.error.status));
  } finally {
    await upstream.close();
  }
});

Deno.test("a 429 with Retry-After is waited out, then the stream is read", async () => {
  const upstream = fakeUpstream([
    {
      status: 429,
      headers: { "retry-after": "2" },
      chunks: [
        JSON.stringify({ error: { code: "rate_limit_exceeded", message: "Slow down.", type: "requests" } }),
      ],
    },
    {
      chunks: [
        openAiEvent("response.output_text.delta", { delta: "ok" }),
        openAiEvent("response.completed", {}),
      ],
    },
  ]);
  try {
    const sleeps: number[] = [];
    const generator = generatorFor(upstream, { sleeps });
    const outcome = await generator.complete(
      generator.plan({ model: "openai", maxOutputTokens: 50 }),
      input(),
    );
    assert.equal(outcome.text, "ok");
    assert.equal(upstream.requests.length, 2);
    assert.ok(
      sleeps.length === 1 && sleeps[0] >= 2_000,
      `waited at least Retry-After: waited ${sleeps.join(", ")} ms`,
    );
  } finally {
    await upstream.close();
  }
});

Deno.test("a stalled stream times out and its connection is closed", async () => {
  const upstream = fakeUpstream([{
    chunks: [openAiEvent("response.output_text.delta", { delta: "Then" })],
    stallAfter: true,
  }]);
  try {
    const generator = generatorFor(upstream, { idleTimeoutMs: 150 });
    const result = await collect(
      generator.stream(generator.plan({ model: "openai", maxOutputTokens: 50 }), input()),
    );
    assert.deepEqual(result.events, [{ type: "delta", text: "Then" }]);
    assert.ok(result.error, "the stall is an error");
    assert.equal(result.error.status, 504);
    await waitFor(() => upstream.closedEarly === 1);
  } finally {
    await upstream.close();
  }
});

Deno.test("stopping a stream closes the provider's connection at once", async () => {
  const deltas = Array.from(
    { length: 200 },
    (_, index) => openAiEvent("response.output_text.delta", { delta: `w${index} ` }),
  );
  const upstream = fakeUpstream([{ chunks: deltas }]);
  try {
    const generator = generatorFor(upstream);
    const controller = new AbortController();
    const seen: TextEvent[] = [];
    const result = await (async () => {
      try {
        for await (
          const event of generator.stream(
            generator.plan({ model: "openai", maxOutputTokens: 500 }),
            input(controller.signal),
          )
        ) {
          seen.push(event);
          if (seen.length === 3) controller.abort(new DOMException("stopped", "AbortError"));
        }
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    assert.ok(result instanceof Error, "the stopped stream ends with the abort");
    assert.equal(seen.length, 3);
    await waitFor(() => upstream.closedEarly === 1);
  } finally {
    await upstream.close();
  }
});

async function waitFor(condition: () => boolean, timeoutMs = 2_000) {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) assert.fail("the condition did not come true in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
