// Credit packs end to end on the local platform (in-process, so the test can look at the database):
// POST /create-payment-intent/credits, settled only by the stripe-webhook function, in test-payment
// mode (no keys: test-confirm delivers a signed event to the webhook's code) and with Stripe keys
// against the Stripe fake, whose events are signed by the stripe library's own test-header helper.
// Runs on PGlite, or on PostgreSQL when DATABASE_URL is set.
import assert from "node:assert/strict";
import type { Platform } from "../../supabase/local/platform.ts";
import { creditPacks, findCreditPack } from "../../supabase/functions/_shared/domain/credit-packs.ts";
import { callFunction, expectError, expectJson, signUpUser, withTestPlatform } from "../support/functions.ts";
import { postWebhook, signWebhookPayload, startStripeFake, stripeKeysFor } from "../support/stripe-fake.ts";

function withPlatform(env: Record<string, string>, fn: (platform: Platform) => Promise<void>) {
  return withTestPlatform("personify-credit-packs-", { env, jobWorker: false, mediaWorker: false }, fn);
}

interface Purchase {
  id: string;
  userId: string;
  packId: string;
  credits: number;
  amountCents: number;
  currency: string;
  paymentIntentId: string | null;
  status: string;
  paidAt: Date | null;
}

function helpers(platform: Platform) {
  const signUp = () => signUpUser(platform, { emailPrefix: "credits" });

  const buy = async (token: string, body: unknown) => {
    const response = await callFunction(
      platform,
      { token },
      "create-payment-intent",
      "POST",
      "/credits",
      body,
    );
    return { status: response.status, body: await response.json() };
  };

  const confirm = async (token: string, paymentIntentId: string) => {
    const response = await callFunction(
      platform,
      { token },
      "create-payment-intent",
      "POST",
      "/test-confirm",
      {
        paymentIntentId,
      },
    );
    return { status: response.status, body: await response.json() };
  };

  const account = async (token: string, path = "", query = "") =>
    await expectJson(await callFunction(platform, { token }, "account", "GET", `${path}${query}`), 200);

  const balance = async (userId: string) =>
    Number(
      (await platform.db.asService((tx) =>
        tx.query<{ balance: number }>(
          "select coalesce(sum(amount), 0)::int8 as balance from public.credit_ledger where user_id = $1",
          [userId],
        )
      ))[0].balance,
    );

  const purchaseEntries = (userId: string) =>
    platform.db.asService((tx) =>
      tx.query<{ amount: number; referenceId: string }>(
        `select amount, reference_id as "referenceId" from public.credit_ledger
          where user_id = $1 and reason = 'purchase' order by created_at`,
        [userId],
      )
    );

  const purchases = (userId: string) =>
    platform.db.asService((tx) =>
      tx.query<Purchase>(
        `select id, user_id as "userId", pack_id as "packId", credits, amount_cents as "amountCents", currency,
                payment_intent_id as "paymentIntentId", status, paid_at as "paidAt"
           from public.credit_purchases where user_id = $1 order by created_at`,
        [userId],
      )
    );

  const purchase = async (id: string) =>
    (await platform.db.asService((tx) =>
      tx.query<Purchase>(
        `select id, user_id as "userId", pack_id as "packId", credits, amount_cents as "amountCents", currency,
                payment_intent_id as "paymentIntentId", status, paid_at as "paidAt"
           from public.credit_purchases where id = $1`,
        [id],
      )
    ))[0];

  /** What the caller can read of the table under RLS, as a PostgREST query of theirs would. */
  const visiblePurchases = (userId: string) =>
    platform.db.withClaims(
      { role: "authenticated", sub: userId },
      (tx) => tx.query<{ id: string }>("select id from public.credit_purchases"),
    );

  const deliver = async (payload: string, signature?: string) => {
    const response = await postWebhook(platform.url, payload, signature);
    return { status: response.status, body: await response.json() };
  };

  return {
    signUp,
    buy,
    confirm,
    account,
    balance,
    purchaseEntries,
    purchases,
    purchase,
    visiblePurchases,
    deliver,
  };
}

