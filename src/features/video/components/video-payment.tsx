import { PaymentStep } from "@/components/payments/payment-step";
import { Button } from "@/components/ui/button";
import { CoinsIcon } from "@/components/ui/icons";
import { useCreatePaymentIntent } from "@/features/video/api/create-payment-intent";
import type { VideoResolution } from "@domain/video-options";
import { showErrorToast } from "@/lib/error-toast";
import { formatPrice } from "@/lib/format-price";

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
        ? (
          <PaymentStep
            intent={intent.data}
            onPaid={onPaid}
            onError={(error, retry) => showErrorToast(error, { id: "video-payment", retry })}
          />
        )
        : (
          <Button className="w-full" onClick={start} loading={intent.isPending}>
            {intent.isPending ? null : <CoinsIcon className="size-4" />}
            {priceLabel ? `Pay ${priceLabel}` : "Pay"}
          </Button>
        )}
    </section>
  );
}
