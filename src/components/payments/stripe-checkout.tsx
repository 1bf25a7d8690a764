import { Elements, PaymentElement, useElements, useStripe } from "@stripe/react-stripe-js";
import { loadStripe, type Stripe } from "@stripe/stripe-js";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { showErrorToast } from "@/lib/error-toast";

const stripeByKey = new Map<string, Promise<Stripe | null>>();

/** Stripe.js is fetched once per key, and only when a card payment is actually shown. */
function stripeFor(publishableKey: string) {
  let stripe = stripeByKey.get(publishableKey);
  if (!stripe) {
    stripe = loadStripe(publishableKey);
    stripeByKey.set(publishableKey, stripe);
  }
  return stripe;
}

const toastFailure = (error: Error) => showErrorToast(error, { id: "payment" });

/**
 * Stripe Elements for one PaymentIntent; `onPaid` runs once Stripe has accepted the payment, and
 * `onError` gets a refusal (a toast unless the caller shows it itself, as a modal dialog must).
 */
export default function StripeCheckout({
  publishableKey,
  clientSecret,
  priceLabel,
  onPaid,
  onError = toastFailure,
}: {
  publishableKey: string;
  clientSecret: string;
  priceLabel: string;
  onPaid: () => void;
  onError?: (error: Error) => void;
}) {
  return (
    <Elements stripe={stripeFor(publishableKey)} options={{ clientSecret }}>
      <CheckoutForm priceLabel={priceLabel} onPaid={onPaid} onError={onError} />
    </Elements>
  );
}

function CheckoutForm({
  priceLabel,
  onPaid,
  onError,
}: {
  priceLabel: string;
  onPaid: () => void;
  onError: (error: Error) => void;
}) {
  const stripe = useStripe();
  const elements = useElements();
  const [paying, setPaying] = useState(false);

  const pay = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!stripe || !elements) return;
    setPaying(true);
    try {
      // Cards settle here; methods that need a bank's page come back to this one.
      const result = await stripe.confirmPayment({
        elements,
        redirect: "if_required",
        confirmParams: { return_url: window.location.href },
      });
      if (result.error) {
        onError(new Error(result.error.message ?? "The payment didn't go through."));
        return;
      }
      onPaid();
    } finally {
      setPaying(false);
    }
  };

  return (
    <form onSubmit={(event) => void pay(event)} className="space-y-4">
      <PaymentElement />
      <Button type="submit" className="w-full" loading={paying} disabled={!stripe || !elements}>
        Pay {priceLabel}
      </Button>
    </form>
  );
}
