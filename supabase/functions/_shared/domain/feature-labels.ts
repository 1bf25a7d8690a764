/**
 * What people read for each feature an image can come from (the gallery's feature filter, an
 * image's details). A feature without an entry reads as its name with the dashes made spaces.
 */
const featureLabels: Readonly<Record<string, string>> = {
  "ai-image": "AI Image",
  batch: "Batch",
  upload: "Upload",
  video: "Video",
};

export function featureLabel(feature: string): string {
  const known = featureLabels[feature];
  if (known) return known;
  const words = feature.replace(/[-_]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
