/**
 * The `video-refund` job: { videoId }. Pays back a video whose full render failed for good after it
 * was paid for. Light work (one Stripe call), so the ordinary job worker runs it, not the media
 * worker. A job may run again (a retry, a lost lease): Stripe sees the same idempotency key and
 * answers with the refund it already made, and the row is marked refunded once, while the job still
 * holds its lease and only if the video is still paid.
 */
import Stripe from "stripe";
import type { Db } from "../db/db.ts";
import { holdsLease, type Job, LeaseLostError } from "../jobs/queue.ts";
import { type JobContext, type JobHandler, PermanentJobError } from "../jobs/worker.ts";
import { log } from "../log.ts";
import type { Runtime } from "../runtime.ts";
import { hex, stripeClient } from "../payments/stripe-config.ts";
import { isTestPaymentIntentId } from "../payments/test-payments.ts";
import {
  findRefundableVideo,
  isRefundDue,
  recordRefund,
  type RefundableVideo,
  refundedMessage,
  refundIdempotencyKey,
} from "./video-refund-store.ts";

export interface VideoRefundDeps {
  db: Db;
  env: Runtime["env"];
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A refund Stripe made or is making; "failed" and "canceled" ones returned nothing. */
const issuedRefundStatuses = new Set(["succeeded", "pending", "requires_action"]);

/** The refund of a Stripe payment: the same key on every attempt, so Stripe refunds once. */
async function refundStripePayment(env: Runtime["env"], video: RefundableVideo): Promise<string> {
  const stripe = stripeClient(env);
  let refund: Stripe.Refund;
  try {
    refund = await stripe.refunds.create(
      { payment_intent: video.paymentIntentId!, metadata: { videoId: video.id, userId: video.userId } },
      { idempotencyKey: refundIdempotencyKey(video.id) },
    );
  } catch (error) {
    if (error instanceof Stripe.errors.StripeInvalidRequestError) {
      // Asking again with the same parameters gets the same refusal: someone has to look at it.
      log.error("stripe refused the refund of a failed video", {
        videoId: video.id,
        paymentIntentId: video.paymentIntentId,
        code: error.code,
        message: error.message,
      });
      throw new PermanentJobError(`Stripe refused the refund: ${error.code ?? error.message}`);
    }
    // Stripe down, a 5xx, a timeout: the queue tries again with backoff, under the same key.
    throw error;
  }
  if (!issuedRefundStatuses.has(refund.status ?? "")) {
    log.error("stripe refund did not go through", {
      videoId: video.id,
      refundId: refund.id,
      status: refund.status,
    });
    throw new PermanentJobError(`the Stripe refund ${refund.id} ended ${refund.status}`);
  }
  return refund.id;
}

/** Test-payment mode took no money, so there is nobody to call: the local intent is refunded here. */
function localTestRefundId(): string {
  return `re_localtest_${hex(crypto.getRandomValues(new Uint8Array(12)))}`;
}

export function createVideoRefundHandler(deps: VideoRefundDeps): JobHandler {
  return async (job: Job, context: JobContext) => {
    const videoId = String(job.payload.videoId ?? "");
    if (!uuidPattern.test(videoId)) throw new PermanentJobError("video-refund job without a video id");
    const video = await deps.db.asService((tx) => findRefundableVideo(tx, videoId));
    if (!video) return { skipped: "no_such_video" };
    if (video.paymentStatus === "refunded") return { skipped: "already_refunded", refundId: video.refundId };
    if (!isRefundDue(video)) {
      log.warn("video-refund job for a video that is not a paid, failed one", {
        videoId,
        status: video.status,
        paymentStatus: video.paymentStatus,
      });
      return { skipped: "not_refundable" };
    }

    const refundId = isTestPaymentIntentId(video.paymentIntentId)
      ? localTestRefundId()
      : await refundStripePayment(deps.env, video);
    const recorded = await deps.db.asService(async (tx) => {
      if (!await holdsLease(tx, job, context.workerId)) return undefined;
      return await recordRefund(tx, {
        videoId,
        refundId,
        message: refundedMessage(video.paymentAmountCents!, video.currency),
      });
    });
    // The next holder asks Stripe again with the same key and records the same refund.
    if (recorded === undefined) {
      throw new LeaseLostError("the job's lease was lost before the refund was recorded");
    }
    if (!recorded) return { skipped: "changed_meanwhile", refundId };
    log.info("video refunded", { videoId, refundId, amountCents: video.paymentAmountCents });
    return { videoId, refundId };
  };
}
