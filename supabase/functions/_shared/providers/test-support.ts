/** Test helpers: a fake provider on 127.0.0.1 that records requests, and a generator pointed at it. */
import assert from "node:assert/strict";
import { ApiError } from "../http/errors.ts";
import { encodePngRgb } from "../images/png.ts";
import { bytesToBase64 } from "./base64.ts";
import { createImageGenerator, type ImageGenerator, type ImageGeneratorOptions } from "./image-generator.ts";

/** Late 2026: after the dall-e-3 and Imagen retirements, before gpt-image-1.5's. */
export const TEST_DATE = Date.parse("2026-11-15T12:00:00Z");

export const SECRETS = {
  OPENAI_API_KEY: "sk-test-SECRET-0123456789",
  GOOGLE_AI_API_KEY: "AIzaTEST-SECRET-0123456789",
  REPLICATE_API_TOKEN: "r8_TESTSECRET0123456789",
};

export interface RecordedRequest {
  method: string;
  /** Path and query. */
  path: string;
  headers: Headers;
  json?: unknown;
  form?: FormData;
  /** performance.now() when the request arrived. */
  at: number;
}

export interface FakeContext {
  origin: string;
  /** Position of this request among all the server received. */
  index: number;
  /** A response that never comes (until the server closes): a provider that hangs. */
  hang: () => Promise<Response>;
}

export type FakeHandler = (request: RecordedRequest, context: FakeContext) => Response | Promise<Response>;

export interface FakeServer {
  origin: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export function startFakeServer(handler: FakeHandler): FakeServer {
  const requests: RecordedRequest[] = [];
  const hanging: Array<() => void> = [];
  const hang = () =>
    new Promise<Response>((resolve) => hanging.push(() => resolve(new Response(null, { status: 503 }))));
  let origin = "";
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (raw) => {
    const url = new URL(raw.url);
    const type = raw.headers.get("content-type") ?? "";
    const recorded: RecordedRequest = {
      method: raw.method,
      path: url.pathname + url.search,
      headers: raw.headers,
      at: performance.now(),
    };
    if (type.startsWith("multipart/form-data")) recorded.form = await raw.formData();
    else if (raw.body) {
      const text = await raw.text();
      recorded.json = text ? JSON.parse(text) : undefined;
    }
    requests.push(recorded);
    return await handler(recorded, { origin, index: requests.length - 1, hang });
  });
  origin = `http://127.0.0.1:${server.addr.port}`;
  return {
    origin,
    requests,
    close: () => {
      for (const release of hanging.splice(0)) release();
      return server.shutdown();
    },
  };
}

export async function testPng(width = 8, height = 6): Promise<Uint8Array> {
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0; i < rgb.length; i++) rgb[i] = (i * 37) % 256;
  return await encodePngRgb(rgb, width, height);
}

export async function testPngBase64(width = 8, height = 6): Promise<string> {
  return bytesToBase64(await testPng(width, height));
}

export interface TestGenerator {
  generator: ImageGenerator;
  /** Every backoff or poll wait the code asked for, in milliseconds. */
  sleeps: number[];
}

/**
 * A generator whose providers point at `server`, whose waits are recorded and skipped, and
 * whose clock starts on TEST_DATE.
 */
export function testGenerator(
  server: FakeServer | undefined,
  env: Record<string, string> = {},
  overrides: Partial<ImageGeneratorOptions> = {},
): TestGenerator {
  const sleeps: number[] = [];
  const started = performance.now();
  const values: Record<string, string> = {
    ...SECRETS,
    ...(server
      ? {
        OPENAI_BASE_URL: `${server.origin}/v1`,
        GOOGLE_AI_BASE_URL: server.origin,
        REPLICATE_BASE_URL: `${server.origin}/v1`,
      }
      : {}),
    ...env,
  };
  const generator = createImageGenerator({
    env: (name) => values[name],
    now: () => TEST_DATE + (performance.now() - started),
    sleep: (ms, signal) => {
      sleeps.push(ms);
      signal?.throwIfAborted();
      return Promise.resolve();
    },
    random: () => 0,
    timeoutsMs: { openai: 400, google: 400, replicate: 400, local: 400 },
    tuning: { replicatePollIntervalMs: 5, replicateMaxWaitMs: 2_000 },
    ...overrides,
  });
  return { generator, sleeps };
}

export async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  assert.fail("expected the call to fail with an ApiError");
}

/** Asserts that no secret appears anywhere in an error a client could see. */
export function assertNoSecrets(error: ApiError): void {
  const visible = JSON.stringify({ message: error.message, details: error.details, headers: error.headers });
  for (const secret of Object.values(SECRETS)) {
    assert.ok(!visible.includes(secret), `leaked ${secret}: ${visible}`);
  }
  assert.ok(!visible.includes("SECRET"), `leaked part of a key: ${visible}`);
}
