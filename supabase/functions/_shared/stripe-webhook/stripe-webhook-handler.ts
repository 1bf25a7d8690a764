/**
 * The `stripe-webhook` function (verify_jwt = false: Stripe proves itself with the Stripe-Signature
 * header). The only code that marks a video paid (DESIGN.md §8) or grants a credit pack's credits
 * (an intent whose metadata.purpose is "credits"; video intents carry no purpose). Each verified
 * event is recorded once in private.stripe_events in the same transaction that acts on it, so a
 * redelivery, or two deliveries at once, settle a video once and enqueue its full render once, and
 * credit a purchase once.
 */
import Stripe from "stripe";
import {
  creditPurchasePurpose,
  maxWebhookBytes,
  type StripeEvent,
  stripeEvent,
  type StripePaymentIntent,
  stripePaymentIntent,
  type WebhookOutcome,
  type WebhookReceipt,
} from "../domain/contracts/stripe-webhook.ts";
import type { Tx } from "../db/db.ts";
import { creditOnce } from "../credits/credits.ts";
import { findCreditPack } from "../domain/credit-packs.ts";
import { readBodyText } from "../http/body.ts";
import { ApiError, badRequest } from "../http/errors.ts";
import { withRuntime } from "../http/middleware.ts";
import { createRouter } from "../http/router.ts";
import { log } from "../log.ts";
import type { Runtime } from "../runtime.ts";
import { enqueueRender } from "../image-to-video/video-store.ts";
import {
  type CreditPurchaseRow,
  lockPurchase,
  markPurchasePaid,
  markPurchaseUnpaid,
} from "../payments/credit-purchase-store.ts";
import { stripeCrypto, webhookSecret } from "../payments/stripe-config.ts";
import {
  lockVideo,
  markPaymentFailed,
  settleVideo,
  type VideoPaymentRow,
} from "../image-to-video/video-payment-store.ts";

/** What a test payment's event did (payments/test-payments.ts settles through this handler). */
export type WebhookResult = WebhookReceipt;

