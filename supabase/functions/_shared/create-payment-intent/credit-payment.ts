/**
 * Intents for credit packs. A purchase row is recorded pending with the pack's price before Stripe
 * is asked, so the intent's metadata can name it; its credits are granted only by the webhook.
 */
import type * as contract from "../domain/contracts/create-payment-intent.ts";
import { creditPurchasePurpose } from "../domain/contracts/stripe-webhook.ts";
import { type CreditPack, findCreditPack } from "../domain/credit-packs.ts";
import type { UserClaims } from "../http/auth.ts";
import { badRequest } from "../http/errors.ts";
import type { Runtime } from "../runtime.ts";
import {
  attachIntent,
  type CreditPurchaseRow,
  findReusablePurchase,
  insertPendingPurchase,
  lockUserPurchases,
  markPurchaseUnpaid,
} from "../payments/credit-purchase-store.ts";
import { payableIntentStatuses, retrieveIntent, stripeFailure } from "../payments/stripe-calls.ts";
import { paymentsMode, stripeClient } from "../payments/stripe-config.ts";
import {
  isTestPaymentIntentId,
  newTestPaymentIntentId,
  testClientSecret,
} from "../payments/test-payments.ts";

/** What the webhook reads back: `purpose` tells a credit purchase from a video payment. */
export function creditIntentMetadata(purchase: CreditPurchaseRow): Record<string, string> {
  return {
    purpose: creditPurchasePurpose,
    purchaseId: purchase.id,
    userId: purchase.userId,
    packId: purchase.packId,
  };
}

function answer(
  purchase: CreditPurchaseRow,
  intent: { id: string; clientSecret: string },
  testMode: boolean,
): contract.CreditPaymentIntent {
  return {
    paymentIntentId: intent.id,
    clientSecret: intent.clientSecret,
    amount: purchase.amountCents,
    currency: purchase.currency,
    testMode,
    publishableKeyRequired: !testMode,
    purchaseId: purchase.id,
    packId: purchase.packId,
    credits: purchase.credits,
  };
}

/**
 * A pending purchase of this pack whose intent can still be paid is handed out again, so a double
 * click opens one intent. Otherwise a new purchase, and an intent created under an idempotency key
 * made from it (a retried request after a lost answer gets the same intent back).
 */
async function createStripePurchase(
  runtime: Runtime,
  user: UserClaims,
  pack: CreditPack,
): Promise<contract.CreditPaymentIntent> {
  const stripe = stripeClient(runtime.env);
  const pending = await runtime.db.withClaims(user, (tx) => findReusablePurchase(tx, user.sub, pack));
  if (pending?.paymentIntentId && !isTestPaymentIntentId(pending.paymentIntentId)) {
    const existing = await retrieveIntent(stripe, pending.paymentIntentId);
    if (
      existing?.client_secret && payableIntentStatuses.has(existing.status) &&
      existing.amount === pending.amountCents && existing.currency === pending.currency &&
      existing.metadata?.purchaseId === pending.id
    ) {
      return answer(pending, { id: existing.id, clientSecret: existing.client_secret }, false);
    }
  }
  const purchase = await runtime.db.asService((tx) => insertPendingPurchase(tx, user.sub, pack));
  let intent;
  try {
    intent = await stripe.paymentIntents.create({
      amount: purchase.amountCents,
      currency: purchase.currency,
      automatic_payment_methods: { enabled: true },
      description: `Personify ${pack.label}`,
      metadata: creditIntentMetadata(purchase),
    }, { idempotencyKey: `credit-purchase:${purchase.id}` });
  } catch (error) {
    await runtime.db.asService((tx) => markPurchaseUnpaid(tx, purchase.id, "failed"));
    stripeFailure(error, "create payment intent");
  }
  await runtime.db.asService((tx) => attachIntent(tx, purchase.id, intent.id));
  if (!intent.client_secret) {
    throw new Error(`Stripe returned payment intent ${intent.id} without a client secret`);
  }
  return answer(purchase, { id: intent.id, clientSecret: intent.client_secret }, false);
}

/** Test-payment mode: a local intent, reused while its purchase is pending (one at a time per user). */
async function createTestPurchase(
  runtime: Runtime,
  user: UserClaims,
  pack: CreditPack,
): Promise<contract.CreditPaymentIntent> {
  const purchase = await runtime.db.asService(async (tx) => {
    await lockUserPurchases(tx, user.sub);
    const pending = await findReusablePurchase(tx, user.sub, pack);
    if (pending && isTestPaymentIntentId(pending.paymentIntentId)) return pending;
    const created = await insertPendingPurchase(tx, user.sub, pack);
    const paymentIntentId = newTestPaymentIntentId();
    await attachIntent(tx, created.id, paymentIntentId);
    return { ...created, paymentIntentId };
  });
  const id = purchase.paymentIntentId!;
  return answer(purchase, { id, clientSecret: await testClientSecret(runtime.env, id) }, true);
}

export async function createCreditPayment(
  runtime: Runtime,
  user: UserClaims,
  packId: string,
): Promise<contract.CreditPaymentIntent> {
  const pack = findCreditPack(packId);
  if (!pack) throw badRequest(`No credit pack "${packId}".`, { field: "packId" });
  return paymentsMode(runtime.env) === "stripe"
    ? await createStripePurchase(runtime, user, pack)
    : await createTestPurchase(runtime, user, pack);
}
