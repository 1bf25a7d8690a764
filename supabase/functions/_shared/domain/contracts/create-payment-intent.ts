/**
 * The `create-payment-intent` function's contract (for the signed-in user's own videos). It only
 * quotes and records a pending payment; a video becomes paid solely through the signature-verified
 * stripe-webhook, whatever the client says.
 *   POST /create-payment-intent                createBody → paymentIntent
 *   POST /create-payment-intent/test-confirm   testConfirmBody → testPaymentConfirmed (test-payment mode only)
 */
import * as z from "zod/mini";
import { line, uuid } from "./text.ts";

export const createBody = z.strictObject({ videoId: uuid("videoId must be a video id (a UUID).") });

export const testConfirmBody = z.strictObject({ paymentIntentId: line().check(z.minLength(1), z.maxLength(255)) });

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

export const testPaymentConfirmed = z.object({ status: z.literal("succeeded") });
export type TestPaymentConfirmed = z.infer<typeof testPaymentConfirmed>;
