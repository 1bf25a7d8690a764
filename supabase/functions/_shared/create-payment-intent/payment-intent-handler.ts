/** The `create-payment-intent` function (routes in domain/contracts/create-payment-intent.ts). */
import * as contract from "../domain/contracts/create-payment-intent.ts";
import type { UserClaims } from "../http/auth.ts";
import { ApiError, notFound } from "../http/errors.ts";
import { signedInUser, withRuntime } from "../http/middleware.ts";
import { createRouter } from "../http/router.ts";
import type { Runtime } from "../runtime.ts";
import { findOwnPurchaseByIntent } from "../payments/credit-purchase-store.ts";
import { payableIntentStatuses, retrieveIntent, stripeFailure } from "../payments/stripe-calls.ts";
import { paymentsMode, stripeClient } from "../payments/stripe-config.ts";
import {
  isTestPaymentIntentId,
  newTestPaymentIntentId,
  succeededEvent,
  testClientSecret,
} from "../payments/test-payments.ts";
import { createCreditPayment, creditIntentMetadata } from "./credit-payment.ts";
import { deliverTestEvent } from "./deliver-test-event.ts";
import {
  findOwnVideo,
  findOwnVideoByIntent,
  lockVideo,
  recordPendingPayment,
  type VideoPaymentRow,
} from "../image-to-video/video-payment-store.ts";
import { videoPrice } from "../image-to-video/video-prices.ts";

const videoNotFound = () => notFound("No video with this id is yours.");

function assertPayable(video: VideoPaymentRow): void {
  if (video.paymentStatus === "paid" || video.paymentStatus === "refunded") {
    throw new ApiError(409, "CONFLICT", "This video is already paid for.", {
      paymentStatus: video.paymentStatus,
    });
  }
  if (video.status !== "preview_ready") {
    throw new ApiError(409, "CONFLICT", "The preview is not ready yet: pay once it has rendered.", {
      status: video.status,
    });
  }
}

/**
 * The intent already on the video is handed out again while it can still be paid (its client
 * secret retrieved from Stripe, never stored). Otherwise a new one is created under an idempotency
 * key made from the video, the price and the intent it replaces, so a double click makes one.
 */
async function createStripePayment(
  runtime: Runtime,
  video: VideoPaymentRow,
): Promise<contract.PaymentIntent> {
  const stripe = stripeClient(runtime.env);
  const price = videoPrice(video.resolution);
  let replaces: string | undefined;
  let intent;
  if (video.paymentIntentId) {
    const existing = isTestPaymentIntentId(video.paymentIntentId)
      ? undefined
      : await retrieveIntent(stripe, video.paymentIntentId);
    if (existing?.status === "succeeded") {
      throw new ApiError(409, "CONFLICT", "This payment went through; the video unlocks in a moment.", {
        paymentIntentId: existing.id,
      });
    }
    if (
      existing && payableIntentStatuses.has(existing.status) &&
      existing.amount === video.paymentAmountCents &&
      existing.currency === video.currency && existing.metadata?.videoId === video.id
    ) {
      intent = existing;
    } else {
      replaces = video.paymentIntentId;
    }
  }
  if (!intent) {
    const idempotencyKey = [`video-payment:${video.id}:${price.amountCents}:${price.currency}`, replaces]
      .filter(Boolean).join(":after:");
    try {
      intent = await stripe.paymentIntents.create({
        amount: price.amountCents,
        currency: price.currency,
        automatic_payment_methods: { enabled: true },
        description: `Personify video ${video.id} (${video.resolution})`,
        metadata: { videoId: video.id, userId: video.userId },
      }, { idempotencyKey });
    } catch (error) {
      stripeFailure(error, "create payment intent");
    }
  }
  const recorded = await runtime.db.asService((tx) =>
    recordPendingPayment(tx, {
      videoId: video.id,
      userId: video.userId,
      paymentIntentId: intent.id,
      amountCents: intent.amount,
      currency: intent.currency,
    })
  );
  if (!recorded) throw new ApiError(409, "CONFLICT", "This video was paid for or changed meanwhile.");
  if (!intent.client_secret) {
    throw new Error(`Stripe returned payment intent ${intent.id} without a client secret`);
  }
  return {
    paymentIntentId: intent.id,
    clientSecret: intent.client_secret,
    amount: intent.amount,
    currency: intent.currency,
    testMode: false,
    publishableKeyRequired: true,
  };
}

