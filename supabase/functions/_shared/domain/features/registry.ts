/** Every style feature, one row each. */
import type { FeatureDefinition } from "./feature-definition.ts";

export const features: readonly FeatureDefinition[] = [
  {
    slug: "action-figure",
    title: "Action figure",
    description: "Turn a person into a boxed action figure with their name and title on the packaging.",
    promptTemplate:
      "A collectible action figure of {{prompt}} in its retail packaging, studio product photo, crisp plastic and card.",
  },
  {
    slug: "ghibli-image",
    title: "Ghibli style",
    description: "A hand-painted anime scene in the style of Studio Ghibli films.",
    promptTemplate:
      "{{prompt}}, in the hand-painted style of a Studio Ghibli film: soft watercolour skies, warm light, gentle detail.",
  },
  {
    slug: "cartoon-style",
    title: "Cartoon",
    description: "A bold, colourful cartoon with clean outlines.",
    promptTemplate: "{{prompt}}, as a bold colourful cartoon with thick clean outlines and flat shading.",
  },
  {
    slug: "meme-generator",
    title: "Meme",
    description: "A picture with top and bottom captions, personalised per row.",
    promptTemplate:
      "{{prompt}}, a funny expressive picture with empty space at the top and bottom for captions.",
  },
];

/** The general prompt page's images are "ai-image"; it is a feature for the prompt tools too. */
export const generalFeatureSlug = "ai-image";

export function findFeature(slug: string): FeatureDefinition | undefined {
  return features.find((feature) => feature.slug === slug);
}

export function isKnownFeature(slug: string): boolean {
  return slug === generalFeatureSlug || findFeature(slug) !== undefined;
}
