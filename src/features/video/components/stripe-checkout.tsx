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

/** Stripe Elements for one PaymentIntent; `onPaid` runs once Stripe has accepted the payment. */
export default function StripeCheckout({
  publishableKey,
  clientSecret,
  priceLabel,
  onPaid,
}: {
  publishableKey: string;
  clientSecret: string;
  priceLabel: string;
  onPaid: () => void;
}) {
  return (
    <Elements stripe={stripeFor(publishableKey)} options={{ clientSecret }}>
      <CheckoutForm priceLabel={priceLabel} onPaid={onPaid} />
    </Elements>
  );
}

function CheckoutForm({ priceLabel, onPaid }: { priceLabel: string; onPaid: () => void }) {
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
        showErrorToast(new Error(result.error.message ?? "The payment didn't go through."), {
          id: "video-payment",
        });
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
