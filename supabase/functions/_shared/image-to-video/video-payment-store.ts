/**
 * The video rows' payment columns. Users read their own videos under RLS; every write here runs in
 * the service context, because users hold no UPDATE on public.videos (payment is the service's).
 */
import type { Tx } from "../db/db.ts";
import type { VideoResolution } from "../domain/video-options.ts";

export interface VideoPaymentRow {
  id: string;
  userId: string;
  status: string;
  resolution: VideoResolution;
  paymentStatus: "unpaid" | "pending" | "paid" | "failed" | "refunded";
  paymentIntentId: string | null;
  paymentAmountCents: number | null;
  currency: string;
}

const paymentColumns = `id, user_id as "userId", status, resolution, payment_status as "paymentStatus",
  payment_intent_id as "paymentIntentId", payment_amount_cents as "paymentAmountCents", currency`;

/**
 * The caller's own video, read under their claims. The owner test is explicit because RLS also
 * lets admins read every video, and nobody pays for someone else's.
 */
export async function findOwnVideo(
  tx: Tx,
  videoId: string,
  userId: string,
): Promise<VideoPaymentRow | undefined> {
  const rows = await tx.query<VideoPaymentRow>(
    `select ${paymentColumns} from public.videos where id = $1 and user_id = $2`,
    [videoId, userId],
  );
  return rows[0];
}

export async function findOwnVideoByIntent(
  tx: Tx,
  paymentIntentId: string,
  userId: string,
): Promise<VideoPaymentRow | undefined> {
  const rows = await tx.query<VideoPaymentRow>(
    `select ${paymentColumns} from public.videos where payment_intent_id = $1 and user_id = $2`,
    [paymentIntentId, userId],
  );
  return rows[0];
}

/** Locks the row for the rest of the transaction, so two writers decide about one video one at a time. */
export async function lockVideo(tx: Tx, videoId: string): Promise<VideoPaymentRow | undefined> {
  const rows = await tx.query<VideoPaymentRow>(
    `select ${paymentColumns} from public.videos where id = $1 for update`,
    [videoId],
  );
  return rows[0];
}

export interface PendingPayment {
  videoId: string;
  userId: string;
  paymentIntentId: string;
  amountCents: number;
  currency: string;
}

/**
 * Records the intent the user is about to pay. Refused (undefined) when the video was paid or left
 * preview_ready meanwhile, so a create call racing a settlement never overwrites it.
 */
export async function recordPendingPayment(tx: Tx, payment: PendingPayment): Promise<string | undefined> {
  const rows = await tx.query<{ paymentIntentId: string }>(
    `update public.videos
        set payment_intent_id = $3, payment_amount_cents = $4, currency = $5, payment_status = 'pending'
      where id = $1 and user_id = $2 and status = 'preview_ready' and payment_status <> 'paid'
      returning payment_intent_id as "paymentIntentId"`,
    [payment.videoId, payment.userId, payment.paymentIntentId, payment.amountCents, payment.currency],
  );
  return rows[0]?.paymentIntentId;
}

/** The one place a video becomes paid: called only by the signature-verified webhook. */
export async function settleVideo(tx: Tx, videoId: string): Promise<void> {
  await tx.query(
    `update public.videos
        set payment_status = 'paid', paid_at = now(), status = 'rendering', error = null
      where id = $1 and payment_status not in ('paid', 'refunded')`,
    [videoId],
  );
}

export async function markPaymentFailed(tx: Tx, videoId: string): Promise<void> {
  await tx.query(
    `update public.videos set payment_status = 'failed' where id = $1 and payment_status not in ('paid', 'refunded')`,
    [videoId],
  );
}
