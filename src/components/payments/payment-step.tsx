import { lazy, Suspense } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ShieldIcon } from "@/components/ui/icons";
import { Skeleton } from "@/components/ui/skeleton";
import { useConfirmTestPayment } from "@/data/payments/confirm-test-payment";
import type { PaymentIntent } from "@domain/contracts/create-payment-intent";
import { env } from "@/lib/env";
import { formatPrice } from "@/lib/format-price";

// Stripe's libraries are only fetched when a real card payment is shown, never with the page.
const StripeCheckout = lazy(() => import("@/components/payments/stripe-checkout"));

/**
 * How one intent gets paid: Stripe Elements with real keys, or a clearly labelled test payment
 * when the server has none. `onPaid` runs once the payment was accepted (what it buys arrives
 * only with the webhook's settlement); `onError` gets a failure and, where it helps, a retry.
 */
export function PaymentStep({
  intent,
  onPaid,
  onError,
}: {
  intent: PaymentIntent;
  onPaid: () => void;
  onError: (error: unknown, retry?: () => void) => void;
}) {
  if (intent.testMode) {
    return <TestPayment paymentIntentId={intent.paymentIntentId} onPaid={onPaid} onError={onError} />;
  }
  if (!env.stripePublishableKey) {
    return (
      <Alert title="Card payments aren't set up in this build">
        The server takes real payments, but this app was built without VITE_STRIPE_PUBLISHABLE_KEY.
      </Alert>
    );
  }
  return (
    <Suspense fallback={<Skeleton className="h-40 w-full" />}>
      <StripeCheckout
        publishableKey={env.stripePublishableKey}
        clientSecret={intent.clientSecret}
        priceLabel={formatPrice(intent.amount, intent.currency)}
        onPaid={onPaid}
        onError={onError}
      />
    </Suspense>
  );
}

function TestPayment({
  paymentIntentId,
  onPaid,
  onError,
}: {
  paymentIntentId: string;
  onPaid: () => void;
  onError: (error: unknown, retry?: () => void) => void;
}) {
  const confirm = useConfirmTestPayment();
  const complete = () =>
    confirm.mutate({ paymentIntentId }, { onSuccess: onPaid, onError: (error) => onError(error, complete) });
  return (
    <div
      role="region"
      aria-label="Test payment"
      className="space-y-3 rounded-xl border-2 border-dashed border-amber-400 bg-amber-50 p-4 text-amber-950 dark:bg-amber-500/10 dark:text-amber-100"
    >
      <p className="flex items-center gap-2 font-semibold">
        <ShieldIcon className="size-4" />
        Test payment — no card is charged
      </p>
      <p className="text-sm">
        This server has no Stripe keys, so the payment is settled locally through the same signed webhook a
        real one would use.
      </p>
      <Button className="w-full" onClick={complete} loading={confirm.isPending} disabled={confirm.isSuccess}>
        Complete test payment
      </Button>
    </div>
  );
}
