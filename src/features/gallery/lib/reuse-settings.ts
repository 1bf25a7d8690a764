/** What "Reuse settings" carries from an image to the AI Image page. */
export interface ReusableImage {
  prompt: string;
  model: string;
  settings?: Record<string, unknown> | null;
  tokens?: Record<string, unknown> | null;
}

function stringValues(record: Record<string, unknown> | null | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(record ?? {}).flatMap(([name, value]) =>
      typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? [[name, String(value)]] : [],
    ),
  );
}

/** /features/ai-image?prompt=…&model=…&settings={json}&tokens={json}, which that page starts from. */
export function reuseSettingsUrl(image: ReusableImage): string {
  const params = new URLSearchParams({ prompt: image.prompt, model: image.model });
  const settings = stringValues(image.settings);
  const tokens = stringValues(image.tokens);
  if (Object.keys(settings).length > 0) params.set("settings", JSON.stringify(settings));
  if (Object.keys(tokens).length > 0) params.set("tokens", JSON.stringify(tokens));
  return `/features/ai-image?${params.toString()}`;
}
