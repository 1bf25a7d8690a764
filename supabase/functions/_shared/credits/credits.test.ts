import assert from "node:assert/strict";
import { createTestUser, openTestDb } from "../../../../tests/support/db.ts";
import {
  creditBalance,
  creditOnce,
  debitOnce,
  InsufficientCreditsError,
  refundCredits,
  refundOutstanding,
  reserveCredits,
} from "./credits.ts";

const db = await openTestDb();

async function ledgerOf(referenceId: string) {
  const [row] = await db.asOwner((tx) =>
    tx.query<{ entries: string[] | null }>(
      "select array_agg(reason || ':' || amount order by created_at) as entries from public.credit_ledger where reference_id = $1",
      [referenceId],
    )
  );
  return row.entries ?? [];
}

const debit = (userId: string, referenceId: string, amount: number) => ({
  userId,
  amount,
  reason: "batch_row" as const,
  referenceId,
  description: "Batch row 1",
});

Deno.test("a reference is debited once however often it is asked, and refunded once", async () => {
  const user = await createTestUser(db);
  const referenceId = crypto.randomUUID();
  assert.deepEqual(await reserveCredits(db, debit(user.id, referenceId, 3)), { balanceAfter: 97 });
  assert.deepEqual(await reserveCredits(db, debit(user.id, referenceId, 3)), { balanceAfter: 97 });
  assert.deepEqual(await ledgerOf(referenceId), ["batch_row:-3"]);

  assert.equal(await refundCredits(db, { userId: user.id, referenceId, description: "Refund" }), 3);
  assert.equal(await refundCredits(db, { userId: user.id, referenceId, description: "Refund" }), 0);
  assert.deepEqual(await ledgerOf(referenceId), ["batch_row:-3", "refund:3"]);
  assert.equal(await db.asService((tx) => creditBalance(tx, user.id)), 100);
});

Deno.test("short of credits is a typed 402 that writes nothing, in a transaction that can go on", async () => {
  const user = await createTestUser(db);
  const referenceId = crypto.randomUUID();
  const outcome = await db.asService(async (tx) => {
    const refused = await debitOnce(tx, debit(user.id, referenceId, 101)).then(
      () => undefined,
      (error) => error,
    );
    await tx.query("select 1");
    return refused;
  });
  assert.ok(outcome instanceof InsufficientCreditsError);
  assert.equal(outcome.status, 402);
  assert.deepEqual([outcome.balance, outcome.required], [100, 101]);
  assert.deepEqual(outcome.details, { balance: 100, required: 101 });
  assert.deepEqual(await ledgerOf(referenceId), []);
});

Deno.test("concurrent debits of one user never spend the same credits twice", async () => {
  const user = await createTestUser(db);
  const results = await Promise.allSettled(
    Array.from({ length: 6 }, () => reserveCredits(db, debit(user.id, crypto.randomUUID(), 20))),
  );
  assert.equal(results.filter((result) => result.status === "fulfilled").length, 5);
  assert.equal(await db.asService((tx) => creditBalance(tx, user.id)), 0);
  assert.equal(
    await db.asService((tx) =>
      refundOutstanding(tx, { userId: user.id, referenceId: "none", description: "x" })
    ),
    0,
  );
});

Deno.test("a purchase is credited once per reference, however many deliveries arrive at once", async () => {
  const user = await createTestUser(db);
  const referenceId = `pi_unit_${crypto.randomUUID().replaceAll("-", "")}`;
  const credit = {
    userId: user.id,
    amount: 500,
    reason: "purchase" as const,
    referenceId,
    description: "Bought",
  };
  const results = await Promise.all(
    Array.from({ length: 4 }, () => db.asService((tx) => creditOnce(tx, credit))),
  );
  assert.equal(results.filter((result) => result.credited).length, 1);
  assert.deepEqual(await ledgerOf(referenceId), ["purchase:500"]);
  assert.equal(await db.asService((tx) => creditBalance(tx, user.id)), 600);
  await assert.rejects(db.asService((tx) => creditOnce(tx, { ...credit, referenceId: "other", amount: 0 })));
  await assert.rejects(
    db.asService((tx) => creditOnce(tx, { ...credit, referenceId: "other", amount: 1.5 })),
  );
  assert.deepEqual(await ledgerOf("other"), []);
});

Deno.test({
  name: "close the test database",
  sanitizeResources: false,
  fn: () => db.close(),
});
