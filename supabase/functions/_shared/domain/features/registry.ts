/** Every style feature, one row each. */
import * as z from "zod/mini";
import {
  defaultInputs,
  type FeatureDefinition,
  type FeatureField,
  inputsFromFields,
} from "./feature-definition.ts";

const everyProvider = ["local", "openai", "google", "replicate"] as const;

/** A row whose inputs are exactly its fields. */
function row(
  definition: Omit<FeatureDefinition, "inputs" | "fields"> & {
    fields?: readonly FeatureField[];
  },
): FeatureDefinition {
  const fields = definition.fields ?? [];
  return { ...definition, fields, inputs: inputsFromFields(fields) };
}

function choice(
  name: string,
  label: string,
  options: readonly [string, string][],
): FeatureField {
  return {
    kind: "choice",
    name,
    label,
    options: options.map(([value, optionLabel]) => ({ value, label: optionLabel })),
    default: options[0][0],
  };
}

export const features: readonly FeatureDefinition[] = [
  {
    slug: "action-figure",
    title: "Action figure",
    description: "Turn a person into a boxed action figure with their name and title on the packaging.",
    // The action-figure function's contract owns these inputs (issue 13 part B).
    inputs: z.strictObject({}),
    fields: [],
    promptTemplate:
      "A collectible action figure of {{prompt}} in its retail packaging, studio product photo, crisp plastic and card.",
    defaultModel: "gpt-image-2",
    defaultSettings: { style: "3d-render" },
    providers: everyProvider,
    credits: 1,
    takesReferenceImage: true,
    offlineLook: { hues: [210, 20], saturation: 0.75, treatment: "packaging" },
  },
  row({
    slug: "ghibli-image",
    title: "Ghibli style",
    description: "A hand-painted anime scene in the style of Studio Ghibli films.",
    fields: [
      choice("season", "Season", [["summer", "Summer"], ["autumn", "Autumn"], ["winter", "Winter"], [
        "spring",
        "Spring",
      ]]),
    ],
    promptTemplate:
      "{{prompt}}, in the hand-painted style of a Studio Ghibli film: soft watercolour skies, warm {{season}} light, gentle detail.",
    defaultModel: "gpt-image-2",
    defaultSettings: { style: "anime" },
    providers: everyProvider,
    credits: 1,
    takesReferenceImage: true,
    offlineLook: { hues: [150, 200], saturation: 0.45, treatment: "soft" },
  }),
  row({
    slug: "cartoon-style",
    title: "Cartoon",
    description: "A bold, colourful cartoon with clean outlines.",
    fields: [
      choice("style", "Cartoon style", [
        ["classic", "Saturday-morning classic"],
        ["comic-strip", "Newspaper comic strip"],
        ["3d-animated", "3D animated film"],
        ["flat-vector", "Flat vector"],
      ]),
    ],
    promptTemplate:
      "{{prompt}}, as a bold colourful cartoon ({{style}}) with thick clean outlines and flat shading.",
    defaultModel: "gpt-image-2",
    defaultSettings: { style: "cartoon" },
    providers: everyProvider,
    credits: 1,
    takesReferenceImage: true,
    offlineLook: { hues: [45, 330], saturation: 0.9, treatment: "outline" },
  }),
  {
    slug: "meme-generator",
    title: "Meme",
    description: "A picture with top and bottom captions, personalised per row.",
    // The meme-generator function's contract owns these inputs (issue 13 part B).
    inputs: z.strictObject({}),
    fields: [],
    promptTemplate:
      "{{prompt}}, a funny expressive picture with empty space at the top and bottom for captions.",
    defaultModel: "gpt-image-2",
    defaultSettings: {},
    providers: everyProvider,
    credits: 0,
    takesReferenceImage: false,
    offlineLook: { hues: [0, 60], saturation: 0.6, treatment: "captions" },
  },
  row({
    slug: "reference-image",
    title: "From your photos",
    description: "A new picture guided by one or more of your own images.",
    promptTemplate: "{{prompt}}. Keep the subject, faces and composition of the reference images.",
    defaultModel: "gpt-image-2",
    defaultSettings: {},
    providers: everyProvider,
    credits: 1,
    takesReferenceImage: true,
    offlineLook: { hues: [260, 300], saturation: 0.5, treatment: "reference" },
  }),
  row({
    slug: "pixel-art",
    title: "Pixel art",
    description: "Chunky retro pixels in a limited palette, like a 16-bit game.",
    fields: [
      choice("palette", "Palette", [["16-bit console", "16-bit console"], [
        "4-colour handheld",
        "Handheld green",
      ], [
        "8-bit arcade",
        "8-bit arcade",
      ]]),
    ],
    promptTemplate:
      "{{prompt}}, as retro pixel art with a {{palette}} palette, crisp square pixels, no anti-aliasing.",
    defaultModel: "gpt-image-2",
    defaultSettings: { style: "pixel-art" },
    providers: everyProvider,
    credits: 0,
    takesReferenceImage: false,
    offlineLook: { hues: [120, 280], saturation: 0.8, treatment: "pixels" },
  }),
  row({
    slug: "watercolour",
    title: "Watercolour",
    description: "Loose washes of transparent colour on textured paper.",
    promptTemplate:
      "{{prompt}}, as a loose watercolour painting: soft bleeding washes, paper texture, white space.",
    defaultModel: "gpt-image-2",
    defaultSettings: { style: "watercolor" },
    providers: everyProvider,
    credits: 0,
    takesReferenceImage: true,
    offlineLook: { hues: [190, 340], saturation: 0.35, treatment: "wash" },
  }),
  row({
    slug: "anime",
    title: "Anime",
    description: "Crisp cel-shaded anime with expressive eyes and dynamic lighting.",
    promptTemplate:
      "{{prompt}}, as a modern anime key visual: cel shading, expressive eyes, dramatic rim light.",
    defaultModel: "gpt-image-2",
    defaultSettings: { style: "anime" },
    providers: everyProvider,
    credits: 0,
    takesReferenceImage: true,
    offlineLook: { hues: [320, 220], saturation: 0.85, treatment: "posterize" },
  }),
  row({
    slug: "clay",
    title: "Clay figure",
    description: "A handmade plasticine scene, like a stop-motion film set.",
    promptTemplate:
      "{{prompt}}, as a handmade claymation scene: plasticine figures, fingerprints, soft studio light.",
    defaultModel: "gpt-image-2",
    defaultSettings: { style: "3d-render" },
    providers: everyProvider,
    credits: 0,
    takesReferenceImage: true,
    offlineLook: { hues: [25, 95], saturation: 0.55, treatment: "soft" },
  }),
  row({
    slug: "pop-art",
    title: "Pop art",
    description: "Bold flat colours and halftone dots in the manner of 1960s pop art.",
    promptTemplate:
      "{{prompt}}, as 1960s pop art: bold flat primaries, Ben-Day halftone dots, thick black lines.",
    defaultModel: "gpt-image-2",
    defaultSettings: { style: "illustration" },
    providers: everyProvider,
    credits: 0,
    takesReferenceImage: true,
    offlineLook: { hues: [0, 55], saturation: 1, treatment: "halftone" },
  }),
  row({
    slug: "comic-panel",
    title: "Comic panel",
    description: "A page of inked comic panels with a speech-bubble feel.",
    fields: [text("caption", "Caption", 80, "Meanwhile...")],
    promptTemplate:
      '{{prompt}}, as an inked comic book panel with bold linework and a caption box reading "{{caption}}".',
    defaultModel: "gpt-image-2",
    defaultSettings: { style: "illustration" },
    providers: everyProvider,
    credits: 0,
    takesReferenceImage: false,
    offlineLook: { hues: [200, 10], saturation: 0.7, treatment: "panels" },
  }),
  row({
    slug: "sticker",
    title: "Sticker",
    description: "A die-cut sticker with a thick white border, ready to print.",
    promptTemplate:
      "{{prompt}}, as a glossy die-cut sticker with a thick white border on a plain background.",
    defaultModel: "gpt-image-2",
    defaultSettings: { style: "digital-art" },
    providers: everyProvider,
    credits: 0,
    takesReferenceImage: false,
    offlineLook: { hues: [170, 30], saturation: 0.8, treatment: "sticker" },
  }),
  row({
    slug: "vintage-photo",
    title: "Vintage photo",
    description: "A faded sepia photograph from another century.",
    fields: [choice("decade", "Decade", [["1920s", "1920s"], ["1950s", "1950s"], ["1970s", "1970s"]])],
    promptTemplate: "{{prompt}}, as a faded {{decade}} photograph: sepia tones, film grain, soft vignette.",
    defaultModel: "gpt-image-2",
    defaultSettings: { style: "photography" },
    providers: everyProvider,
    credits: 0,
    takesReferenceImage: true,
    offlineLook: { hues: [35, 30], saturation: 0.3, treatment: "sepia" },
  }),
  row({
    slug: "headshot",
    title: "Professional headshot",
    description: "A clean studio portrait for a profile or a team page.",
    fields: [
      choice("backdrop", "Backdrop", [["neutral grey", "Neutral grey"], ["soft blue", "Soft blue"], [
        "blurred office",
        "Blurred office",
      ]]),
    ],
    promptTemplate:
      "A professional studio headshot of {{prompt}}, {{backdrop}} backdrop, soft key light, sharp focus on the eyes.",
    defaultModel: "gpt-image-2",
    defaultSettings: { style: "photography" },
    providers: ["local", "openai", "google"],
    credits: 1,
    takesReferenceImage: true,
    offlineLook: { hues: [215, 30], saturation: 0.2, treatment: "portrait" },
  }),
  row({
    slug: "neon",
    title: "Neon glow",
    description: "Glowing neon tubes against a dark night.",
    promptTemplate:
      "{{prompt}}, drawn in glowing neon tubes on a dark brick wall at night, vivid glow and reflections.",
    defaultModel: "gpt-image-2",
    defaultSettings: { style: "digital-art" },
    providers: everyProvider,
    credits: 0,
    takesReferenceImage: false,
    offlineLook: { hues: [290, 180], saturation: 1, treatment: "neon" },
  }),
  row({
    slug: "low-poly",
    title: "Low-poly",
    description: "A faceted 3D scene made of flat-shaded triangles.",
    promptTemplate:
      "{{prompt}}, as a low-poly 3D render: flat-shaded triangular facets, simple pastel palette.",
    defaultModel: "gpt-image-2",
    defaultSettings: { style: "3d-render" },
    providers: everyProvider,
    credits: 0,
    takesReferenceImage: false,
    offlineLook: { hues: [160, 250], saturation: 0.5, treatment: "facets" },
  }),
  row({
    slug: "isometric",
    title: "Isometric",
    description: "A tidy isometric diorama, like a city-builder game.",
    promptTemplate:
      "{{prompt}}, as a detailed isometric diorama on a small square base, 30-degree angle, clean shading.",
    defaultModel: "gpt-image-2",
    defaultSettings: { style: "3d-render" },
    providers: everyProvider,
    credits: 0,
    takesReferenceImage: false,
    offlineLook: { hues: [100, 200], saturation: 0.55, treatment: "grid" },
  }),
  row({
    slug: "oil-painting",
    title: "Oil painting",
    description: "Rich impasto brushwork on canvas, like an old master.",
    promptTemplate: "{{prompt}}, as an oil painting on canvas: rich impasto brushstrokes, deep chiaroscuro.",
    defaultModel: "gpt-image-2",
    defaultSettings: { style: "oil-painting" },
    providers: everyProvider,
    credits: 0,
    takesReferenceImage: true,
    offlineLook: { hues: [30, 220], saturation: 0.6, treatment: "impasto" },
  }),
  row({
    slug: "line-sketch",
    title: "Line sketch",
    description: "A pencil line drawing on white paper.",
    promptTemplate:
      "{{prompt}}, as a fine pencil line sketch on white paper, confident contour lines, light hatching.",
    defaultModel: "gpt-image-2",
    defaultSettings: { style: "sketch" },
    providers: everyProvider,
    credits: 0,
    takesReferenceImage: true,
    offlineLook: { hues: [0, 0], saturation: 0, treatment: "sketch" },
  }),
];

