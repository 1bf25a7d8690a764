const formatters = new Map<string, Intl.NumberFormat>();

/** "$1.00" from 100 cents and "usd": Stripe's amounts are in the currency's minor unit. */
export function formatPrice(amountCents: number, currency: string, locale?: string): string {
  const code = currency.toUpperCase();
  const key = `${locale ?? ""}|${code}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: "currency", currency: code });
    formatters.set(key, formatter);
  }
  const digits = formatter.resolvedOptions().maximumFractionDigits ?? 2;
  return formatter.format(amountCents / 10 ** digits);
}