interface Decision {
  outcome: WebhookOutcome;
  detail?: string;
  videoId: string | null;
  purchaseId?: string | null;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const failureTypes = new Set(["payment_intent.payment_failed", "payment_intent.canceled"]);

function invalidSignature(message: string): ApiError {
  return new ApiError(400, "INVALID_SIGNATURE", message);
}

/** Verifies the raw body against Stripe-Signature; nothing is read from an unverified body. */
async function verifiedEvent(runtime: Runtime, request: Request): Promise<StripeEvent> {
  const signature = request.headers.get("stripe-signature");
  if (!signature) throw invalidSignature("The Stripe-Signature header is missing.");
  const body = await readBodyText(request, maxWebhookBytes);
  const secret = await webhookSecret(runtime.env);
  let parsed: unknown;
  try {
    parsed = await Stripe.webhooks.constructEventAsync(body, signature, secret, undefined, stripeCrypto);
  } catch (error) {
    if (error instanceof Stripe.errors.StripeSignatureVerificationError) {
      throw invalidSignature("The Stripe-Signature does not match the body for this endpoint's secret.");
    }
    throw new ApiError(400, "INVALID_JSON", "The signed body is not a JSON event.");
  }
  const event = stripeEvent.safeParse(parsed);
  if (!event.success) throw badRequest("The signed body is not a Stripe event.");
  return event.data;
}

const ignored = (detail: string, videoId: string | null = null): Decision => ({
  outcome: "ignored",
  detail,
  videoId,
});

/**
 * Only an event naming the video's owner and the intent recorded on the video may touch the video:
 * a valid event for someone else's payment (or an old intent) unlocks nothing.
 */
async function matchingVideo(tx: Tx, intent: StripePaymentIntent): Promise<Decision | VideoPaymentRow> {
  const videoId = intent.metadata.videoId ?? "";
  if (!uuidPattern.test(videoId)) return ignored("no_video_in_metadata");
  const video = await lockVideo(tx, videoId);
  if (!video) return ignored("unknown_video", videoId);
  if (video.userId !== intent.metadata.userId) return ignored("owner_mismatch", videoId);
  if (video.paymentIntentId !== intent.id) return ignored("intent_mismatch", videoId);
  if (video.paymentStatus === "paid") return ignored("already_paid", videoId);
  // Refunded after its full render failed: a late or replayed event must not make it paid again.
  if (video.paymentStatus === "refunded") return ignored("already_refunded", videoId);
  return video;
}

const ignoredPurchase = (detail: string, purchaseId: string | null = null): Decision => ({
  outcome: "ignored",
  detail,
  videoId: null,
  purchaseId,
});

/** As for videos: only an event naming the purchase's owner, pack and recorded intent may touch it. */
async function matchingPurchase(tx: Tx, intent: StripePaymentIntent): Promise<Decision | CreditPurchaseRow> {
  const purchaseId = intent.metadata.purchaseId ?? "";
  if (!uuidPattern.test(purchaseId)) return ignoredPurchase("no_purchase_in_metadata");
  const purchase = await lockPurchase(tx, purchaseId);
  if (!purchase) return ignoredPurchase("unknown_purchase", purchaseId);
  if (purchase.userId !== intent.metadata.userId) return ignoredPurchase("owner_mismatch", purchaseId);
  if (purchase.paymentIntentId !== intent.id) return ignoredPurchase("intent_mismatch", purchaseId);
  if (purchase.packId !== intent.metadata.packId) return ignoredPurchase("pack_mismatch", purchaseId);
  if (purchase.status === "paid") return ignoredPurchase("already_paid", purchaseId);
  // Stripe never lets a canceled intent succeed later.
  if (purchase.status === "canceled") return ignoredPurchase("already_canceled", purchaseId);
  return purchase;
}

/**
 * Settles a credit purchase: marked paid and its credits added under the purchase's row lock, in
 * the event's transaction. A failed payment may still succeed with another card, so "failed" is
 * settled by a later success like "pending" is.
 */
async function actOnPurchase(
  tx: Tx,
  isSuccess: boolean,
  eventType: string,
  intent: StripePaymentIntent,
): Promise<Decision> {
  const purchase = await matchingPurchase(tx, intent);
  if ("outcome" in purchase) return purchase;
  if (!isSuccess) {
    await markPurchaseUnpaid(
      tx,
      purchase.id,
      eventType === "payment_intent.canceled" ? "canceled" : "failed",
    );
    return { outcome: "marked_failed", videoId: null, purchaseId: purchase.id };
  }
  if (intent.status !== "succeeded") return ignoredPurchase("intent_not_succeeded", purchase.id);
  // The pack's price as quoted on the purchase, not today's: a price change must not refuse a paid intent.
  if (purchase.amountCents !== intent.amount || purchase.currency !== intent.currency) {
    return ignoredPurchase("amount_mismatch", purchase.id);
  }
  await markPurchasePaid(tx, purchase.id);
  await creditOnce(tx, {
    userId: purchase.userId,
    amount: purchase.credits,
    reason: "purchase",
    referenceId: intent.id,
    description: `Bought ${findCreditPack(purchase.packId)?.label ?? `${purchase.credits} credits`}`,
    metadata: {
      purchaseId: purchase.id,
      packId: purchase.packId,
      credits: purchase.credits,
      amountCents: purchase.amountCents,
      currency: purchase.currency,
    },
  });
  return { outcome: "settled", videoId: null, purchaseId: purchase.id };
}

async function act(tx: Tx, event: StripeEvent): Promise<Decision> {
  const isSuccess = event.type === "payment_intent.succeeded";
  if (!isSuccess && !failureTypes.has(event.type)) return ignored("unhandled_type");
  const intent = stripePaymentIntent.safeParse(event.data.object);
  if (!intent.success) return ignored("malformed_payment_intent");
  const purpose = intent.data.metadata.purpose;
  if (purpose === creditPurchasePurpose) return await actOnPurchase(tx, isSuccess, event.type, intent.data);
  if (purpose !== undefined) return ignored("unknown_purpose");
  const video = await matchingVideo(tx, intent.data);
  if ("outcome" in video) return video;

  if (!isSuccess) {
    await markPaymentFailed(tx, video.id);
    return { outcome: "marked_failed", videoId: video.id };
  }
  if (intent.data.status !== "succeeded") return ignored("intent_not_succeeded", video.id);
  // The amount charged must be the one quoted for this video, in its currency.
  if (video.paymentAmountCents !== intent.data.amount || video.currency !== intent.data.currency) {
    return ignored("amount_mismatch", video.id);
  }
  await settleVideo(tx, video.id);
  // Rendered by the media worker process, which polls this queue; the job-worker function does
  // not serve it, so unlike a batch start there is no worker to kick from here.
  await enqueueRender(tx, "full", video.id, video.userId);
  return { outcome: "settled", videoId: video.id };
}

/** Records the event (once) and acts on it, in one service transaction. */
export async function processEvent(runtime: Runtime, event: StripeEvent): Promise<WebhookReceipt> {
  const intentId = typeof event.data.object.id === "string" && event.type.startsWith("payment_intent.")
    ? event.data.object.id
    : null;
  return await runtime.db.asService(async (tx) => {
    const claimed = await tx.query(
      `insert into private.stripe_events (id, type, payment_intent_id, livemode, outcome)
       values ($1, $2, $3, $4, 'received')
       on conflict (id) do nothing
       returning id`,
      [event.id, event.type, intentId, event.livemode ?? false],
    );
    if (claimed.length === 0) return { received: true, duplicate: true };
    const decision = await act(tx, event);
    await tx.query(
      `update private.stripe_events set outcome = $2, detail = $3, video_id = $4, credit_purchase_id = $5
        where id = $1`,
      [event.id, decision.outcome, decision.detail ?? null, decision.videoId, decision.purchaseId ?? null],
    );
    if (decision.outcome === "ignored" && decision.detail !== "unhandled_type") {
      log.warn("stripe event ignored", { eventId: event.id, type: event.type, detail: decision.detail });
    }
    return {
      received: true,
      outcome: decision.outcome,
      ...(decision.detail ? { detail: decision.detail } : {}),
    };
  });
}

export async function handleStripeWebhook(runtime: Runtime, request: Request): Promise<Response> {
  const event = await verifiedEvent(runtime, request);
  return Response.json(await processEvent(runtime, event));
}

export function createStripeWebhookHandler(getRuntime: () => Runtime) {
  // No signedInUser: the signature over the raw body is the only proof taken (verifiedEvent).
  return createRouter({ basePath: "/stripe-webhook" })
    .use(withRuntime(getRuntime))
    .post("/", { handle: async ({ runtime, request }) => await handleStripeWebhook(runtime, request) })
    .fetch;
}
