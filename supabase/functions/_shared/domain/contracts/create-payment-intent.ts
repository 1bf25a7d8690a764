/**
 * The `create-payment-intent` function's contract (the signed-in user's own videos, and credit
 * packs from domain/credit-packs.ts). It only quotes and records a pending payment; a video becomes
 * paid, and a pack's credits are granted, solely through the signature-verified stripe-webhook,
 * whatever the client says.
 *   POST /create-payment-intent                createBody → paymentIntent
 *   POST /create-payment-intent/credits        createCreditsBody → creditPaymentIntent
 *   POST /create-payment-intent/test-confirm   testConfirmBody → testPaymentConfirmed (test-payment mode
 *                                              only; settles a video's or a credit purchase's intent)
 */
import * as z from "zod/mini";
import { creditPackIds } from "../credit-packs.ts";
import { line, uuid } from "./text.ts";

export const createBody = z.strictObject({ videoId: uuid("videoId must be a video id (a UUID).") });

export const createCreditsBody = z.strictObject({
  packId: line().check(
    z.refine((id) => creditPackIds.includes(id), {
      message: `packId must be one of ${creditPackIds.join(", ")}`,
    }),
  ),
});
export type CreateCreditsBody = z.infer<typeof createCreditsBody>;

export const testConfirmBody = z.strictObject({
  paymentIntentId: line().check(z.minLength(1), z.maxLength(255)),
});

export const paymentIntent = z.object({
  paymentIntentId: z.string(),
  clientSecret: z.string(),
  /** Cents of `currency`. */
  amount: z.number(),
  currency: z.string(),
  /** A local test payment (no Stripe keys on the server): no card is taken, /test-confirm settles it. */
  testMode: z.boolean(),
  /** The SPA needs VITE_STRIPE_PUBLISHABLE_KEY to show Stripe Elements for this intent. */
  publishableKeyRequired: z.boolean(),
});
export type PaymentIntent = z.infer<typeof paymentIntent>;

/** A credit pack's intent: the video intent's fields, and what is being bought. */
export const creditPaymentIntent = z.extend(paymentIntent, {
  purchaseId: z.string(),
  packId: z.string(),
  /** The credits the webhook grants once the intent succeeds. */
  credits: z.number(),
});
export type CreditPaymentIntent = z.infer<typeof creditPaymentIntent>;

export const testPaymentConfirmed = z.object({ status: z.literal("succeeded") });
export type TestPaymentConfirmed = z.infer<typeof testPaymentConfirmed>;
