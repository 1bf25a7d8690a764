import Stripe from "stripe";
import { stripeCrypto, webhookSecret } from "../payments/stripe-config.ts";
import type { Runtime } from "../runtime.ts";
import { handleStripeWebhook, type WebhookResult } from "../stripe-webhook/stripe-webhook-handler.ts";

/** Signs the event as Stripe would and runs the webhook handler on it. */
export async function deliverTestEvent(runtime: Runtime, event: { id: string }): Promise<WebhookResult> {
  const payload = JSON.stringify(event, null, 2);
  const signature = await Stripe.webhooks.generateTestHeaderStringAsync({
    payload,
    secret: await webhookSecret(runtime.env),
    cryptoProvider: stripeCrypto,
  });
  const request = new Request("http://localhost/stripe-webhook", {
    method: "POST",
    headers: { "content-type": "application/json", "stripe-signature": signature },
    body: payload,
  });
  const response = await handleStripeWebhook(runtime, request);
  return await response.json();
}
