import { paths } from "@/config/paths";

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
      typeof value === "string" || typeof value === "number" || typeof value === "boolean"
        ? [[name, String(value)]]
        : []
    ),
  );
}

/** The AI Image page, starting from this image's prompt, model, settings and token values. */
export function reuseSettingsUrl(image: ReusableImage): string {
  return paths.aiImage.href({
    prompt: image.prompt,
    model: image.model,
    settings: stringValues(image.settings),
    tokens: stringValues(image.tokens),
  });
}
