/** The Stripe calls create-payment-intent makes for videos and credit packs alike. */
import Stripe from "stripe";
import { ApiError } from "../http/errors.ts";
import { log } from "../log.ts";

/** An intent in these states can still be paid, so a repeated call hands it out again. */
export const payableIntentStatuses = new Set([
  "requires_payment_method",
  "requires_confirmation",
  "requires_action",
  "processing",
]);

export function stripeFailure(error: unknown, action: string): never {
  if (error instanceof Stripe.errors.StripeError) {
    log.error("stripe request failed", {
      action,
      type: error.type,
      code: error.code,
      message: error.message,
    });
    throw new ApiError(502, "PROVIDER_ERROR", "Stripe did not answer as expected. Try again in a moment.", {
      provider: "stripe",
      ...(error.code ? { stripeCode: error.code } : {}),
    });
  }
  throw error;
}

export async function retrieveIntent(stripe: Stripe, id: string) {
  try {
    return await stripe.paymentIntents.retrieve(id);
  } catch (error) {
    if (error instanceof Stripe.errors.StripeInvalidRequestError && error.code === "resource_missing") {
      return undefined;
    }
    stripeFailure(error, "retrieve payment intent");
  }
}
