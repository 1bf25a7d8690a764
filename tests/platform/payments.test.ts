// Video payments end to end on the local platform (in-process, so the test can look at the
// database): create-payment-intent against a Stripe fake speaking Stripe's wire format, the
// stripe-webhook function fed events signed by the stripe library's own test-header helper, and the
// offline test-payment mode. Videos are inserted as the service in preview_ready, as a finished
// preview render leaves them.
import assert from "node:assert/strict";
import Stripe from "stripe";
import type { Platform } from "../../supabase/local/platform.ts";
import { callFunction, signUpUser, withTestPlatform } from "../support/functions.ts";
import { postWebhook, signWebhookPayload, startStripeFake, stripeKeysFor } from "../support/stripe-fake.ts";

function withPlatform(env: Record<string, string>, fn: (platform: Platform) => Promise<void>) {
  // No workers: the "video-render" jobs a settlement enqueues must stay queued to be counted (the
  // media worker would try to render these videos, whose source images do not exist).
  return withTestPlatform("personify-payments-", { env, jobWorker: false, mediaWorker: false }, fn);
}

function helpers(platform: Platform) {
  const signUp = () => signUpUser(platform, { emailPrefix: "pay" });

  const insertVideo = async (userId: string, resolution = "720p", status = "preview_ready") => {
    const [row] = await platform.db.asService((tx) =>
      tx.query<{ id: string }>(
        `insert into public.videos (user_id, source_path, preview_path, effect, duration_seconds, resolution, status)
         values ($1::uuid, $1::text || '/source.png', $1::text || '/preview.mp4', 'ken-burns', 3, $2, $3)
         returning id`,
        [userId, resolution, status],
      )
    );
    return row.id;
  };

  const video = async (id: string) =>
    (await platform.db.asService((tx) =>
      tx.query<{
        status: string;
        paymentStatus: string;
        paymentIntentId: string | null;
        amount: number | null;
        currency: string;
        paidAt: Date | null;
      }>(
        `select status, payment_status as "paymentStatus", payment_intent_id as "paymentIntentId",
                payment_amount_cents as amount, currency, paid_at as "paidAt"
           from public.videos where id = $1`,
        [id],
      )
    ))[0];

  const renderJobs = (videoId: string) =>
    platform.db.asService((tx) =>
      tx.query<{ payload: Record<string, unknown>; idempotencyKey: string; userId: string }>(
        `select payload, idempotency_key as "idempotencyKey", user_id as "userId" from private.jobs
          where queue = 'video-render' and payload ->> 'videoId' = $1`,
        [videoId],
      )
    );

  const stripeEvents = (paymentIntentId: string) =>
    platform.db.asService((tx) =>
      tx.query<{ id: string; outcome: string; detail: string | null; videoId: string | null }>(
        `select id, outcome, detail, video_id as "videoId" from private.stripe_events
          where payment_intent_id = $1 order by received_at`,
        [paymentIntentId],
      )
    );

  const call = (path: string, token: string | undefined, body: unknown) =>
    callFunction(
      platform,
      token === undefined ? undefined : { token },
      "create-payment-intent",
      "POST",
      path,
      body,
    );

  const createIntent = async (token: string, videoId: string) => {
    const response = await call("", token, { videoId });
    return { status: response.status, body: await response.json() };
  };

  const deliver = async (payload: string, signature?: string) => {
    const response = await postWebhook(platform.url, payload, signature);
    return { status: response.status, body: await response.json() };
  };

  return { signUp, insertVideo, video, renderJobs, stripeEvents, call, createIntent, deliver };
}

