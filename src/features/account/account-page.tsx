import { Card } from "@/components/ui/card";
import { LoadErrorCard } from "@/components/ui/load-error-card";
import { useAccount } from "@/data/account/get-account";
import { AccountSkeleton } from "@/features/account/components/account-skeleton";
import { CreditsCard } from "@/features/account/components/credits-card";
import { LedgerList } from "@/features/account/components/ledger-list";
import { PaymentsList } from "@/features/account/components/payments-list";
import { ProfileCard, profileName } from "@/features/account/components/profile-card";

export default function AccountPage() {
  const account = useAccount();
  const pages = account.data?.pages ?? [];
  const firstPage = pages[0];

  return (
    <div className="mx-auto w-full max-w-5xl px-4 py-8 sm:px-6 sm:py-12">
      <header className="mb-8">
        <h1 className="text-3xl font-bold tracking-tight text-ink sm:text-4xl">Your account</h1>
        <p className="mt-2 text-muted">
          {firstPage
            ? `Hi ${profileName(firstPage.profile)} — here's your profile and credits.`
            : "Profile, credits and history."}
        </p>
      </header>

      {account.isPending ? <AccountSkeleton /> : account.isError && !firstPage
        ? (
          <LoadErrorCard
            what="your account"
            error={account.error}
            retrying={account.isFetching}
            onRetry={() => void account.refetch()}
          />
        )
        : firstPage
        ? (
          <div className="space-y-6">
            <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
              <ProfileCard profile={firstPage.profile} />
              <CreditsCard balance={firstPage.credits.balance} />
            </div>
            <Card className="overflow-hidden">
              <div className="flex items-center justify-between border-b border-line px-5 py-4 sm:px-6">
                <h2 className="text-base font-semibold text-ink">Credit history</h2>
                {account.isRefetching && !account.isFetchingNextPage
                  ? <span className="text-sm text-muted">Updating…</span>
                  : null}
              </div>
              <LedgerList
                entries={pages.flatMap((page) => page.ledger.entries)}
                hasMore={account.hasNextPage}
                loadingMore={account.isFetchingNextPage}
                loadMoreFailed={account.isFetchNextPageError}
                onLoadMore={() => void account.fetchNextPage()}
              />
            </Card>
            <Card className="overflow-hidden">
              <div className="border-b border-line px-5 py-4 sm:px-6">
                <h2 className="text-base font-semibold text-ink">Payments</h2>
              </div>
              <PaymentsList payments={firstPage.payments ?? []} />
            </Card>
          </div>
        )
        : null}
    </div>
  );
}
