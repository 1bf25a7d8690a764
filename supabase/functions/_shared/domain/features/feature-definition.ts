/**
 * A style feature as data: one row of the registry (registry.ts) says everything a feature page,
 * the generation pipeline and the prompt tools need to know about it, so a new style is a row.
 */
import * as z from "zod/mini";
import { line } from "../contracts/text.ts";

/** Providers by their catalog name (providers/types.ts ProviderName), kept here as data the SPA reads too. */
export type FeatureProvider = "local" | "openai" | "google" | "replicate";

/** One extra input of a feature: a choice among options, or a short line of text. */
export type FeatureField =
  | {
    kind: "choice";
    name: string;
    label: string;
    options: readonly { value: string; label: string }[];
    default: string;
  }
  | { kind: "text"; name: string; label: string; maxLength: number; default: string };

/**
 * How the offline renderer is to tell this feature apart without a model: the hues of its palette
 * and the treatment laid over the picture. Kept with the row so a new style brings its offline look;
 * providers/local-images.ts does not read it yet (issue 13).
 */
export interface OfflineLook {
  /** Hue (degrees) of the background and of the shapes. */
  hues: readonly [number, number];
  saturation: number;
  treatment:
    | "soft"
    | "outline"
    | "pixels"
    | "wash"
    | "posterize"
    | "halftone"
    | "panels"
    | "sticker"
    | "sepia"
    | "portrait"
    | "neon"
    | "facets"
    | "grid"
    | "impasto"
    | "sketch"
    | "packaging"
    | "captions"
    | "reference";
}

export interface FeatureDefinition {
  /** The URL segment (/features/<slug>), the `images.feature` value and, for seed features, the function name. */
  slug: string;
  title: string;
  /** One sentence for the hub and the page's header. */
  description: string;
  /**
   * The feature's extra inputs (`featureInputs` of a generation request): every field optional,
   * unknown keys refused. Built from `fields` by inputsFromFields unless a function's contract
   * owns the shape.
   */
  inputs: z.ZodMiniType<Record<string, unknown>>;
  /** The form fields a feature page shows for `inputs`; empty when the feature takes none. */
  fields: readonly FeatureField[];
  /**
   * The prompt the provider gets: `{{prompt}}` is replaced by what the person wrote and
   * `{{<field>}}` by a field's value (its option label for a choice); `[TOKEN]`s are
   * personalization tokens, resolved like any prompt's.
   */
  promptTemplate: string;
  /** The model used when the request names none, if its provider is live here; else the offline renderer. */
  defaultModel: string;
  /** Settings applied when the request does not choose them, where the model accepts them. */
  defaultSettings: Readonly<Record<string, string>>;
  /** Which providers may serve the feature; a model of another provider is refused. */
  providers: readonly FeatureProvider[];
  /** Credits added to the model's price for each image of this feature (0: the model's price alone). */
  credits: number;
  /** Whether the page offers a reference photo (the feature works from a prompt alone too). */
  takesReferenceImage: boolean;
  offlineLook: OfflineLook;
}

/** The strict schema of a feature's fields: each optional, choices limited to their options. */
export function inputsFromFields(fields: readonly FeatureField[]): z.ZodMiniType<Record<string, unknown>> {
  return z.strictObject(
    Object.fromEntries(
      fields.map((field) => [
        field.name,
        z.optional(
          field.kind === "choice"
            ? z.enum(field.options.map((option) => option.value) as [string, ...string[]])
            : line().check(z.trim(), z.maxLength(field.maxLength)),
        ),
      ]),
    ),
  );
}

/** Each field's default value, by name: what a request without featureInputs gets. */
export function defaultInputs(feature: Pick<FeatureDefinition, "fields">): Record<string, string> {
  return Object.fromEntries(feature.fields.map((field) => [field.name, field.default]));
}