Deno.test({
  name: "payments with Stripe keys (against the Stripe fake)",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async (t) => {
    const fake = startStripeFake();
    const { webhookSecret, env } = stripeKeysFor(fake);
    try {
      await withPlatform(env, async (platform) => {
        const { signUp, insertVideo, video, renderJobs, stripeEvents, call, createIntent, deliver } = helpers(
          platform,
        );
        const alice = await signUp();
        const bob = await signUp();
        const signedEvent = async (
          type: string,
          intent: ReturnType<typeof fake.succeed>,
          secret = webhookSecret,
        ) => {
          const payload = JSON.stringify(fake.event(type, intent), null, 2);
          return { payload, signature: await signWebhookPayload(payload, secret) };
        };
        const creationsFor = (videoId: string) =>
          fake.created().filter((intent) => intent.metadata.videoId === videoId);

        await t.step(
          "create: a Stripe PaymentIntent priced from the table, with the video and user in its metadata",
          async () => {
            const videoId = await insertVideo(alice.id, "1080p");
            const { status, body } = await createIntent(alice.token, videoId);
            assert.equal(status, 200, JSON.stringify(body));
            const [intent] = creationsFor(videoId);
            assert.deepEqual(body, {
              paymentIntentId: intent.id,
              clientSecret: intent.client_secret,
              amount: 150,
              currency: "usd",
              testMode: false,
              publishableKeyRequired: true,
            });
            assert.deepEqual(intent.metadata, { videoId, userId: alice.id });
            assert.deepEqual(intent.automatic_payment_methods, { allow_redirects: "always", enabled: true });
            const request = fake.requests.find((entry) =>
              entry.method === "POST" && entry.form.metadata &&
              (entry.form.metadata as Record<string, string>).videoId === videoId
            )!;
            assert.match(request.idempotencyKey ?? "", new RegExp(`^video-payment:${videoId}:150:usd$`));
            assert.deepEqual(await video(videoId), {
              status: "preview_ready",
              paymentStatus: "pending",
              paymentIntentId: intent.id,
              amount: 150,
              currency: "usd",
              paidAt: null,
            });
          },
        );

        await t.step(
          "a double click makes one intent; a later call hands the same one out again",
          async () => {
            const videoId = await insertVideo(alice.id);
            const [first, second] = await Promise.all([
              createIntent(alice.token, videoId),
              createIntent(alice.token, videoId),
            ]);
            assert.equal(first.status, 200, JSON.stringify(first.body));
            assert.equal(second.status, 200, JSON.stringify(second.body));
            assert.equal(first.body.paymentIntentId, second.body.paymentIntentId);
            assert.equal(creationsFor(videoId).length, 1, "the fake saw one creation");
            const later = await createIntent(alice.token, videoId);
            assert.equal(later.body.paymentIntentId, first.body.paymentIntentId);
            assert.equal(
              later.body.clientSecret,
              first.body.clientSecret,
              "retrieved from Stripe, not stored",
            );
            assert.equal(creationsFor(videoId).length, 1);
            assert.ok(
              fake.requests.some((entry) =>
                entry.method === "GET" && entry.path.endsWith(first.body.paymentIntentId)
              ),
            );
          },
        );

        await t.step("another user's video is 404; bad input is 400; an unready preview is 409", async () => {
          const alicesVideo = await insertVideo(alice.id);
          const before = fake.requests.length;
          const stolen = await createIntent(bob.token, alicesVideo);
          assert.equal(stolen.status, 404);
          assert.equal(stolen.body.code, "NOT_FOUND");
          assert.equal((await createIntent(bob.token, crypto.randomUUID())).status, 404);
          const invalid = await createIntent(alice.token, "not-a-uuid");
          assert.equal(invalid.status, 400);
          assert.equal(invalid.body.code, "VALIDATION_ERROR");
          const extra = await call("", alice.token, { videoId: alicesVideo, amount: 1 });
          assert.equal(extra.status, 400);
          await extra.body?.cancel();
          const anonymous = await call("", undefined, { videoId: alicesVideo });
          assert.equal(anonymous.status, 401);
          await anonymous.body?.cancel();
          const rendering = await insertVideo(alice.id, "720p", "processing");
          const early = await createIntent(alice.token, rendering);
          assert.equal(early.status, 409);
          assert.deepEqual([early.body.code, early.body.details], ["CONFLICT", { status: "processing" }]);
          assert.equal(fake.requests.length, before, "nothing reached Stripe");
          assert.equal((await video(alicesVideo)).paymentStatus, "unpaid");
        });

        await t.step("test-confirm does not exist when real keys are set", async () => {
          const videoId = await insertVideo(alice.id);
          const { body } = await createIntent(alice.token, videoId);
          const response = await call("/test-confirm", alice.token, {
            paymentIntentId: body.paymentIntentId,
          });
          assert.equal(response.status, 404);
          assert.equal((await response.json()).code, "NOT_FOUND");
          assert.equal((await video(videoId)).paymentStatus, "pending");
        });

        await t.step(
          "a valid succeeded event settles once: paid, rendering, one full render job",
          async () => {
            const videoId = await insertVideo(alice.id);
            const { body } = await createIntent(alice.token, videoId);
            const event = await signedEvent("payment_intent.succeeded", fake.succeed(body.paymentIntentId));
            const first = await deliver(event.payload, event.signature);
            assert.equal(first.status, 200, JSON.stringify(first.body));
            assert.deepEqual(first.body, { received: true, outcome: "settled" });
            const settled = await video(videoId);
            assert.equal(settled.paymentStatus, "paid");
            assert.equal(settled.status, "rendering");
            assert.ok(settled.paidAt instanceof Date);
            const jobs = await renderJobs(videoId);
            assert.deepEqual(jobs, [{
              payload: { videoId, kind: "full" },
              idempotencyKey: `video-render:full:${videoId}`,
              userId: alice.id,
            }]);

            const again = await deliver(event.payload, event.signature);
            assert.deepEqual([again.status, again.body], [200, { received: true, duplicate: true }]);
            const redelivered = await signedEvent(
              "payment_intent.succeeded",
              fake.intent(body.paymentIntentId)!,
            );
            const another = await deliver(redelivered.payload, redelivered.signature);
            assert.deepEqual(another.body, { received: true, outcome: "ignored", detail: "already_paid" });
            assert.equal((await renderJobs(videoId)).length, 1, "still one render job");
            assert.deepEqual((await video(videoId)).paidAt, settled.paidAt);
            assert.deepEqual(
              (await stripeEvents(body.paymentIntentId)).map((row) => [row.outcome, row.detail, row.videoId]),
              [["settled", null, videoId], ["ignored", "already_paid", videoId]],
            );

            const paidAgain = await createIntent(alice.token, videoId);
            assert.deepEqual([paidAgain.status, paidAgain.body.code], [409, "CONFLICT"]);
          },
        );

        await t.step(
          "deliveries at the same moment settle once: the same event thrice, and two events of one intent",
          async () => {
            const videoId = await insertVideo(alice.id);
            const { body } = await createIntent(alice.token, videoId);
            const intent = fake.succeed(body.paymentIntentId);
            const event = await signedEvent("payment_intent.succeeded", intent);
            const other = await signedEvent("payment_intent.succeeded", intent);
            const responses = await Promise.all([
              deliver(event.payload, event.signature),
              deliver(event.payload, event.signature),
              deliver(event.payload, event.signature),
              deliver(other.payload, other.signature),
            ]);
            assert.ok(responses.every((response) => response.status === 200), JSON.stringify(responses));
            const outcomes = responses.map((response) =>
              response.body.duplicate
                ? "duplicate"
                : `${response.body.outcome}${response.body.detail ? `:${response.body.detail}` : ""}`
            ).sort();
            assert.deepEqual(outcomes, ["duplicate", "duplicate", "ignored:already_paid", "settled"]);
            assert.equal((await renderJobs(videoId)).length, 1);
            assert.equal((await stripeEvents(body.paymentIntentId)).length, 2);
          },
        );

        await t.step("a tampered body, a wrong secret or no signature: 400 and nothing changes", async () => {
          const videoId = await insertVideo(alice.id);
          const { body } = await createIntent(alice.token, videoId);
          const intent = fake.succeed(body.paymentIntentId);
          const event = await signedEvent("payment_intent.succeeded", intent);
          const tampered = event.payload.replace(`"amount": ${intent.amount}`, `"amount": 50`);
          assert.notEqual(tampered, event.payload);
          const wrongSecret = await signedEvent("payment_intent.succeeded", intent, "whsec_not_ours");
          for (
            const [what, payload, signature] of [
              ["tampered body", tampered, event.signature],
              ["wrong secret", wrongSecret.payload, wrongSecret.signature],
              ["no signature", event.payload, undefined],
              ["garbage signature", event.payload, "t=1,v1=deadbeef"],
            ] as const
          ) {
            const response = await deliver(payload, signature);
            assert.equal(response.status, 400, what);
            assert.equal(response.body.code, "INVALID_SIGNATURE", what);
            assert.equal(typeof response.body.error, "string");
            assert.deepEqual(response.body.details, {});
          }
          const untouched = await video(videoId);
          assert.deepEqual([untouched.paymentStatus, untouched.status], ["pending", "preview_ready"]);
          assert.deepEqual(await renderJobs(videoId), []);
          assert.deepEqual(await stripeEvents(body.paymentIntentId), []);
        });

        await t.step("an event for another user's payment cannot unlock your video", async () => {
          const alicesVideo = await insertVideo(alice.id);
          const alicesIntent = (await createIntent(alice.token, alicesVideo)).body.paymentIntentId;
          const bobsVideo = await insertVideo(bob.id);
          const bobsIntent = (await createIntent(bob.token, bobsVideo)).body.paymentIntentId;
          const bobPaid = fake.succeed(bobsIntent);

          // Bob's real payment, its metadata pointing at Alice's video.
          const ownerMismatch = await signedEvent("payment_intent.succeeded", {
            ...bobPaid,
            metadata: { videoId: alicesVideo, userId: bob.id },
          });
          // Bob's payment again, claiming to be Alice's: the intent is not the one on her video.
          const intentMismatch = await signedEvent("payment_intent.succeeded", {
            ...bobPaid,
            metadata: { videoId: alicesVideo, userId: alice.id },
          });
          // Alice's own intent, but for less than her video's price.
          const underpaid = await signedEvent("payment_intent.succeeded", {
            ...fake.intent(alicesIntent)!,
            status: "succeeded",
            amount: 50,
          });
          const expected = ["owner_mismatch", "intent_mismatch", "amount_mismatch"];
          for (const [index, event] of [ownerMismatch, intentMismatch, underpaid].entries()) {
            const response = await deliver(event.payload, event.signature);
            assert.deepEqual(response.body, { received: true, outcome: "ignored", detail: expected[index] });
          }
          const alices = await video(alicesVideo);
          assert.deepEqual([alices.paymentStatus, alices.status, alices.paidAt], [
            "pending",
            "preview_ready",
            null,
          ]);
          assert.deepEqual(await renderJobs(alicesVideo), []);
          assert.equal((await video(bobsVideo)).paymentStatus, "pending");
        });

        await t.step("a failed payment marks the video failed; paying again reuses the intent", async () => {
          const videoId = await insertVideo(alice.id);
          const { body } = await createIntent(alice.token, videoId);
          const event = await signedEvent(
            "payment_intent.payment_failed",
            fake.decline(body.paymentIntentId),
          );
          const response = await deliver(event.payload, event.signature);
          assert.deepEqual(response.body, { received: true, outcome: "marked_failed" });
          assert.equal((await video(videoId)).paymentStatus, "failed");
          const retry = await createIntent(alice.token, videoId);
          assert.equal(retry.body.paymentIntentId, body.paymentIntentId);
          assert.equal((await video(videoId)).paymentStatus, "pending");
          assert.equal(creationsFor(videoId).length, 1);
        });

        await t.step("a canceled intent is replaced by a new one, under a new idempotency key", async () => {
          const videoId = await insertVideo(alice.id);
          const { body } = await createIntent(alice.token, videoId);
          const stripe = new Stripe(fake.secretKey, {
            httpClient: Stripe.createFetchHttpClient(),
            host: "127.0.0.1",
            port: new URL(fake.url).port,
            protocol: "http",
          });
          const canceled = await stripe.paymentIntents.cancel(body.paymentIntentId);
          assert.equal(canceled.status, "canceled");
          const event = await signedEvent("payment_intent.canceled", fake.intent(body.paymentIntentId)!);
          assert.equal((await deliver(event.payload, event.signature)).body.outcome, "marked_failed");
          const replaced = await createIntent(alice.token, videoId);
          assert.equal(replaced.status, 200, JSON.stringify(replaced.body));
          assert.notEqual(replaced.body.paymentIntentId, body.paymentIntentId);
          assert.equal(creationsFor(videoId).length, 2);
          assert.equal((await video(videoId)).paymentIntentId, replaced.body.paymentIntentId);
        });

        await t.step(
          "unknown event types are acknowledged and ignored; an oversized body is refused",
          async () => {
            const payload = JSON.stringify({
              id: `evt_${crypto.randomUUID().replaceAll("-", "")}`,
              object: "event",
              type: "customer.created",
              data: { object: { id: "cus_123", object: "customer" } },
            });
            const response = await deliver(payload, await signWebhookPayload(payload, webhookSecret));
            assert.deepEqual(response.body, { received: true, outcome: "ignored", detail: "unhandled_type" });
            const huge = "x".repeat(300 * 1024);
            const tooLarge = await deliver(huge, await signWebhookPayload(huge, webhookSecret));
            assert.deepEqual([tooLarge.status, tooLarge.body.code], [413, "PAYLOAD_TOO_LARGE"]);
          },
        );
      });
    } finally {
      await fake.close();
    }
  },
});

