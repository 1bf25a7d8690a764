/** The `create-payment-intent` function (routes in domain/contracts/create-payment-intent.ts). */
import Stripe from "stripe";
import * as contract from "../domain/contracts/create-payment-intent.ts";
import type { UserClaims } from "../http/auth.ts";
import { ApiError, notFound } from "../http/errors.ts";
import { signedInUser, withRuntime } from "../http/middleware.ts";
import { createRouter } from "../http/router.ts";
import { log } from "../log.ts";
import type { Runtime } from "../runtime.ts";
import { paymentsMode, stripeClient } from "../payments/stripe-config.ts";
import {
  isTestPaymentIntentId,
  newTestPaymentIntentId,
  succeededEvent,
  testClientSecret,
} from "../payments/test-payments.ts";
import { deliverTestEvent } from "./deliver-test-event.ts";
import {
  findOwnVideo,
  findOwnVideoByIntent,
  lockVideo,
  recordPendingPayment,
  type VideoPaymentRow,
} from "../image-to-video/video-payment-store.ts";
import { videoPrice } from "../image-to-video/video-prices.ts";

/** An intent in these states can still be paid, so a repeated call hands it out again. */
const payableIntentStatuses = new Set([
  "requires_payment_method",
  "requires_confirmation",
  "requires_action",
  "processing",
]);

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

function stripeFailure(error: unknown, action: string): never {
  if (error instanceof Stripe.errors.StripeError) {
    log.error("stripe request failed", {
      action,
      type: error.type,
      code: error.code,
      message: error.message,
    });
    throw new ApiError(502, "PROVIDER_ERROR", "Stripe did not answer as expected. Try again in a moment.", {
      provider: "stripe",
      ...(error.code ? { stripeCode: error.code } : {}),
    });
  }
  throw error;
}

async function retrieveIntent(stripe: Stripe, id: string) {
  try {
    return await stripe.paymentIntents.retrieve(id);
  } catch (error) {
    if (error instanceof Stripe.errors.StripeInvalidRequestError && error.code === "resource_missing") {
      return undefined;
    }
    stripeFailure(error, "retrieve payment intent");
  }
}

/**
 * The intent already on the video is handed out again while it can still be paid (its client
 * secret retrieved from Stripe, never stored). Otherwise a new one is created under an idempotency
 * key made from the video, the price and the intent it replaces, so a double click makes one.
 */
async function createStripePayment(runtime: Runtime, video: VideoPaymentRow): Promise<contract.PaymentIntent> {
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

/** Settles a local test payment through the webhook's own handler, with a signed event. */
async function confirmTestPayment(
  runtime: Runtime,
  user: UserClaims,
  paymentIntentId: string,
): Promise<contract.TestPaymentConfirmed> {
  if (paymentsMode(runtime.env) === "stripe") {
    throw notFound("Test payments are off: this server takes real payments through Stripe.");
  }
  const video = isTestPaymentIntentId(paymentIntentId)
    ? await runtime.db.withClaims(user, (tx) => findOwnVideoByIntent(tx, paymentIntentId, user.sub))
    : undefined;
  if (!video) throw notFound("No test payment with this id is yours.");
  if (video.paymentStatus === "paid") return { status: "succeeded" };
  const result = await deliverTestEvent(
    runtime,
    succeededEvent({
      paymentIntentId,
      amountCents: video.paymentAmountCents!,
      currency: video.currency,
      videoId: video.id,
      userId: video.userId,
    }),
  );
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
    .post("/test-confirm", {
      body: contract.testConfirmBody,
      handle: async ({ runtime, user, body }) => await confirmTestPayment(runtime, user, body.paymentIntentId),
    })
    .fetch;
}
