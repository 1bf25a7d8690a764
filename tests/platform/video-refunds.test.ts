// Automatic refunds of paid videos whose full render fails for good, on the local platform with its
// own media worker (ffmpeg) and job worker: paid through the real create-payment-intent and
// stripe-webhook functions (events signed by the stripe library's own test-header helper) against
// the Stripe fake, or through test-payment mode. The full render is made to fail the honest way:
// the source image is deleted from storage after the preview, so the media worker cannot read it.
import assert from "node:assert/strict";
import { encodePngRgb } from "../../supabase/functions/_shared/images/png.ts";
import { enqueue } from "../../supabase/functions/_shared/jobs/queue.ts";
import type { Platform } from "../../supabase/local/platform.ts";
import {
  callFunction,
  expectJson,
  type SignedUpUser,
  signUpUser,
  withTestPlatform,
} from "../support/functions.ts";
import {
  postWebhook,
  signWebhookPayload,
  startStripeFake,
  type StripeFake,
  stripeKeysFor,
} from "../support/stripe-fake.ts";

const refundedLine = "The full video could not be rendered, so your payment of $1.00 was refunded.";

function withPlatform(env: Record<string, string>, fn: (platform: Platform) => Promise<void>) {
  return withTestPlatform("personify-video-refunds-", { env }, fn);
}

interface User extends SignedUpUser {
  imageId: string;
  imagePath: string;
}

async function smallPng(): Promise<Uint8Array> {
  const width = 160;
  const height = 120;
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0; i < rgb.length; i += 3) {
    rgb[i] = (i / 3) % 256;
    rgb[i + 1] = 90;
    rgb[i + 2] = 200;
  }
  return await encodePngRgb(rgb, width, height);
}

