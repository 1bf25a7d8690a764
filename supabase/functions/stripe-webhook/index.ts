import { createFunction } from "../_shared/http/handler.ts";
import { createStripeWebhookHandler } from "../_shared/stripe-webhook/stripe-webhook-handler.ts";
import { getRuntime } from "../_shared/runtime.ts";

export default createFunction("stripe-webhook", createStripeWebhookHandler(getRuntime));