/** Test-payment mode: a local intent, kept across repeated calls under the row lock. */
async function createTestPayment(
  runtime: Runtime,
  videoId: string,
  userId: string,
): Promise<contract.PaymentIntent> {
  const payment = await runtime.db.asService(async (tx) => {
    const video = await lockVideo(tx, videoId);
    if (!video || video.userId !== userId) throw videoNotFound();
    assertPayable(video);
    const keep = isTestPaymentIntentId(video.paymentIntentId) && video.paymentAmountCents !== null;
    const price = videoPrice(video.resolution);
    const pending = {
      videoId,
      userId,
      paymentIntentId: keep ? video.paymentIntentId! : newTestPaymentIntentId(),
      amountCents: keep ? video.paymentAmountCents! : price.amountCents,
      currency: keep ? video.currency : price.currency,
    };
    await recordPendingPayment(tx, pending);
    return pending;
  });
  return {
    paymentIntentId: payment.paymentIntentId,
    clientSecret: await testClientSecret(runtime.env, payment.paymentIntentId),
    amount: payment.amountCents,
    currency: payment.currency,
    testMode: true,
    publishableKeyRequired: false,
  };
}

async function createPayment(
  runtime: Runtime,
  user: UserClaims,
  videoId: string,
): Promise<contract.PaymentIntent> {
  const video = await runtime.db.withClaims(user, (tx) => findOwnVideo(tx, videoId, user.sub));
  if (!video) throw videoNotFound();
  assertPayable(video);
  return paymentsMode(runtime.env) === "stripe"
    ? await createStripePayment(runtime, video)
    : await createTestPayment(runtime, video.id, user.sub);
}

/** The test intent's payment as the event reports it: the caller's video's, or their credit purchase's. */
async function ownTestPayment(runtime: Runtime, user: UserClaims, paymentIntentId: string) {
  if (!isTestPaymentIntentId(paymentIntentId)) return undefined;
  return await runtime.db.withClaims(user, async (tx) => {
    const video = await findOwnVideoByIntent(tx, paymentIntentId, user.sub);
    if (video) {
      return {
        paid: video.paymentStatus === "paid",
        amountCents: video.paymentAmountCents!,
        currency: video.currency,
        metadata: { videoId: video.id, userId: video.userId },
        description: "Personify video",
      };
    }
    const purchase = await findOwnPurchaseByIntent(tx, paymentIntentId, user.sub);
    if (!purchase) return undefined;
    return {
      paid: purchase.status === "paid",
      amountCents: purchase.amountCents,
      currency: purchase.currency,
      metadata: creditIntentMetadata(purchase),
      description: `Personify credit pack ${purchase.packId}`,
    };
  });
}

/** Settles a local test payment through the webhook's own handler, with a signed event. */
async function confirmTestPayment(
  runtime: Runtime,
  user: UserClaims,
  paymentIntentId: string,
): Promise<contract.TestPaymentConfirmed> {
  if (paymentsMode(runtime.env) === "stripe") {
    throw notFound("Test payments are off: this server takes real payments through Stripe.");
  }
  const payment = await ownTestPayment(runtime, user, paymentIntentId);
  if (!payment) throw notFound("No test payment with this id is yours.");
  if (payment.paid) return { status: "succeeded" };
  const { paid: _paid, ...event } = payment;
  const result = await deliverTestEvent(runtime, succeededEvent({ paymentIntentId, ...event }));
  if (result.outcome !== "settled") {
    throw new ApiError(409, "CONFLICT", "The test payment could not be settled.", {
      reason: result.detail ?? null,
    });
  }
  return { status: "succeeded" };
}

export function createPaymentIntentHandler(getRuntime: () => Runtime) {
  return createRouter({ basePath: "/create-payment-intent" })
    .use(withRuntime(getRuntime))
    .use(signedInUser)
    .post("/", {
      body: contract.createBody,
      handle: async ({ runtime, user, body }) => await createPayment(runtime, user, body.videoId),
    })
    .post("/credits", {
      body: contract.createCreditsBody,
      handle: async ({ runtime, user, body }) => await createCreditPayment(runtime, user, body.packId),
    })
    .post("/test-confirm", {
      body: contract.testConfirmBody,
      handle: async ({ runtime, user, body }) =>
        await confirmTestPayment(runtime, user, body.paymentIntentId),
    })
    .fetch;
}
