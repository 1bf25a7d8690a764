import { Card } from "@/components/ui/card";
import { InlineLoadError } from "@/components/ui/inline-load-error";
import { Skeleton } from "@/components/ui/skeleton";
import { useCreditBalance } from "@/data/account/get-credit-balance";
import { BuyCredits } from "@/features/credits/components/buy-credits";
import { formatCredits } from "@/lib/format";

/** /credits: the balance and the packs to buy, paid by card or, without Stripe keys, a test payment. */
export default function CreditsPage() {
  const balance = useCreditBalance();
  return (
    <div className="mx-auto w-full max-w-5xl space-y-6 px-4 py-8 sm:px-6 sm:py-12">
      <header>
        <h1 className="text-3xl font-bold tracking-tight text-ink sm:text-4xl">Buy credits</h1>
        <p className="mt-2 max-w-xl text-muted">
          Images cost a few credits each, depending on the model; a batch takes one image's credits per row.
        </p>
      </header>
      <Card className="p-5 sm:p-6">
        <h2 className="text-sm font-semibold uppercase tracking-wider text-muted">Credit balance</h2>
        <div className="mt-2">
          {balance.isPending
            ? <Skeleton className="h-10 w-40" />
            : balance.isError
            ? (
              <InlineLoadError onRetry={() => void balance.refetch()}>
                Couldn't load your balance.
              </InlineLoadError>
            )
            : (
              <p className="flex items-baseline gap-2">
                <span className="text-4xl font-bold tabular-nums text-ink" data-testid="credit-balance">
                  {formatCredits(balance.data)}
                </span>
                <span className="text-muted">credits</span>
              </p>
            )}
        </div>
      </Card>
      <Card className="p-5 sm:p-6">
        <h2 className="mb-4 text-lg font-semibold text-ink">Credit packs</h2>
        <BuyCredits />
      </Card>
    </div>
  );
}