Deno.test({
  name: "test-payment mode (no Stripe keys): create, test-confirm, paid through the webhook code",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async (t) => {
    await withPlatform({}, async (platform) => {
      const { signUp, insertVideo, video, renderJobs, stripeEvents, call, createIntent, deliver } = helpers(
        platform,
      );
      const alice = await signUp();
      const bob = await signUp();
      const confirm = async (token: string, paymentIntentId: string) => {
        const response = await call("/test-confirm", token, { paymentIntentId });
        return { status: response.status, body: await response.json() };
      };

      await t.step("create -> test-confirm -> paid, one full render job, settled once", async () => {
        const videoId = await insertVideo(alice.id, "480p");
        const [first, second] = await Promise.all([
          createIntent(alice.token, videoId),
          createIntent(alice.token, videoId),
        ]);
        assert.equal(first.status, 200, JSON.stringify(first.body));
        assert.equal(
          first.body.paymentIntentId,
          second.body.paymentIntentId,
          "a double click makes one intent",
        );
        assert.match(first.body.paymentIntentId, /^pi_localtest_[0-9a-f]{24}$/);
        assert.match(first.body.clientSecret, new RegExp(`^${first.body.paymentIntentId}_secret_`));
        assert.deepEqual(
          [first.body.amount, first.body.currency, first.body.testMode, first.body.publishableKeyRequired],
          [100, "usd", true, false],
        );
        assert.equal((await video(videoId)).paymentStatus, "pending");

        const stolen = await confirm(bob.token, first.body.paymentIntentId);
        assert.deepEqual([stolen.status, stolen.body.code], [404, "NOT_FOUND"]);
        assert.equal((await video(videoId)).paymentStatus, "pending");

        const confirmed = await confirm(alice.token, first.body.paymentIntentId);
        assert.deepEqual([confirmed.status, confirmed.body], [200, { status: "succeeded" }]);
        const paid = await video(videoId);
        assert.deepEqual([paid.paymentStatus, paid.status], ["paid", "rendering"]);
        assert.equal((await renderJobs(videoId)).length, 1);
        const events = await stripeEvents(first.body.paymentIntentId);
        assert.equal(events.length, 1);
        assert.match(events[0].id, /^evt_localtest_/);
        assert.equal(events[0].outcome, "settled");

        const twice = await confirm(alice.token, first.body.paymentIntentId);
        assert.deepEqual([twice.status, twice.body], [200, { status: "succeeded" }]);
        assert.equal((await renderJobs(videoId)).length, 1);
        assert.equal((await createIntent(alice.token, videoId)).status, 409);
      });

      await t.step(
        "the test webhook secret is not guessable: events signed with another secret are refused",
        async () => {
          const videoId = await insertVideo(alice.id);
          const { body } = await createIntent(alice.token, videoId);
          const payload = JSON.stringify({
            id: "evt_forged",
            object: "event",
            type: "payment_intent.succeeded",
            data: {
              object: {
                id: body.paymentIntentId,
                object: "payment_intent",
                amount: body.amount,
                currency: body.currency,
                status: "succeeded",
                metadata: { videoId, userId: alice.id },
              },
            },
          });
          const response = await deliver(payload, await signWebhookPayload(payload, "whsec_guess"));
          assert.deepEqual([response.status, response.body.code], [400, "INVALID_SIGNATURE"]);
          assert.equal((await video(videoId)).paymentStatus, "pending");
        },
      );

      await t.step("test-confirm refuses intents that are not local test intents", async () => {
        const refused = await confirm(alice.token, "pi_3Realintent");
        assert.deepEqual([refused.status, refused.body.code], [404, "NOT_FOUND"]);
        const invalid = await call("/test-confirm", alice.token, {});
        assert.equal(invalid.status, 400);
        await invalid.body?.cancel();
      });
    });
  },
});
