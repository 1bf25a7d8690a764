/**
 * What people read for each image setting and its values, so no picker shows "aspectRatio" or
 * "dalleQuality". The catalog sends these with each model; pure so both sides share one table.
 */

const settingLabels: Readonly<Record<string, string>> = {
  aspectRatio: "Aspect ratio",
  size: "Size",
  quality: "Quality",
  style: "Style",
  background: "Background",
  outputFormat: "File format",
  dalleQuality: "DALL·E quality",
  dalleStyle: "DALL·E style",
};

function sentenceCase(text: string): string {
  const lower = text.toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

export function settingLabel(name: string): string {
  return settingLabels[name] ?? sentenceCase(name.replace(/([a-z])([A-Z])/g, "$1 $2"));
}

/** "digital-art" → "Digital art", "3d-render" → "3D render"; sizes and ratios stay as they are. */
export function settingValueLabel(name: string, value: string): string {
  if (name === "aspectRatio" || name === "size") return value;
  if (name === "outputFormat") return value.toUpperCase();
  return sentenceCase(value.replace(/-/g, " ")).replace(/\b3d\b/i, "3D");
}
