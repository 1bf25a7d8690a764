/**
 * The one price table for credit packs (issue 12). Pure, so the SPA shows the same packs the server
 * charges for; a purchase records the pack's credits and price when it is created, so a later
 * change here never alters what an intent already quoted.
 */
export interface CreditPack {
  id: string;
  credits: number;
  /** Smallest unit of `currency`, as Stripe takes it. */
  amountCents: number;
  currency: "usd";
  label: string;
}

export const creditPacks: readonly CreditPack[] = [
  { id: "starter", credits: 100, amountCents: 500, currency: "usd", label: "100 credits" },
  { id: "standard", credits: 500, amountCents: 2000, currency: "usd", label: "500 credits" },
  { id: "pro", credits: 2000, amountCents: 6000, currency: "usd", label: "2,000 credits" },
  { id: "studio", credits: 5000, amountCents: 12500, currency: "usd", label: "5,000 credits" },
];

export const creditPackIds = creditPacks.map((pack) => pack.id);

export function findCreditPack(id: string): CreditPack | undefined {
  return creditPacks.find((pack) => pack.id === id);
}
