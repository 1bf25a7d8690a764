import assert from "node:assert/strict";
import { openTestDb } from "../../../../tests/support/db.ts";
import { ApiError } from "../http/errors.ts";
import { enforceRateLimit } from "./rate-limit.ts";

const db = await openTestDb();

Deno.test("the request over the limit gets a 429 with Retry-After; others' buckets are untouched", async () => {
  const rule = { name: `test-${crypto.randomUUID()}`, limit: 5, windowSeconds: 60 };
  await Promise.all(Array.from({ length: 5 }, () => enforceRateLimit(db, rule, "alice")));
  const refused = await enforceRateLimit(db, rule, "alice").then(() => undefined, (error) => error);
  assert.ok(refused instanceof ApiError, "the sixth request is refused");
  assert.equal(refused.status, 429);
  assert.equal(refused.code, "RATE_LIMITED");
  const retryAfter = Number(refused.headers["retry-after"]);
  assert.ok(retryAfter >= 1 && retryAfter <= 60, `retry-after ${retryAfter}`);
  await enforceRateLimit(db, rule, "bob");
});

Deno.test("requests leave the window as it slides", async () => {
  const rule = { name: `test-${crypto.randomUUID()}`, limit: 2, windowSeconds: 1 };
  await enforceRateLimit(db, rule, "carol");
  await enforceRateLimit(db, rule, "carol");
  await assert.rejects(enforceRateLimit(db, rule, "carol"), ApiError);
  await new Promise((resolve) => setTimeout(resolve, 1100));
  await enforceRateLimit(db, rule, "carol");
});

Deno.test({
  name: "close the test database",
  sanitizeResources: false,
  fn: () => db.close(),
});
