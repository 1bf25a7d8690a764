import type { CreditPack } from "@domain/credit-packs";

const perCreditFormatters = new Map<string, Intl.NumberFormat>();

/** "$0.025": a pack's price per credit, with one more decimal than the currency, as cents split. */
export function formatPricePerCredit(pack: CreditPack, locale?: string): string {
  const code = pack.currency.toUpperCase();
  const key = `${locale ?? ""}|${code}`;
  let formatter = perCreditFormatters.get(key);
  if (!formatter) {
    const digits = new Intl.NumberFormat(locale, { style: "currency", currency: code }).resolvedOptions()
      .maximumFractionDigits ?? 2;
    formatter = new Intl.NumberFormat(locale, {
      style: "currency",
      currency: code,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits + 1,
    });
    perCreditFormatters.set(key, formatter);
  }
  const digits = formatter.resolvedOptions().minimumFractionDigits ?? 2;
  return formatter.format(pack.amountCents / 10 ** digits / pack.credits);
}

/** Whole percent saved per credit against the dearest pack; 0 for that pack itself. */
export function savingsPercent(pack: CreditPack, packs: readonly CreditPack[]): number {
  const dearest = Math.max(...packs.map((candidate) => candidate.amountCents / candidate.credits));
  return Math.round((1 - pack.amountCents / pack.credits / dearest) * 100);
}