function text(name: string, label: string, maxLength: number, fallback: string): FeatureField {
  return { kind: "text", name, label, maxLength, default: fallback };
}

/** The general prompt page's images are "ai-image"; it is a feature for the prompt tools too. */
export const generalFeatureSlug = "ai-image";

export function findFeature(slug: string): FeatureDefinition | undefined {
  return features.find((feature) => feature.slug === slug);
}

export function isKnownFeature(slug: string): boolean {
  return slug === generalFeatureSlug || findFeature(slug) !== undefined;
}

/** The inputs a feature runs with: the request's, over each field's default. */
export function featureInputsWithDefaults(
  feature: FeatureDefinition,
  inputs: Record<string, unknown>,
): Record<string, unknown> {
  return { ...defaultInputs(feature), ...inputs };
}

/**
 * The feature's prompt: `{{prompt}}` becomes what the person wrote, `{{<field>}}` the field's value
 * (a choice's label; an empty text field its default). Tokens are left for the pipeline to resolve.
 */
export function applyPromptTemplate(
  feature: FeatureDefinition,
  prompt: string,
  inputs: Record<string, unknown>,
): string {
  const values = featureInputsWithDefaults(feature, inputs);
  return feature.promptTemplate.replace(/\{\{([a-zA-Z][a-zA-Z0-9]*)\}\}/g, (placeholder, name: string) => {
    if (name === "prompt") return prompt;
    const field = feature.fields.find((candidate) => candidate.name === name);
    if (!field) return placeholder;
    const value = String(values[name] ?? "") || field.default;
    if (field.kind === "choice") {
      return field.options.find((option) => option.value === value)?.label ?? value;
    }
    return value;
  });
}
