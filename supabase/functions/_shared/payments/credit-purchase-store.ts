/**
 * Credit purchases (public.credit_purchases). Users read their own under RLS; every write runs in
 * the service context, because users hold no INSERT or UPDATE there (settlement is the webhook's).
 */
import type { Tx } from "../db/db.ts";
import type { CreditPack } from "../domain/credit-packs.ts";

export type CreditPurchaseStatus = "pending" | "paid" | "failed" | "canceled";

export interface CreditPurchaseRow {
  id: string;
  userId: string;
  packId: string;
  credits: number;
  amountCents: number;
  currency: string;
  paymentIntentId: string | null;
  status: CreditPurchaseStatus;
}

const purchaseColumns = `id, user_id as "userId", pack_id as "packId", credits, amount_cents as "amountCents",
  currency, payment_intent_id as "paymentIntentId", status`;

/** Serializes one user's purchase creation, so two clicks at once find one pending purchase. */
export async function lockUserPurchases(tx: Tx, userId: string): Promise<void> {
  await tx.query("select pg_advisory_xact_lock(hashtext('credit-purchases:' || $1))", [userId]);
}

/** A new pending purchase, priced from the pack as it is now. */
export async function insertPendingPurchase(
  tx: Tx,
  userId: string,
  pack: CreditPack,
): Promise<CreditPurchaseRow> {
  const [row] = await tx.query<CreditPurchaseRow>(
    `insert into public.credit_purchases (user_id, pack_id, credits, amount_cents, currency)
     values ($1, $2, $3, $4, $5) returning ${purchaseColumns}`,
    [userId, pack.id, pack.credits, pack.amountCents, pack.currency],
  );
  return row;
}

export async function attachIntent(tx: Tx, purchaseId: string, paymentIntentId: string): Promise<void> {
  await tx.query(
    "update public.credit_purchases set payment_intent_id = $2 where id = $1 and status = 'pending'",
    [purchaseId, paymentIntentId],
  );
}

/**
 * The caller's latest pending purchase of this pack at today's price that has an intent: a repeated
 * click hands that intent out again instead of opening another. Read under the caller's claims.
 */
export async function findReusablePurchase(
  tx: Tx,
  userId: string,
  pack: CreditPack,
): Promise<CreditPurchaseRow | undefined> {
  const [row] = await tx.query<CreditPurchaseRow>(
    `select ${purchaseColumns} from public.credit_purchases
      where user_id = $1 and pack_id = $2 and credits = $3 and amount_cents = $4 and currency = $5
        and status = 'pending' and payment_intent_id is not null
      order by created_at desc limit 1`,
    [userId, pack.id, pack.credits, pack.amountCents, pack.currency],
  );
  return row;
}

/** The caller's own purchase with this intent; explicit about the owner because admins may read all. */
export async function findOwnPurchaseByIntent(
  tx: Tx,
  paymentIntentId: string,
  userId: string,
): Promise<CreditPurchaseRow | undefined> {
  const [row] = await tx.query<CreditPurchaseRow>(
    `select ${purchaseColumns} from public.credit_purchases where payment_intent_id = $1 and user_id = $2`,
    [paymentIntentId, userId],
  );
  return row;
}

/** Locks the row for the rest of the transaction, so two deliveries decide about one purchase one at a time. */
export async function lockPurchase(tx: Tx, purchaseId: string): Promise<CreditPurchaseRow | undefined> {
  const [row] = await tx.query<CreditPurchaseRow>(
    `select ${purchaseColumns} from public.credit_purchases where id = $1 for update`,
    [purchaseId],
  );
  return row;
}

export async function markPurchasePaid(tx: Tx, purchaseId: string): Promise<void> {
  await tx.query(
    "update public.credit_purchases set status = 'paid', paid_at = now() where id = $1 and status <> 'paid'",
    [purchaseId],
  );
}

/** A failed or canceled intent ends an unpaid purchase; a paid one stays paid. */
export async function markPurchaseUnpaid(
  tx: Tx,
  purchaseId: string,
  status: "failed" | "canceled",
): Promise<void> {
  await tx.query(
    "update public.credit_purchases set status = $2 where id = $1 and status <> 'paid'",
    [purchaseId, status],
  );
}
