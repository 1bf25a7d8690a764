import assert from "node:assert/strict";
import { openTestDb } from "../../../../tests/support/db.ts";
import { createPostgresLimiter } from "./postgres-limiter.ts";

const db = await openTestDb();
const uniqueKey = () => `test-${crypto.randomUUID().slice(0, 8)}`;

Deno.test("limiters in several workers never exceed the cap between them, and every call gets through", async () => {
  const key = uniqueKey();
  const limiters = Array.from(
    { length: 3 },
    () => createPostgresLimiter({ db, limits: { [key]: 3 }, pollIntervalMs: 10 }),
  );
  let inFlight = 0;
  let peak = 0;
  let done = 0;
  await Promise.all(Array.from({ length: 30 }, async (_, call) => {
    const release = await limiters[call % limiters.length].acquire(key);
    peak = Math.max(peak, ++inFlight);
    await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 10));
    inFlight--;
    done++;
    release();
  }));
  assert.equal(done, 30);
  assert.equal(peak, 3);
});

Deno.test("a slot held by a worker that died is taken again once its lease expires", async () => {
  const key = uniqueKey();
  // A worker took the only slot and was killed: its lease runs out in a second, never renewed.
  await db.asService((tx) =>
    tx.query(
      `insert into private.provider_slots (provider, slot, lease_owner, lease_expires_at)
       values ($1, 0, 'killed-worker', now() + interval '1 second')`,
      [key],
    )
  );
  const alive = createPostgresLimiter({ db, limits: { [key]: 1 }, pollIntervalMs: 50 });
  const started = Date.now();
  const release = await alive.acquire(key);
  const waited = Date.now() - started;
  assert.ok(waited >= 700 && waited < 5000, `waited ${waited} ms for the lease to expire`);
  release();
  const [row] = await db.asService((tx) =>
    tx.query<{ lease_owner: string | null }>(
      "select lease_owner from private.provider_slots where provider = $1",
      [key],
    )
  );
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.notEqual(row.lease_owner, "killed-worker");
});
