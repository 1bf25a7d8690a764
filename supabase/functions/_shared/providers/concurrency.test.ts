import assert from "node:assert/strict";
import { createInProcessLimiter, Semaphore } from "./concurrency.ts";
import { startFakeServer, testGenerator, testPngBase64 } from "./test-support.ts";

Deno.test("a semaphore lets at most its limit through and queues the rest in order", async () => {
  const semaphore = new Semaphore(2);
  const order: number[] = [];
  let inFlight = 0;
  let peak = 0;
  await Promise.all([0, 1, 2, 3, 4].map(async (n) => {
    const release = await semaphore.acquire();
    order.push(n);
    peak = Math.max(peak, ++inFlight);
    await new Promise((resolve) => setTimeout(resolve, 5));
    inFlight--;
    release();
  }));
  assert.equal(peak, 2);
  assert.deepEqual(order, [0, 1, 2, 3, 4]);
  assert.equal(semaphore.inFlight, 0);
});

Deno.test("a waiter whose signal aborts leaves the queue without taking a slot", async () => {
  const semaphore = new Semaphore(1);
  const release = await semaphore.acquire();
  const controller = new AbortController();
  const waiting = semaphore.acquire(controller.signal);
  assert.equal(semaphore.waiting, 1);
  controller.abort(new Error("client went away"));
  await assert.rejects(waiting, /client went away/);
  assert.equal(semaphore.waiting, 0);
  release();
  assert.equal(semaphore.inFlight, 0);
});

Deno.test("releasing twice frees one slot only", async () => {
  const semaphore = new Semaphore(1);
  const release = await semaphore.acquire();
  release();
  release();
  assert.equal(semaphore.inFlight, 0);
  await semaphore.acquire();
  assert.equal(semaphore.inFlight, 1);
});

Deno.test("limits are kept per key", async () => {
  const limiter = createInProcessLimiter({ openai: 1, google: 1 });
  await limiter.acquire("openai");
  // A blocked acquire would reject when the timeout aborts it.
  assert.equal(typeof await limiter.acquire("google", AbortSignal.timeout(50)), "function");
  await assert.rejects(limiter.acquire("openai", AbortSignal.timeout(30)));
});

Deno.test("the generator keeps at most N calls in flight at one provider", async () => {
  const png = await testPngBase64();
  let inFlight = 0;
  let peak = 0;
  const server = startFakeServer(async () => {
    peak = Math.max(peak, ++inFlight);
    await new Promise((resolve) => setTimeout(resolve, 30));
    inFlight--;
    return Response.json({ created: 1, data: [{ b64_json: png }] });
  });
  try {
    const { generator } = testGenerator(server, {}, { concurrency: { openai: 3 } });
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, n) => generator.generate({ model: "openai", prompt: `cat ${n}` })),
    );
    assert.equal(results.length, 8);
    assert.equal(server.requests.length, 8);
    assert.equal(peak, 3);
  } finally {
    await server.close();
  }
});
