import { lazy, Suspense } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CoinsIcon, ShieldIcon } from "@/components/ui/icons";
import { Skeleton } from "@/components/ui/skeleton";
import { useConfirmTestPayment } from "@/features/video/api/confirm-test-payment";
import { useCreatePaymentIntent } from "@/features/video/api/create-payment-intent";
import type { PaymentIntent } from "@domain/contracts/create-payment-intent";
import { formatPrice } from "@/features/video/lib/format-price";
import type { VideoResolution } from "@domain/video-options";
import { env } from "@/lib/env";
import { showErrorToast } from "@/lib/error-toast";

// Stripe's libraries are only fetched when a real card payment is shown, never with the page.
const StripeCheckout = lazy(() => import("@/features/video/components/stripe-checkout"));

/**
 * The price of the full video, then the payment: Stripe Elements with real keys, or a clearly
 * labelled test payment when the server has none. `onPaid` runs once the payment was accepted;
 * only the webhook's settlement unlocks the download.
 */
export function VideoPayment({
  videoId,
  amount,
  currency,
  resolution,
  onPaid,
}: {
  videoId: string;
  /** Cents; null when the server has no price for this video. */
  amount: number | null;
  currency: string;
  resolution: VideoResolution;
  onPaid: () => void;
}) {
  const intent = useCreatePaymentIntent();
  const priceLabel = amount === null ? null : formatPrice(amount, currency);

  const start = () =>
    intent.mutate({ videoId }, {
      onError: (error) => showErrorToast(error, { id: "video-payment", retry: start }),
    });

  return (
    <section aria-labelledby={`${videoId}-pay`} className="space-y-4 rounded-xl border border-line p-4">
      <div className="flex items-start justify-between gap-4">
        <div>
          <h3 id={`${videoId}-pay`} className="font-semibold text-ink">
            Full {resolution} video, no watermark
          </h3>
          <p className="text-sm text-muted">Pay once to render and download it.</p>
        </div>
        {priceLabel
          ? (
            <p className="text-2xl font-bold tabular-nums text-ink" data-testid="video-price">
              {priceLabel}
            </p>
          )
          : null}
      </div>
      {intent.data
        ? <PaymentStep intent={intent.data} onPaid={onPaid} />
        : (
          <Button className="w-full" onClick={start} loading={intent.isPending}>
            {intent.isPending ? null : <CoinsIcon className="size-4" />}
            {priceLabel ? `Pay ${priceLabel}` : "Pay"}
          </Button>
        )}
    </section>
  );
}

function PaymentStep({ intent, onPaid }: { intent: PaymentIntent; onPaid: () => void }) {
  if (intent.testMode) return <TestPayment paymentIntentId={intent.paymentIntentId} onPaid={onPaid} />;
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
      />
    </Suspense>
  );
}

function TestPayment({ paymentIntentId, onPaid }: { paymentIntentId: string; onPaid: () => void }) {
  const confirm = useConfirmTestPayment();
  const complete = () =>
    confirm.mutate(
      { paymentIntentId },
      {
        onSuccess: onPaid,
        onError: (error) => showErrorToast(error, { id: "video-payment", retry: complete }),
      },
    );
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
