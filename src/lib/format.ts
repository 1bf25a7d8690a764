const creditFormatter = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const signedCreditFormatter = new Intl.NumberFormat(undefined, {
  maximumFractionDigits: 0,
  signDisplay: "exceptZero",
});
const dateFormatter = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
const dateTimeFormatter = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

export function formatCredits(amount: number): string {
  return creditFormatter.format(amount);
}

/** "+100" or "−12": the sign is what a ledger reader looks at first. */
export function formatCreditChange(amount: number): string {
  return signedCreditFormatter.format(amount);
}

export function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateFormatter.format(date);
}

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTimeFormatter.format(date);
}
