import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";
import { paths } from "@/config/paths";
import { PaymentRequiredError } from "@/lib/function-errors";

/** What ran out, and what to do once the credits have arrived. */
export interface CreditsOffer {
  /** Why the offer opened: the refusal's own message. */
  message?: string;
  /** Credits the refused action needed, and the balance it found. */
  required?: number;
  balance?: number;
  /** Runs once a purchase has settled (the balance queries are already refreshed). */
  onPaid?: () => void;
  /** The one-click way back to what ran out (e.g. "Resume batch"), offered once the credits arrived. */
  resume?: { label: string; run: () => void };
}

type OfferCredits = (offer?: CreditsOffer) => void;

// Without the provider (a component rendered on its own), the credits page is the same offer.
const OfferCreditsContext = createContext<OfferCredits>(() => window.location.assign(paths.credits.href()));

/**
 * Lets any feature open the credit purchase where a 402 happened, without importing the credits
 * feature: the app shell mounts this with that feature's dialog as `renderOffer`.
 */
export function CreditsOfferProvider({
  renderOffer,
  children,
}: {
  renderOffer: (offer: CreditsOffer, close: () => void) => ReactNode;
  children: ReactNode;
}) {
  const [open, setOpen] = useState<CreditsOffer | null>(null);
  const offer = useCallback<OfferCredits>((next = {}) => setOpen(next), []);
  const close = useCallback(() => setOpen(null), []);
  const dialog = useMemo(() => (open ? renderOffer(open, close) : null), [open, close, renderOffer]);
  return (
    <OfferCreditsContext.Provider value={offer}>
      {children}
      {dialog}
    </OfferCreditsContext.Provider>
  );
}

export function useOfferCredits(): OfferCredits {
  return useContext(OfferCreditsContext);
}

/** A 402 INSUFFICIENT_CREDITS as an offer: its message, and what it needed and found when it said. */
export function outOfCredits(error: unknown): CreditsOffer | null {
  if (!(error instanceof PaymentRequiredError) || error.code !== "INSUFFICIENT_CREDITS") return null;
  const { required, balance } = error.details;
  return {
    message: error.message,
    required: typeof required === "number" ? required : undefined,
    balance: typeof balance === "number" ? balance : undefined,
  };
}
