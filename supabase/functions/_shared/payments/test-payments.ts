/**
 * Test-payment mode (no STRIPE_SECRET_KEY, the local default): local intents, and a
 * `payment_intent.succeeded` event shaped as Stripe sends it, signed with the webhook secret by the
 * stripe library and handed to the webhook's own handler (create-payment-intent/deliver-test-event.ts),
 * so a test payment settles through exactly the code a real one does.
 */
import Stripe from "stripe";
import type { Runtime } from "../runtime.ts";
import { hex, hmacSha256Hex, webhookSecret } from "./stripe-config.ts";

export const testIntentPrefix = "pi_localtest_";

function randomHex(bytes: number): string {
  return hex(crypto.getRandomValues(new Uint8Array(bytes)));
}

export function newTestPaymentIntentId(): string {
  return `${testIntentPrefix}${randomHex(12)}`;
}

export function isTestPaymentIntentId(id: string | null): boolean {
  return id?.startsWith(testIntentPrefix) ?? false;
}

/** Stripe's `<intent id>_secret_<token>` form, derived rather than stored; nothing consumes it offline. */
export async function testClientSecret(env: Runtime["env"], intentId: string): Promise<string> {
  return `${intentId}_secret_${(await hmacSha256Hex(await webhookSecret(env), intentId)).slice(0, 24)}`;
}

export interface TestPayment {
  paymentIntentId: string;
  amountCents: number;
  currency: string;
  /** The intent's metadata as create-payment-intent would have set it on a Stripe intent. */
  metadata: Record<string, string>;
  description: string;
}

/** A snapshot event as Stripe delivers it for a PaymentIntent that has just succeeded. */
export function succeededEvent(payment: TestPayment, now = new Date()) {
  const created = Math.floor(now.getTime() / 1000);
  return {
    id: `evt_localtest_${randomHex(12)}`,
    object: "event",
    api_version: Stripe.API_VERSION,
    created,
    data: {
      object: {
        id: payment.paymentIntentId,
        object: "payment_intent",
        amount: payment.amountCents,
        amount_capturable: 0,
        amount_received: payment.amountCents,
        automatic_payment_methods: { allow_redirects: "always", enabled: true },
        capture_method: "automatic_async",
        client_secret: null,
        confirmation_method: "automatic",
        created,
        currency: payment.currency,
        customer: null,
        description: `${payment.description} (test payment)`,
        last_payment_error: null,
        latest_charge: null,
        livemode: false,
        metadata: payment.metadata,
        next_action: null,
        payment_method: null,
        payment_method_types: ["card"],
        status: "succeeded",
      },
    },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: "payment_intent.succeeded",
  };
}
