/** Ledger reasons the backend writes, in words; unknown ones are humanized from their code. */
const reasonLabels: Record<string, string> = {
  signup_bonus: "Welcome credits",
  welcome_bonus: "Welcome credits",
  purchase: "Credits bought",
  generation: "Image generation",
  image_generation: "Image generation",
  edit: "Image edit",
  batch: "Batch generation",
  video: "Video",
  refund: "Refund",
  adjustment: "Adjustment",
};

export function ledgerReasonLabel(reason: string): string {
  const known = reasonLabels[reason];
  if (known) return known;
  const words = reason.replace(/[_-]+/g, " ").trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : "Credit change";
}
