import assert from "node:assert/strict";
import { z } from "zod";
import { ApiError } from "./errors.ts";
import { readJson } from "./body.ts";

const schema = z.strictObject({ name: z.string().min(1), count: z.number().int().optional() });

function post(body: BodyInit, headers: Record<string, string> = {}) {
  return new Request("http://localhost/fn", { method: "POST", body, headers });
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

Deno.test("readJson returns the validated value", async () => {
  assert.deepEqual(await readJson(post(JSON.stringify({ name: "Ada", count: 2 })), schema), {
    name: "Ada",
    count: 2,
  });
});

Deno.test("readJson turns malformed JSON into a 400 INVALID_JSON", async () => {
  const error = await failure(readJson(post("{ not json"), schema));
  assert.deepEqual([error.status, error.code], [400, "INVALID_JSON"]);
});

Deno.test("readJson names the field that failed validation", async () => {
  const error = await failure(readJson(post(JSON.stringify({ name: 42 })), schema));
  assert.deepEqual([error.status, error.code], [400, "VALIDATION_ERROR"]);
  assert.deepEqual((error.details.issues as { path: string }[])[0].path, "name");
});

Deno.test("readJson refuses unknown fields of a strict schema", async () => {
  const error = await failure(readJson(post(JSON.stringify({ name: "Ada", admin: true })), schema));
  assert.deepEqual(error.status, 400);
});

Deno.test("readJson refuses a declared oversized body before reading it", async () => {
  const error = await failure(readJson(post("{}", { "content-length": "5000" }), schema, 100));
  assert.deepEqual([error.status, error.code], [413, "PAYLOAD_TOO_LARGE"]);
});

Deno.test("readJson stops reading a streamed body once it passes the limit", async () => {
  let chunksPulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      chunksPulled++;
      controller.enqueue(new Uint8Array(64).fill(32));
    },
  });
  const request = new Request(
    "http://localhost/fn",
    { method: "POST", body: stream, duplex: "half" } as RequestInit,
  );
  const error = await failure(readJson(request, schema, 1000));
  assert.deepEqual(error.status, 413);
  assert.deepEqual(chunksPulled < 40, true, `pulled ${chunksPulled} chunks`);
});

Deno.test("readJson rejects an empty body as invalid JSON", async () => {
  await assert.rejects(() => readJson(post(""), schema), ApiError);
});
