/**
 * Refunds of paid videos whose full render failed for good. The media worker queues the refund in
 * the transaction that marks the video failed (so a failed paid video is never left without one);
 * the "video-refund" job (video-refund-job.ts) pays it back and records it with `recordRefund`,
 * the only write that sets payment_status = 'refunded'.
 */
import type { Tx } from "../db/db.ts";
import { enqueue } from "../jobs/queue.ts";

export const videoRefundQueue = "video-refund";

export function refundIdempotencyKey(videoId: string): string {
  return `video-refund:${videoId}`;
}

/**
 * Queues the refund of a paid video; the key makes it one job per video, however often the failure
 * is recorded. Its attempts back off from 2 s to about 4 min, all well inside the 24 hours Stripe
 * keeps an idempotency key, so a retry never refunds twice.
 */
export async function enqueueVideoRefund(tx: Tx, videoId: string, userId: string): Promise<void> {
  await enqueue(tx, videoRefundQueue, { videoId }, {
    idempotencyKey: refundIdempotencyKey(videoId),
    userId,
    maxAttempts: 8,
  });
}

export interface RefundableVideo {
  id: string;
  userId: string;
  status: string;
  paymentStatus: "unpaid" | "pending" | "paid" | "failed" | "refunded";
  paymentIntentId: string | null;
  paymentAmountCents: number | null;
  currency: string;
  refundId: string | null;
}

export async function findRefundableVideo(tx: Tx, videoId: string): Promise<RefundableVideo | undefined> {
  const [row] = await tx.query<RefundableVideo>(
    `select id, user_id as "userId", status, payment_status as "paymentStatus",
            payment_intent_id as "paymentIntentId", payment_amount_cents as "paymentAmountCents", currency,
            refund_id as "refundId"
       from public.videos where id = $1`,
    [videoId],
  );
  return row;
}

/** A paid video must have failed for good to be refunded: never an unpaid one, never twice. */
export function isRefundDue(video: RefundableVideo): boolean {
  return video.paymentStatus === "paid" && video.status === "failed" && video.paymentIntentId !== null &&
    video.paymentAmountCents !== null;
}

/** What the person reads on the failed video once their money is on its way back. */
export function refundedMessage(amountCents: number, currency: string): string {
  const formatter = new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase() });
  // Stripe's amounts are in the currency's minor unit: cents for usd, whole yen for jpy.
  const amount = formatter.format(
    amountCents / 10 ** (formatter.resolvedOptions().maximumFractionDigits ?? 2),
  );
  return `The full video could not be rendered, so your payment of ${amount} was refunded.`;
}

/** Records the refund, once: false when the video is no longer a paid, failed one (refunded already). */
export async function recordRefund(
  tx: Tx,
  refund: { videoId: string; refundId: string; message: string },
): Promise<boolean> {
  const rows = await tx.query(
    `update public.videos
        set payment_status = 'refunded', refund_id = $2, refunded_at = now(), error = $3
      where id = $1 and payment_status = 'paid' and status = 'failed'
      returning id`,
    [refund.videoId, refund.refundId, refund.message],
  );
  return rows.length === 1;
}
