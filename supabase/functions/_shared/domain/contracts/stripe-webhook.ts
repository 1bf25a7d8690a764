/**
 * The `stripe-webhook` function's contract. It takes no JWT: Stripe proves itself with the
 * Stripe-Signature header over the raw body, so the body is read as text, verified, and only
 * then read as an event.
 *   POST /stripe-webhook   raw body ≤ maxWebhookBytes, a stripeEvent once verified → webhookReceipt
 */
import * as z from "zod/mini";
import { line } from "./text.ts";

/** Stripe's payment_intent events are a few kilobytes; anything near this is not one of them. */
export const maxWebhookBytes = 256 * 1024;

export const stripeEvent = z.object({
  id: line().check(z.regex(/^evt_[A-Za-z0-9_]+$/), z.maxLength(255)),
  object: z.literal("event"),
  type: line().check(z.minLength(1), z.maxLength(100)),
  livemode: z.optional(z.boolean()),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});
export type StripeEvent = z.infer<typeof stripeEvent>;

/**
 * metadata.purpose of an intent create-payment-intent opened for a credit pack (with purchaseId,
 * userId and packId); a video's intent has no purpose (videoId and userId).
 */
export const creditPurchasePurpose = "credits";

/** The `data.object` of a payment_intent.* event. */
export const stripePaymentIntent = z.object({
  id: line().check(z.minLength(1), z.maxLength(255)),
  object: z.literal("payment_intent"),
  amount: z.int(),
  currency: z.string(),
  status: z.string(),
  metadata: z._default(z.record(z.string(), z.string()), {}),
});
export type StripePaymentIntent = z.infer<typeof stripePaymentIntent>;

export const webhookOutcomes = ["settled", "marked_failed", "ignored"] as const;
export type WebhookOutcome = (typeof webhookOutcomes)[number];

/** Stripe needs only the 2xx; the rest says what the event did, for the logs and the tests. */
export const webhookReceipt = z.object({
  received: z.literal(true),
  /** This event id was processed before: nothing was done again. */
  duplicate: z.optional(z.literal(true)),
  outcome: z.optional(z.enum(webhookOutcomes)),
  detail: z.optional(z.string()),
});
export type WebhookReceipt = z.infer<typeof webhookReceipt>;