Deno.test({
  name: "credit packs in test-payment mode (no Stripe keys)",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async (t) => {
    await withPlatform({}, async (platform) => {
      const h = helpers(platform);
      const alice = await h.signUp();
      const bob = await h.signUp();
      const pack = findCreditPack("standard")!;

      await t.step(
        "buy a pack: the balance grows by exactly its credits, once, and it is listed",
        async () => {
          const [first, second] = await Promise.all([
            h.buy(alice.token, { packId: pack.id }),
            h.buy(alice.token, { packId: pack.id }),
          ]);
          assert.equal(first.status, 200, JSON.stringify(first.body));
          assert.equal(second.status, 200, JSON.stringify(second.body));
          assert.match(first.body.paymentIntentId, /^pi_localtest_[0-9a-f]{24}$/);
          assert.match(first.body.clientSecret, new RegExp(`^${first.body.paymentIntentId}_secret_`));
          assert.deepEqual({
            ...first.body,
            paymentIntentId: undefined,
            clientSecret: undefined,
            purchaseId: undefined,
          }, {
            paymentIntentId: undefined,
            clientSecret: undefined,
            purchaseId: undefined,
            amount: pack.amountCents,
            currency: "usd",
            testMode: true,
            publishableKeyRequired: false,
            packId: pack.id,
            credits: pack.credits,
          });
          assert.equal(await h.balance(alice.id), 100, "nothing is granted before payment");

          const stolen = await h.confirm(bob.token, first.body.paymentIntentId);
          assert.deepEqual([stolen.status, stolen.body.code], [404, "NOT_FOUND"]);
          assert.equal(await h.balance(alice.id), 100);
          assert.equal(await h.balance(bob.id), 100);

          const confirmed = await h.confirm(alice.token, first.body.paymentIntentId);
          assert.deepEqual([confirmed.status, confirmed.body], [200, { status: "succeeded" }]);
          assert.equal(await h.balance(alice.id), 100 + pack.credits);
          const again = await h.confirm(alice.token, first.body.paymentIntentId);
          assert.deepEqual([again.status, again.body], [200, { status: "succeeded" }]);
          assert.equal(
            second.body.paymentIntentId,
            first.body.paymentIntentId,
            "a double click opens one purchase",
          );
          assert.equal(await h.balance(alice.id), 100 + pack.credits);
          const paid = await h.purchases(alice.id);
          assert.deepEqual(paid.map((row) => row.status), ["paid"]);
          assert.deepEqual(await h.purchaseEntries(alice.id), [
            { amount: pack.credits, referenceId: first.body.paymentIntentId },
          ]);

          const overview = await h.account(alice.token);
          const entry = overview.ledger.entries.find((entry: { reason: string }) =>
            entry.reason === "purchase"
          );
          assert.deepEqual(
            { amount: entry.amount, referenceId: entry.referenceId, purchase: entry.purchase },
            {
              amount: pack.credits,
              referenceId: paid.at(-1)!.paymentIntentId,
              purchase: {
                purchaseId: paid.at(-1)!.id,
                packId: pack.id,
                credits: pack.credits,
                amountCents: pack.amountCents,
                currency: "usd",
              },
            },
          );
          const listed = overview.payments.find((payment: { id: string }) =>
            payment.id === first.body.purchaseId
          );
          assert.deepEqual({ ...listed, createdAt: undefined, paidAt: undefined }, {
            kind: "credits",
            id: first.body.purchaseId,
            amount: pack.amountCents,
            currency: "usd",
            status: "paid",
            createdAt: undefined,
            paidAt: undefined,
            paymentIntentId: first.body.paymentIntentId,
            packId: pack.id,
            credits: pack.credits,
          });
          assert.ok(!Number.isNaN(Date.parse(listed.paidAt)));
        },
      );

      await t.step("a later purchase of the same pack is a new intent, paid once more", async () => {
        const before = await h.balance(alice.id);
        const { body } = await h.buy(alice.token, { packId: "starter" });
        const { body: reused } = await h.buy(alice.token, { packId: "starter" });
        assert.equal(reused.paymentIntentId, body.paymentIntentId, "a pending purchase is handed out again");
        await h.confirm(alice.token, body.paymentIntentId);
        const { body: next } = await h.buy(alice.token, { packId: "starter" });
        assert.notEqual(next.paymentIntentId, body.paymentIntentId);
        await h.confirm(alice.token, next.paymentIntentId);
        assert.equal(await h.balance(alice.id), before + 2 * findCreditPack("starter")!.credits);
      });

      await t.step("another user can neither see nor settle your purchase", async () => {
        const { body } = await h.buy(alice.token, { packId: "pro" });
        assert.deepEqual((await h.confirm(bob.token, body.paymentIntentId)).status, 404);
        assert.equal((await h.purchase(body.purchaseId)).status, "pending");
        assert.deepEqual(await h.visiblePurchases(bob.id), []);
        assert.ok((await h.visiblePurchases(alice.id)).some((row) => row.id === body.purchaseId));
        const bobs = await h.account(bob.token);
        assert.deepEqual(bobs.payments, []);
        assert.deepEqual(bobs.credits, { balance: 100 });
      });

      await t.step("an unknown pack, or bad input, is a 400 that writes nothing", async () => {
        const before = { purchases: (await h.purchases(bob.id)).length, balance: await h.balance(bob.id) };
        for (
          const body of [
            { packId: "platinum" },
            { packId: "" },
            { packId: "starter\u0000" },
            { packId: 5 },
            {},
            { packId: "starter", credits: 1_000_000 },
            { packId: "starter", amount: 1 },
          ]
        ) {
          const response = await callFunction(
            platform,
            bob,
            "create-payment-intent",
            "POST",
            "/credits",
            body,
          );
          await expectError(response, 400, "VALIDATION_ERROR");
        }
        assert.deepEqual(
          { purchases: (await h.purchases(bob.id)).length, balance: await h.balance(bob.id) },
          before,
        );
        const anonymous = await callFunction(
          platform,
          undefined,
          "create-payment-intent",
          "POST",
          "/credits",
          {
            packId: "starter",
          },
        );
        await expectError(anonymous, 401, "UNAUTHORIZED");
      });

      await t.step(
        "a batch's row debits are one line on the account, listed on their own by batch",
        async () => {
          const carol = await h.signUp();
          const [batch] = await platform.db.asService((tx) =>
            tx.query<{ id: string }>(
              `insert into public.batch_jobs (user_id, name, prompt, model, total_rows)
             values ($1, 'Leads', 'Hi [FIRSTNAME]', 'local', 3) returning id`,
              [carol.id],
            )
          );
          const rowIds = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
          await platform.db.asService(async (tx) => {
            for (const [index, rowId] of rowIds.entries()) {
              await tx.query(
                `insert into public.credit_ledger (user_id, amount, reason, reference_id, description, metadata)
               values ($1, -2, 'batch_row', $2, $3, $4::text::jsonb)`,
                [
                  carol.id,
                  rowId,
                  `Batch row ${index + 1}`,
                  JSON.stringify({ batchId: batch.id, rowNumber: index + 1 }),
                ],
              );
            }
            await tx.query(
              `insert into public.credit_ledger (user_id, amount, reason, reference_id, description)
             values ($1, 2, 'refund', $2, 'Refund: batch row failed')`,
              [carol.id, rowIds[1]],
            );
            await tx.query(
              `insert into public.credit_ledger (user_id, amount, reason, reference_id, description)
             values ($1, -1, 'generation', $2, 'Image')`,
              [carol.id, crypto.randomUUID()],
            );
          });
          const overview = await h.account(carol.token);
          assert.deepEqual(overview.credits, { balance: 100 - 6 + 2 - 1 });
          assert.deepEqual(
            overview.ledger.entries.map((entry: { reason: string }) => entry.reason).sort(),
            ["batch_row", "generation", "signup_bonus"],
          );
          const line = overview.ledger.entries.find((entry: { reason: string }) =>
            entry.reason === "batch_row"
          );
          assert.deepEqual([line.amount, line.batch], [-4, {
            id: batch.id,
            name: "Leads",
            rowCount: 3,
            debited: 6,
            refunded: 2,
          }]);

          const firstPage = await h.account(carol.token, "/ledger", `?batch=${batch.id}&limit=3`);
          assert.deepEqual(firstPage.batch, { id: batch.id, name: "Leads" });
          assert.equal(firstPage.entries.length, 3);
          assert.ok(firstPage.nextCursor);
          const secondPage = await h.account(
            carol.token,
            "/ledger",
            `?batch=${batch.id}&limit=3&cursor=${firstPage.nextCursor}`,
          );
          assert.equal(secondPage.nextCursor, null);
          const entries = [...firstPage.entries, ...secondPage.entries];
          assert.deepEqual(
            entries.map((entry: { reason: string; amount: number }) => `${entry.reason}:${entry.amount}`)
              .sort(),
            ["batch_row:-2", "batch_row:-2", "batch_row:-2", "refund:2"],
          );
          assert.deepEqual(
            entries.filter((entry: { rowNumber?: number }) => entry.rowNumber).map((
              entry: { rowNumber: number },
            ) => entry.rowNumber).sort(),
            [1, 2, 3],
          );

          const others = await callFunction(platform, bob, "account", "GET", `/ledger?batch=${batch.id}`);
          await expectError(others, 404, "NOT_FOUND");
          const invalid = await callFunction(platform, carol, "account", "GET", "/ledger?batch=nope");
          await expectError(invalid, 400, "VALIDATION_ERROR");
        },
      );
    });
  },
});

