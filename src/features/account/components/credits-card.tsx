import { Link } from "react-router-dom";
import { Card } from "@/components/ui/card";
import { SparklesIcon } from "@/components/ui/icons";
import { paths } from "@/config/paths";
import { formatCredits } from "@/lib/format";

export function CreditsCard({ balance }: { balance: number }) {
  return (
    <Card className="relative overflow-hidden border-transparent bg-brand-gradient-deep p-5 text-white shadow-lg shadow-fuchsia-700/20 sm:p-6">
      <div
        className="absolute -right-10 -top-10 size-40 rounded-full bg-white/15 blur-2xl"
        aria-hidden="true"
      />
      <h2 className="relative text-sm font-semibold uppercase tracking-wider text-white/90">
        Credit balance
      </h2>
      <p className="relative mt-3 flex items-baseline gap-2">
        <span className="text-5xl font-bold tabular-nums tracking-tight" data-testid="credit-balance">
          {formatCredits(balance)}
        </span>
        <span className="text-lg font-medium text-white/90">credits</span>
      </p>
      <p className="relative mt-4 flex items-center gap-2 text-sm text-white/90">
        <SparklesIcon className="size-4 shrink-0" />
        Each image costs a few credits, depending on the model.
      </p>
      <Link
        to={paths.credits.href()}
        className="relative mt-5 inline-flex h-10 items-center rounded-xl bg-white px-4 text-sm font-semibold text-violet-800 shadow-sm hover:bg-violet-50 focus:outline-none focus-visible:ring-4 focus-visible:ring-white/60"
      >
        Buy credits
      </Link>
    </Card>
  );
}