function helpers(platform: Platform) {
  /** A user with one image in the gallery; `upload: false` leaves its object missing from storage. */
  const userWithImage = async ({ upload = true } = {}): Promise<User> => {
    const user = await signUpUser(platform, { emailPrefix: "refund" });
    const imagePath = `${user.id}/${crypto.randomUUID()}.png`;
    if (upload) {
      const uploaded = await user.client.storage.from("images").upload(imagePath, await smallPng(), {
        contentType: "image/png",
      });
      assert.equal(uploaded.error, null);
    }
    const [{ imageId }] = await platform.db.asOwner((tx) =>
      tx.query<{ imageId: string }>(
        `insert into public.images (user_id, prompt, resolved_prompt, model, provider, storage_path, width, height)
         values ($1, 'tiles', 'tiles', 'local-render', 'local', $2, 160, 120) returning id as "imageId"`,
        [user.id, imagePath],
      )
    );
    return { ...user, imageId, imagePath };
  };

  const status = async (user: User, videoId: string) =>
    await expectJson(await callFunction(platform, user, "image-to-video", "GET", `/${videoId}/status`), 200);

  const waitFor = async (
    user: User,
    videoId: string,
    done: (body: Record<string, unknown>) => boolean,
    timeoutMs = 90_000,
  ) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const body = await status(user, videoId);
      if (done(body)) return body;
      assert.ok(Date.now() < deadline, `video ${videoId} stuck at ${JSON.stringify(body)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  /** A 1 s 480p video through the real function, waited for until its free preview is ready. */
  const videoWithPreview = async (user: User) => {
    const created = await expectJson(
      await callFunction(platform, user, "image-to-video", "POST", "", {
        imageId: user.imageId,
        effect: "zoom-in",
        duration: 1,
        resolution: "480p",
      }),
      202,
    );
    const ready = await waitFor(user, created.videoId, (body) => body.status !== "processing");
    assert.equal(ready.status, "preview_ready", String(ready.error));
    return created.videoId as string;
  };

  /** The source goes missing: the full render cannot read it and fails for good. */
  const deleteSource = async (user: User) => {
    const removed = await user.client.storage.from("images").remove([user.imagePath]);
    assert.equal(removed.error, null);
    assert.equal(removed.data?.length, 1);
  };

  const createIntent = async (user: User, videoId: string) =>
    await expectJson(
      await callFunction(platform, user, "create-payment-intent", "POST", "", { videoId }),
      200,
    );

  const row = async (videoId: string) =>
    (await platform.db.asOwner((tx) =>
      tx.query<{
        status: string;
        paymentStatus: string;
        refundId: string | null;
        refundedAt: Date | null;
        error: string | null;
        videoPath: string | null;
      }>(
        `select status, payment_status as "paymentStatus", refund_id as "refundId", refunded_at as "refundedAt",
                error, video_path as "videoPath"
           from public.videos where id = $1`,
        [videoId],
      )
    ))[0];

  const refundJobs = (videoId: string) =>
    platform.db.asOwner((tx) =>
      tx.query<{
        id: string;
        status: string;
        attempts: number;
        idempotencyKey: string;
        payload: Record<string, unknown>;
        result: Record<string, unknown> | null;
      }>(
        `select id, status, attempts, idempotency_key as "idempotencyKey", payload, result from private.jobs
          where queue = 'video-refund' and payload ->> 'videoId' = $1`,
        [videoId],
      )
    );

  const waitForJob = async (videoId: string, wanted: string, timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [job] = await refundJobs(videoId);
      if (job?.status === wanted) return job;
      assert.ok(Date.now() < deadline, `refund job of ${videoId}: ${JSON.stringify(job)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  /** Runs the (finished) refund job once more, as a redelivery or an operator's retry would. */
  const runRefundJobAgain = async (videoId: string) => {
    await platform.db.asOwner((tx) =>
      tx.query(
        `update private.jobs set status = 'queued', run_at = now(), result = null, completed_at = null
          where queue = 'video-refund' and payload ->> 'videoId' = $1`,
        [videoId],
      )
    );
    return await waitForJob(videoId, "succeeded");
  };

  return {
    userWithImage,
    status,
    waitFor,
    videoWithPreview,
    deleteSource,
    createIntent,
    row,
    refundJobs,
    waitForJob,
    runRefundJobAgain,
  };
}

function refundRequests(fake: StripeFake) {
  return fake.requests.filter((request) => request.path === "/v1/refunds");
}

Deno.test({
  name: "with Stripe keys: a paid video whose full render fails is refunded once at Stripe",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async (t) => {
    const fake = startStripeFake();
    const { webhookSecret, env } = stripeKeysFor(fake);
    try {
      await withPlatform(env, async (platform) => {
        const h = helpers(platform);
        const deliver = async (type: string, object: ReturnType<typeof fake.succeed>) => {
          const payload = JSON.stringify(fake.event(type, object), null, 2);
          const signature = await signWebhookPayload(payload, webhookSecret);
          return await expectJson(await postWebhook(platform.url, payload, signature), 200);
        };

        const alice = await h.userWithImage();
        const videoId = await h.videoWithPreview(alice);
        const { paymentIntentId } = await h.createIntent(alice, videoId);
        let refundId = "";

        await t.step(
          "settled by the webhook, the full render fails; the refund retries past a Stripe 500 and lands once",
          async () => {
            await h.deleteSource(alice);
            fake.failNext("/v1/refunds");
            const settled = await deliver("payment_intent.succeeded", fake.succeed(paymentIntentId));
            assert.deepEqual(settled, { received: true, outcome: "settled" });

            const refunded = await h.waitFor(alice, videoId, (body) => body.paymentStatus === "refunded");
            assert.equal(refunded.status, "failed");
            assert.equal(refunded.error, refundedLine);
            assert.equal(refunded.videoUrl, null, "a refunded video has no download");

            const refunds = fake.refunds();
            assert.equal(refunds.length, 1, "one refund at Stripe");
            assert.deepEqual(
              [refunds[0].payment_intent, refunds[0].amount, refunds[0].currency, refunds[0].metadata],
              [paymentIntentId, 100, "usd", { videoId, userId: alice.id }],
            );
            const requests = refundRequests(fake);
            assert.equal(requests.length, 2, "the 500, then the queue's retry");
            for (const request of requests) {
              assert.equal(request.idempotencyKey, `video-refund:${videoId}`);
              assert.deepEqual(request.form, {
                payment_intent: paymentIntentId,
                metadata: { videoId, userId: alice.id },
              });
            }

            const row = await h.row(videoId);
            assert.deepEqual([row.status, row.paymentStatus, row.videoPath], ["failed", "refunded", null]);
            assert.equal(row.refundId, refunds[0].id);
            assert.ok(row.refundedAt instanceof Date);
            refundId = row.refundId!;
            const [job] = await h.refundJobs(videoId);
            assert.deepEqual(
              [job.status, job.attempts, job.idempotencyKey, job.payload],
              ["succeeded", 2, `video-refund:${videoId}`, { videoId }],
            );
          },
        );

        await t.step("the refund job run again finds the video refunded and calls nobody", async () => {
          const before = refundRequests(fake).length;
          const job = await h.runRefundJobAgain(videoId);
          assert.deepEqual(job.result, { skipped: "already_refunded", refundId });
          assert.equal(refundRequests(fake).length, before);
          assert.equal(fake.refunds().length, 1);
        });

        await t.step(
          "a run cut off after Stripe refunded and before the row was written gets the same refund back",
          async () => {
            // The row as it was when Stripe had answered and the transaction had not committed.
            await platform.db.asOwner((tx) =>
              tx.query(
                `update public.videos set payment_status = 'paid', refund_id = null, refunded_at = null,
                        error = 'the source images/x is gone' where id = $1`,
                [videoId],
              )
            );
            const job = await h.runRefundJobAgain(videoId);
            assert.deepEqual(job.result, { videoId, refundId });
            assert.equal(fake.refunds().length, 1, "Stripe replayed the refund under the same key");
            const row = await h.row(videoId);
            assert.deepEqual([row.paymentStatus, row.refundId, row.error], [
              "refunded",
              refundId,
              refundedLine,
            ]);
          },
        );

        await t.step("a replayed succeeded event cannot make the refunded video paid again", async () => {
          const again = await deliver("payment_intent.succeeded", fake.intent(paymentIntentId)!);
          assert.deepEqual(again, { received: true, outcome: "ignored", detail: "already_refunded" });
          const failedPayment = await deliver("payment_intent.payment_failed", fake.intent(paymentIntentId)!);
          assert.deepEqual(failedPayment.detail, "already_refunded");
          const body = await h.status(alice, videoId);
          assert.deepEqual([body.status, body.paymentStatus, body.videoUrl], ["failed", "refunded", null]);
          const paying = await callFunction(platform, alice, "create-payment-intent", "POST", "", {
            videoId,
          });
          assert.equal(paying.status, 409);
          await paying.body?.cancel();
        });

        await t.step("a refund job for a video that is not paid refunds nothing", async () => {
          const bob = await h.userWithImage();
          const unpaid = await h.videoWithPreview(bob);
          await h.createIntent(bob, unpaid);
          const before = refundRequests(fake).length;
          await platform.db.asService((tx) =>
            enqueue(tx, "video-refund", { videoId: unpaid }, { idempotencyKey: `video-refund:${unpaid}` })
          );
          const job = await h.waitForJob(unpaid, "succeeded");
          assert.deepEqual(job.result, { skipped: "not_refundable" });
          assert.equal(refundRequests(fake).length, before);
          assert.deepEqual([(await h.row(unpaid)).paymentStatus, (await h.row(unpaid)).refundId], [
            "pending",
            null,
          ]);
        });

        await t.step(
          "the database refuses 'refunded' without a refund, or for a video not failed",
          async () => {
            const carol = await h.userWithImage();
            const previewed = await h.videoWithPreview(carol);
            for (
              const assignment of [
                "payment_status = 'refunded'",
                "payment_status = 'refunded', paid_at = now(), status = 'failed'",
                "payment_status = 'refunded', paid_at = now(), refund_id = 're_x', refunded_at = now()",
              ]
            ) {
              await assert.rejects(
                () =>
                  platform.db.asService((tx) =>
                    tx.query(`update public.videos set ${assignment} where id = $1`, [previewed])
                  ),
                /check constraint/,
                assignment,
              );
            }
            await assert.rejects(
              () =>
                platform.db.withClaims(
                  { role: "authenticated", sub: carol.id },
                  (tx) =>
                    tx.query(
                      "update public.videos set payment_status = 'refunded', refund_id = 're_x' where id = $1",
                      [previewed],
                    ),
                ),
              /permission denied/,
            );
          },
        );
      });
    } finally {
      await fake.close();
    }
  },
});

Deno.test({
  name:
    "test-payment mode: a paid video whose full render fails is refunded locally; unpaid failures are not",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async (t) => {
    // Set, but never to be called: without STRIPE_SECRET_KEY there is no Stripe to ask.
    const fake = startStripeFake();
    try {
      await withPlatform({ STRIPE_API_URL: fake.url }, async (platform) => {
        const h = helpers(platform);

        await t.step(
          "test-confirm settles, the full render fails, the local intent is refunded",
          async () => {
            const alice = await h.userWithImage();
            const videoId = await h.videoWithPreview(alice);
            const intent = await h.createIntent(alice, videoId);
            assert.equal(intent.testMode, true);
            await h.deleteSource(alice);
            const confirmed = await expectJson(
              await callFunction(platform, alice, "create-payment-intent", "POST", "/test-confirm", {
                paymentIntentId: intent.paymentIntentId,
              }),
              200,
            );
            assert.deepEqual(confirmed, { status: "succeeded" });

            const refunded = await h.waitFor(alice, videoId, (body) => body.paymentStatus === "refunded");
            assert.deepEqual([refunded.status, refunded.error, refunded.videoUrl], [
              "failed",
              refundedLine,
              null,
            ]);
            const row = await h.row(videoId);
            assert.match(row.refundId ?? "", /^re_localtest_[0-9a-f]{24}$/);
            const [job] = await h.refundJobs(videoId);
            assert.deepEqual([job.status, job.attempts], ["succeeded", 1]);
            assert.deepEqual(fake.requests, [], "no HTTP call to Stripe");
          },
        );

        await t.step("an unpaid video whose preview fails is marked failed and not refunded", async () => {
          const bob = await h.userWithImage({ upload: false });
          const created = await expectJson(
            await callFunction(platform, bob, "image-to-video", "POST", "", {
              imageId: bob.imageId,
              effect: "pan-left",
              duration: 1,
              resolution: "480p",
            }),
            202,
          );
          const failed = await h.waitFor(bob, created.videoId, (body) => body.status === "failed");
          assert.equal(failed.paymentStatus, "unpaid");
          assert.notEqual(failed.error, refundedLine);
          assert.deepEqual(await h.refundJobs(created.videoId), []);
          assert.equal((await h.row(created.videoId)).refundId, null);
          assert.deepEqual(fake.requests, []);
        });
      });
    } finally {
      await fake.close();
    }
  },
});