Deno.test({
  name: "credit packs with Stripe keys (against the Stripe fake)",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async (t) => {
    const fake = startStripeFake();
    const { webhookSecret, env } = stripeKeysFor(fake);
    try {
      await withPlatform(env, async (platform) => {
        const h = helpers(platform);
        const alice = await h.signUp();
        const bob = await h.signUp();
        type FakeIntent = ReturnType<typeof fake.succeed>;
        const signedEvent = async (type: string, intent: FakeIntent, secret = webhookSecret) => {
          const payload = JSON.stringify(fake.event(type, intent), null, 2);
          return { payload, signature: await signWebhookPayload(payload, secret) };
        };
        const send = async (event: { payload: string; signature: string }) =>
          await h.deliver(event.payload, event.signature);
        const stripeEvents = (paymentIntentId: string) =>
          platform.db.asService((tx) =>
            tx.query<{ outcome: string; detail: string | null; purchaseId: string | null }>(
              `select outcome, detail, credit_purchase_id as "purchaseId" from private.stripe_events
                where payment_intent_id = $1 order by received_at`,
              [paymentIntentId],
            )
          );

        await t.step(
          "create: a Stripe intent priced from the pack, naming the purchase in its metadata",
          async () => {
            const pack = findCreditPack("pro")!;
            const { status, body } = await h.buy(alice.token, { packId: pack.id });
            assert.equal(status, 200, JSON.stringify(body));
            const intent = fake.intent(body.paymentIntentId)!;
            assert.deepEqual(body, {
              paymentIntentId: intent.id,
              clientSecret: intent.client_secret,
              amount: pack.amountCents,
              currency: "usd",
              testMode: false,
              publishableKeyRequired: true,
              purchaseId: body.purchaseId,
              packId: pack.id,
              credits: pack.credits,
            });
            assert.deepEqual(intent.metadata, {
              purpose: "credits",
              purchaseId: body.purchaseId,
              userId: alice.id,
              packId: pack.id,
            });
            assert.equal([intent.amount, intent.currency].join(" "), `${pack.amountCents} usd`);
            const request = fake.requests.find((entry) =>
              entry.method === "POST" && entry.path === "/v1/payment_intents" &&
              (entry.form.metadata as Record<string, string> | undefined)?.purchaseId === body.purchaseId
            )!;
            assert.equal(request.idempotencyKey, `credit-purchase:${body.purchaseId}`);
            assert.deepEqual(
              { ...(await h.purchase(body.purchaseId)), paidAt: undefined },
              {
                id: body.purchaseId,
                userId: alice.id,
                packId: pack.id,
                credits: pack.credits,
                amountCents: pack.amountCents,
                currency: "usd",
                paymentIntentId: intent.id,
                status: "pending",
                paidAt: undefined,
              },
            );
            const repeat = await h.buy(alice.token, { packId: pack.id });
            assert.equal(
              repeat.body.paymentIntentId,
              body.paymentIntentId,
              "the pending intent is handed out again",
            );
            assert.equal(repeat.body.clientSecret, body.clientSecret);
          },
        );

        await t.step("replayed: the same event twice credits once", async () => {
          const pack = findCreditPack("standard")!;
          const before = await h.balance(alice.id);
          const { body } = await h.buy(alice.token, { packId: pack.id });
          const event = await signedEvent("payment_intent.succeeded", fake.succeed(body.paymentIntentId));
          const first = await send(event);
          assert.deepEqual([first.status, first.body], [200, { received: true, outcome: "settled" }]);
          const again = await send(event);
          assert.deepEqual([again.status, again.body], [200, { received: true, duplicate: true }]);
          assert.equal(await h.balance(alice.id), before + pack.credits);
          const paid = await h.purchase(body.purchaseId);
          assert.equal(paid.status, "paid");
          assert.ok(paid.paidAt instanceof Date);
          assert.deepEqual(
            (await h.purchaseEntries(alice.id)).filter((entry) => entry.referenceId === body.paymentIntentId),
            [{ amount: pack.credits, referenceId: body.paymentIntentId }],
          );
          assert.deepEqual(await stripeEvents(body.paymentIntentId), [
            { outcome: "settled", detail: null, purchaseId: body.purchaseId },
          ]);
          const next = await h.buy(alice.token, { packId: pack.id });
          assert.notEqual(
            next.body.paymentIntentId,
            body.paymentIntentId,
            "a paid purchase is not handed out again",
          );
        });

        await t.step("duplicated: two events for one intent, delivered at once, credit once", async () => {
          const pack = findCreditPack("starter")!;
          const before = await h.balance(alice.id);
          const { body } = await h.buy(alice.token, { packId: pack.id });
          const intent = fake.succeed(body.paymentIntentId);
          const one = await signedEvent("payment_intent.succeeded", intent);
          const two = await signedEvent("payment_intent.succeeded", intent);
          const responses = await Promise.all([send(one), send(two), send(one), send(two)]);
          assert.ok(responses.every((response) => response.status === 200), JSON.stringify(responses));
          const outcomes = responses.map((response) =>
            response.body.duplicate ? "duplicate" : `${response.body.outcome}:${response.body.detail ?? ""}`
          ).sort();
          assert.deepEqual(outcomes, ["duplicate", "duplicate", "ignored:already_paid", "settled:"]);
          assert.equal(await h.balance(alice.id), before + pack.credits);
          assert.equal(
            (await h.purchaseEntries(alice.id)).filter((entry) => entry.referenceId === body.paymentIntentId)
              .length,
            1,
          );
        });

        await t.step(
          "tampered: a bad signature, or a signed event that does not match, credits nothing",
          async () => {
            const pack = findCreditPack("pro")!;
            const before = await h.balance(alice.id);
            // A fresh pending purchase (the first step's is handed out again, so buy a pack nobody holds).
            const { body } = await h.buy(alice.token, { packId: "studio" });
            const intent = fake.succeed(body.paymentIntentId);
            const event = await signedEvent("payment_intent.succeeded", intent);
            const studio = findCreditPack("studio")!;
            const altered = [
              event.payload.replace(`"amount": ${studio.amountCents}`, `"amount": 50`),
              event.payload.replace(`"packId": "studio"`, `"packId": "${pack.id}"`),
              event.payload.replace(`"currency": "usd"`, `"currency": "eur"`),
            ];
            for (const payload of altered) assert.notEqual(payload, event.payload);
            const wrongSecret = await signedEvent("payment_intent.succeeded", intent, "whsec_not_ours");
            for (
              const [what, payload, signature] of [
                ["altered amount", altered[0], event.signature],
                ["altered metadata", altered[1], event.signature],
                ["altered currency", altered[2], event.signature],
                ["wrong secret", wrongSecret.payload, wrongSecret.signature],
                ["no signature", event.payload, undefined],
                ["garbage signature", event.payload, "t=1,v1=deadbeef"],
              ] as const
            ) {
              const response = await h.deliver(payload, signature);
              assert.deepEqual([response.status, response.body.code], [400, "INVALID_SIGNATURE"], what);
            }

            // Signed with the right secret, but not what was quoted: a Stripe account mix-up, or a
            // replay of another intent's event under this purchase's name.
            const mismatches: [string, Partial<FakeIntent>, string][] = [
              ["underpaid", { amount: 50 }, "amount_mismatch"],
              ["wrong currency", { currency: "eur" }, "amount_mismatch"],
              ["another pack", { metadata: { ...intent.metadata, packId: "starter" } }, "pack_mismatch"],
              ["another owner", { metadata: { ...intent.metadata, userId: bob.id } }, "owner_mismatch"],
              ["another intent", { id: `pi_${crypto.randomUUID().replaceAll("-", "")}` }, "intent_mismatch"],
              ["not succeeded", { status: "processing" }, "intent_not_succeeded"],
              [
                "no purchase",
                { metadata: { purpose: "credits", userId: alice.id } },
                "no_purchase_in_metadata",
              ],
              [
                "unknown purchase",
                { metadata: { ...intent.metadata, purchaseId: crypto.randomUUID() } },
                "unknown_purchase",
              ],
            ];
            for (const [what, change, detail] of mismatches) {
              const response = await send(
                await signedEvent("payment_intent.succeeded", { ...intent, ...change }),
              );
              assert.deepEqual(response.body, { received: true, outcome: "ignored", detail }, what);
            }
            assert.equal(await h.balance(alice.id), before);
            assert.equal(await h.balance(bob.id), 100);
            assert.deepEqual(
              [(await h.purchase(body.purchaseId)).status, (await h.purchase(body.purchaseId)).paidAt],
              ["pending", null],
            );
            assert.equal(
              (await h.purchaseEntries(alice.id)).filter((entry) =>
                entry.referenceId === body.paymentIntentId
              ).length,
              0,
            );

            // The genuine event still settles it afterwards, once.
            assert.equal((await send(event)).body.outcome, "settled");
            assert.equal(await h.balance(alice.id), before + studio.credits);
          },
        );

        await t.step("another user's payment cannot settle your purchase", async () => {
          const before = await h.balance(alice.id);
          const { body: alices } = await h.buy(alice.token, { packId: "standard" });
          const { body: bobs } = await h.buy(bob.token, { packId: "starter" });
          const bobPaid = fake.succeed(bobs.paymentIntentId);
          // Bob's real (cheaper) payment, its metadata pointing at Alice's purchase.
          const asAlice = await signedEvent("payment_intent.succeeded", {
            ...bobPaid,
            metadata: { ...bobPaid.metadata, purchaseId: alices.purchaseId, packId: "standard" },
          });
          assert.equal((await send(asAlice)).body.detail, "owner_mismatch");
          const claimingAlice = await signedEvent("payment_intent.succeeded", {
            ...bobPaid,
            metadata: {
              purpose: "credits",
              purchaseId: alices.purchaseId,
              userId: alice.id,
              packId: "standard",
            },
          });
          assert.equal((await send(claimingAlice)).body.detail, "intent_mismatch");
          assert.equal(await h.balance(alice.id), before);
          assert.equal((await h.purchase(alices.purchaseId)).status, "pending");
          assert.deepEqual(await h.visiblePurchases(bob.id), [{ id: bobs.purchaseId }]);
          const bobsAccount = await h.account(bob.token);
          assert.deepEqual(
            bobsAccount.payments.map((payment: { id: string }) => payment.id),
            [bobs.purchaseId],
          );
        });

        await t.step("the database refuses a second purchase entry for one intent", async () => {
          const [entry] = await h.purchaseEntries(alice.id);
          const refused = await platform.db.asService((tx) =>
            tx.query(
              "insert into public.credit_ledger (user_id, amount, reason, reference_id) values ($1, 5, 'purchase', $2)",
              [alice.id, entry.referenceId],
            )
          ).then(() => undefined, (error: Error) => error);
          assert.match(String(refused?.message), /duplicate key|unique/i);
        });

        await t.step(
          "a failed payment marks the purchase failed; a later success still credits once",
          async () => {
            const pack = findCreditPack("starter")!;
            const { body } = await h.buy(bob.token, { packId: pack.id });
            const before = await h.balance(bob.id);
            const declined = await send(
              await signedEvent("payment_intent.payment_failed", fake.decline(body.paymentIntentId)),
            );
            assert.deepEqual(declined.body, { received: true, outcome: "marked_failed" });
            assert.equal((await h.purchase(body.purchaseId)).status, "failed");
            assert.equal(await h.balance(bob.id), before);
            const succeeded = await send(
              await signedEvent("payment_intent.succeeded", fake.succeed(body.paymentIntentId)),
            );
            assert.equal(succeeded.body.outcome, "settled");
            assert.equal((await h.purchase(body.purchaseId)).status, "paid");
            assert.equal(await h.balance(bob.id), before + pack.credits);
            const lateFailure = await send(
              await signedEvent("payment_intent.payment_failed", fake.intent(body.paymentIntentId)!),
            );
            assert.equal(lateFailure.body.detail, "already_paid");
            assert.equal((await h.purchase(body.purchaseId)).status, "paid");
          },
        );

        await t.step("a canceled intent marks the purchase canceled, and nothing can settle it", async () => {
          const { body } = await h.buy(bob.token, { packId: "pro" });
          const before = await h.balance(bob.id);
          const canceled = { ...fake.intent(body.paymentIntentId)!, status: "canceled" as const };
          assert.equal(
            (await send(await signedEvent("payment_intent.canceled", canceled))).body.outcome,
            "marked_failed",
          );
          assert.equal((await h.purchase(body.purchaseId)).status, "canceled");
          const late = await send(
            await signedEvent("payment_intent.succeeded", { ...canceled, status: "succeeded" }),
          );
          assert.equal(late.body.detail, "already_canceled");
          assert.equal(await h.balance(bob.id), before);
          const again = await h.buy(bob.token, { packId: "pro" });
          assert.notEqual(again.body.paymentIntentId, body.paymentIntentId);
        });

        await t.step("an unknown pack is a 400 that reaches neither Stripe nor the database", async () => {
          const requests = fake.requests.length;
          const rows = (await h.purchases(alice.id)).length;
          const response = await callFunction(platform, alice, "create-payment-intent", "POST", "/credits", {
            packId: "platinum",
          });
          const error = await expectError(response, 400, "VALIDATION_ERROR");
          assert.match(error.error, /packId/);
          assert.equal(fake.requests.length, requests);
          assert.equal((await h.purchases(alice.id)).length, rows);
        });

        await t.step(
          "Stripe failing is a 502, and the purchase it left is failed, never pending",
          async () => {
            fake.failNext("/v1/payment_intents", 3);
            const response = await callFunction(
              platform,
              alice,
              "create-payment-intent",
              "POST",
              "/credits",
              {
                packId: creditPacks[0].id,
              },
            );
            await expectError(response, 502, "PROVIDER_ERROR");
            const last = (await h.purchases(alice.id)).at(-1)!;
            assert.deepEqual([last.status, last.paymentIntentId], ["failed", null]);
          },
        );
      });
    } finally {
      await fake.close();
    }
  },
});
