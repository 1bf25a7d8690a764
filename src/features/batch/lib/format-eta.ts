/** "about 2 min left": rounded, because an ETA from the pace so far is only ever a guess. */
export function formatEta(seconds: number | null): string | undefined {
  if (seconds === null) return undefined;
  if (seconds < 60) return `about ${Math.max(1, Math.round(seconds))} s left`;
  if (seconds < 3600) return `about ${Math.round(seconds / 60)} min left`;
  return `about ${(seconds / 3600).toFixed(1)} h left`;
}
