import { createFunction } from "../_shared/http/handler.ts";
import { createStripeWebhookHandler } from "../_shared/payments/stripe-webhook.ts";
import { getRuntime } from "../_shared/runtime.ts";

export default createFunction("stripe-webhook", createStripeWebhookHandler(getRuntime));
