import assert from "node:assert/strict";
import { failureFromStatus } from "./provider-errors.ts";
import {
  DEFAULT_RETRY_POLICY,
  parseRetryAfter,
  ProviderHttp,
  type ProviderHttpOptions,
  sleep,
} from "./provider-http.ts";
import { type FakeServer, rejection, startFakeServer } from "./test-support.ts";

function client(options: Partial<ProviderHttpOptions> = {}) {
  const sleeps: number[] = [];
  const http = new ProviderHttp({
    provider: "openai",
    model: "gpt-image-2",
    fetch: (input, init) => fetch(input, init),
    timeoutMs: 300,
    retry: DEFAULT_RETRY_POLICY,
    classify: (status) => failureFromStatus(status),
    secrets: [],
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    random: () => 0.5,
    now: Date.now,
    ...options,
  });
  return { http, sleeps };
}

function post(
  http: ProviderHttp,
  server: FakeServer,
  idempotent = false,
  signal = new AbortController().signal,
) {
  return http.request(`${server.origin}/thing`, { method: "POST", body: "{}" }, {
    idempotent,
    signal,
    read: (response) => response.json(),
  });
}

async function withServer(
  handler: Parameters<typeof startFakeServer>[0],
  run: (server: FakeServer) => Promise<void>,
): Promise<void> {
  const server = startFakeServer(handler);
  try {
    await run(server);
  } finally {
    await server.close();
  }
}

Deno.test("Retry-After is read as delta-seconds or as an HTTP date", () => {
  const now = Date.parse("2026-11-15T12:00:00Z");
  assert.equal(parseRetryAfter("3", now), 3000);
  assert.equal(parseRetryAfter(" 0 ", now), 0);
  assert.equal(parseRetryAfter("Sun, 15 Nov 2026 12:00:07 GMT", now), 7000);
  assert.equal(parseRetryAfter("Sun, 15 Nov 2026 11:00:00 GMT", now), 0, "a past date means now");
  assert.equal(parseRetryAfter("soon", now), undefined);
  assert.equal(parseRetryAfter(null, now), undefined);
});

Deno.test("503 is retried with growing, jittered backoff until it succeeds", async () => {
  await withServer(
    (_, { index }) => index < 2 ? new Response("busy", { status: 503 }) : Response.json({ ok: 1 }),
    async (server) => {
      const { http, sleeps } = client();
      assert.deepEqual(await post(http, server), { ok: 1 });
      assert.equal(server.requests.length, 3);
      // Equal jitter with random() = 0.5: three quarters of each exponential step (500, 1000 ms).
      assert.deepEqual(sleeps, [375, 750]);
    },
  );
});

Deno.test("a Retry-After given as an HTTP date is honoured", async () => {
  const now = Date.parse("2026-11-15T12:00:00Z");
  await withServer(
    (_, { index }) =>
      index === 0
        ? new Response("slow down", {
          status: 429,
          headers: { "retry-after": "Sun, 15 Nov 2026 12:00:04 GMT" },
        })
        : Response.json({ ok: 1 }),
    async (server) => {
      const { http, sleeps } = client({ now: () => now, random: () => 0 });
      await post(http, server);
      assert.deepEqual(sleeps, [4000]);
    },
  );
});

Deno.test("the wait a Retry-After asks for really passes before the retry", async () => {
  await withServer(
    (_, { index }) =>
      index === 0
        ? new Response("slow down", { status: 429, headers: { "retry-after": "1" } })
        : Response.json({ ok: 1 }),
    async (server) => {
      const { http } = client({ sleep });
      await post(http, server);
      const gap = server.requests[1].at - server.requests[0].at;
      assert.ok(gap >= 1000, `retried after ${gap.toFixed(0)} ms`);
    },
  );
});

Deno.test("a 4xx other than 429 is not retried", async () => {
  await withServer(() => new Response("nope", { status: 400 }), async (server) => {
    const { http, sleeps } = client();
    const error = await rejection(post(http, server));
    assert.deepEqual([error.status, error.code], [502, "PROVIDER_ERROR"]);
    assert.equal(server.requests.length, 1);
    assert.deepEqual(sleeps, []);
  });
});

Deno.test("a rate limit that outlasts the retries becomes our 429 with Retry-After", async () => {
  await withServer(
    () => new Response("slow down", { status: 429, headers: { "retry-after": "2" } }),
    async (server) => {
      const { http } = client();
      const error = await rejection(post(http, server));
      assert.deepEqual([error.status, error.code], [429, "RATE_LIMITED"]);
      assert.equal(error.headers["Retry-After"], "2");
      assert.equal(server.requests.length, DEFAULT_RETRY_POLICY.maxAttempts);
    },
  );
});

Deno.test("a Retry-After longer than we are willing to wait is passed on at once", async () => {
  await withServer(
    () => new Response("later", { status: 429, headers: { "retry-after": "120" } }),
    async (server) => {
      const { http, sleeps } = client();
      const error = await rejection(post(http, server));
      assert.equal(error.headers["Retry-After"], "120");
      assert.equal(server.requests.length, 1);
      assert.deepEqual(sleeps, []);
    },
  );
});

Deno.test("a call that starts paid work is not retried after a timeout: 504", async () => {
  await withServer((_, { hang }) => hang(), async (server) => {
    const { http } = client({ timeoutMs: 150 });
    const started = performance.now();
    const error = await rejection(post(http, server, false));
    assert.deepEqual([error.status, error.code], [504, "PROVIDER_TIMEOUT"]);
    assert.equal(server.requests.length, 1);
    assert.ok(performance.now() - started < 1500);
  });
});

Deno.test("an idempotent call is retried after a timeout", async () => {
  await withServer(
    (_, { index, hang }) => index === 0 ? hang() : Response.json({ ok: 1 }),
    async (server) => {
      const { http } = client({ timeoutMs: 150 });
      assert.deepEqual(await post(http, server, true), { ok: 1 });
      assert.equal(server.requests.length, 2);
    },
  );
});

Deno.test("a body that stalls after the headers still times out", async () => {
  await withServer(
    () => new Response(new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode("{")) })),
    async (server) => {
      const { http } = client({ timeoutMs: 150 });
      assert.equal((await rejection(post(http, server))).status, 504);
    },
  );
});

Deno.test("a network failure is retried and then reported as 502", async () => {
  const server = startFakeServer(() => Response.json({}));
  const origin = server.origin;
  await server.close();
  const { http, sleeps } = client();
  const error = await rejection(
    http.request(`${origin}/gone`, { method: "POST" }, {
      idempotent: false,
      signal: new AbortController().signal,
      read: (r) => r.json(),
    }),
  );
  assert.deepEqual([error.status, error.code], [502, "PROVIDER_ERROR"]);
  assert.match(error.message, /could not be reached/);
  assert.equal(sleeps.length, DEFAULT_RETRY_POLICY.maxAttempts - 1);
});

Deno.test("malformed JSON in a success is a 502, not a crash", async () => {
  await withServer(() => new Response("<html>oops</html>", { status: 200 }), async (server) => {
    const { http } = client();
    const error = await rejection(post(http, server));
    assert.deepEqual([error.status, error.code], [502, "PROVIDER_ERROR"]);
  });
});

Deno.test("the caller's abort stops the call with the caller's reason", async () => {
  await withServer((_, { hang }) => hang(), async (server) => {
    const { http } = client({ timeoutMs: 5_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("client disconnected")), 50);
    await assert.rejects(post(http, server, false, controller.signal), /client disconnected/);
  });
});
