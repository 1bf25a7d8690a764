import { Link } from "react-router-dom";
import { CoinsIcon } from "@/components/ui/icons";
import { Skeleton } from "@/components/ui/skeleton";
import { paths } from "@/config/paths";
import { formatCredits } from "@/lib/format";

/** The credit balance, linking to the account page where credits are explained and bought. */
export function CreditBalance({ balance, failed }: { balance: number | undefined; failed: boolean }) {
  if (balance === undefined) {
    return failed
      ? (
        <Link
          to={paths.account.href()}
          className="text-sm font-medium text-muted underline-offset-4 hover:underline"
        >
          Balance unavailable
        </Link>
      )
      : <Skeleton className="h-9 w-32 rounded-full" />;
  }
  return (
    <Link
      to={paths.account.href()}
      className="inline-flex h-9 items-center gap-2 rounded-full border border-line bg-surface px-3.5 text-sm font-medium text-ink shadow-sm hover:bg-sunken"
    >
      <CoinsIcon className="size-4 text-violet-600 dark:text-violet-300" />
      <span>
        <span data-testid="credit-balance" className="font-semibold tabular-nums">
          {formatCredits(balance)}
        </span>{" "}
        {balance === 1 ? "credit" : "credits"}
      </span>
    </Link>
  );
}
