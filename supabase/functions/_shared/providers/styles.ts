/**
 * Visual styles a request may ask for. Providers have no common style parameter, so the
 * adapters add the description to the prompt; the offline renderer folds it into its palette.
 */
export const STYLE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  "photography": "a realistic photograph with natural lighting",
  "digital-art": "polished digital art",
  "illustration": "a clean editorial illustration",
  "anime": "anime-style artwork",
  "cartoon": "a bold, colourful cartoon",
  "3d-render": "a detailed 3D render",
  "watercolor": "a soft watercolour painting",
  "oil-painting": "a textured oil painting",
  "cinematic": "a cinematic film still with dramatic lighting",
  "pixel-art": "retro pixel art",
  "sketch": "a pencil sketch",
};

export const STYLES = Object.keys(STYLE_DESCRIPTIONS);

export function promptWithStyle(prompt: string, style: string | undefined): string {
  const description = style ? STYLE_DESCRIPTIONS[style] : undefined;
  return description ? `${prompt}\n\nStyle: ${description}.` : prompt;
}
