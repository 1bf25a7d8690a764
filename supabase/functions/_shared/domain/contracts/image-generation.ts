/**
 * The `image-generation` function's contract: what each route takes and answers. The handler
 * validates requests with these schemas and the SPA parses the answers with the same ones.
 *   POST /image-generation          generationRequest → generatedImage
 *        with `Accept: text/event-stream`, the same call as server-sent events: `stage` events
 *        (stageEvent) as it goes, then one `done` (generatedImage) or `error` (streamError).
 *        A refusal before the stream opens (bad input, 401, 402, 429) is a plain HTTP error.
 *   GET  /image-generation/models   → modelsResponse
 */
import * as z from "zod/mini";
import { line, text } from "./text.ts";

export const maxPromptLength = 4000;
export const maxTokenValueInputLength = 2000;

/** A token's name as a key of `tokens`: letters, digits and underscores, starting with a letter. */
export function tokenName() {
  return line().check(z.regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, "token names are letters, digits and _"));
}

/** Token values by name; a value may hold line breaks (they become spaces in the prompt). */
export function tokenValues() {
  return z.record(tokenName(), text().check(z.maxLength(maxTokenValueInputLength)), {
    error: (issue) =>
      issue.code === "invalid_key" ? "is not a token name: token names are letters, digits and _" : undefined,
  });
}

/** Setting name → value as the person chose it; the model's catalog row decides what is valid. */
export function imageSettings() {
  return z.record(line().check(z.maxLength(64)), z.nullable(line().check(z.maxLength(200))), {
    error: (issue) => issue.code === "invalid_key" ? "is not a setting name" : undefined,
  });
}

/** A prompt as typed, tokens and all. */
export function prompt() {
  return text().check(z.trim(), z.minLength(1, "Write a prompt first."), z.maxLength(maxPromptLength));
}

/** A catalog id or alias from /models. */
export function modelName() {
  return line().check(z.trim(), z.minLength(1), z.maxLength(100));
}

export const generationRequest = z.strictObject({
  prompt: prompt(),
  model: z.optional(modelName()),
  tokens: z.optional(tokenValues()),
  /** Only settings the person chose; the server fills in the model's defaults. */
  settings: z.optional(imageSettings()),
  /** `data:image/…;base64,…` (the base64 may be wrapped), at most 10 MB of image (413 above). */
  referenceImage: z.optional(text()),
  /** The style feature the call is for (its seed function's name); "ai-image" when absent. */
  feature: z.optional(line().check(z.regex(/^[a-z][a-z0-9-]{0,39}$/, "must be a feature name"))),
  /**
   * The feature's own inputs (its registry row's `inputs` schema decides what is valid, and its
   * fields' defaults fill in the rest); refused when `feature` is absent.
   */
  featureInputs: z.optional(z.record(line().check(z.maxLength(64)), z.unknown())),
});
export type GenerationRequest = z.infer<typeof generationRequest>;

/** The stages the function reports, in order; the `done` event carries the result itself. */
export const generationStages = ["validating", "generating", "storing"] as const;
export type GenerationStage = (typeof generationStages)[number];

export const stageEvent = z.object({ stage: z.enum(generationStages) });
export type StageEvent = z.infer<typeof stageEvent>;

export const generatedImage = z.object({
  imageId: z.string(),
  /** Signed for an hour. */
  imageUrl: z.string(),
  thumbnailUrl: z.string(),
  /** Milliseconds. */
  generationTime: z.number(),
  /** The model that ran (an alias resolves to a current model). */
  model: z.string(),
  requestedModel: z.string(),
  provider: z.string(),
  /** Credits charged. */
  cost: z.number(),
  /** The credit balance after the charge. */
  balance: z.number(),
  width: z.number(),
  height: z.number(),
  prompt: z.string(),
  resolvedPrompt: z.string(),
  revisedPrompt: z.optional(z.string()),
});
export type GeneratedImage = z.infer<typeof generatedImage>;

/** A failure after the stream opened: the error shape, with the status a plain call would have had. */
export const streamError = z.object({
  status: z.number(),
  error: z.string(),
  code: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export type StreamError = z.infer<typeof streamError>;

export const modelSetting = z.object({
  allowed: z.array(z.string()),
  default: z.optional(z.string()),
});
export type ModelSetting = z.infer<typeof modelSetting>;

/** Why a listed model can't be chosen here. */
export const unavailableReason = z.discriminatedUnion("kind", [
  /** The provider's key is not set on this server; `envVar` is the setting that enables it. */
  z.object({ kind: z.literal("missing-key"), envVar: z.string(), providerLabel: z.string() }),
  /** The provider shut the model down; `successor` (with its label) replaces it. */
  z.object({ kind: z.literal("retired"), on: z.string(), successor: z.string(), successorLabel: z.string() }),
]);
export type UnavailableReason = z.infer<typeof unavailableReason>;

/** A setting's label and its values' labels, for pickers that must not show raw ids. */
export const settingLabels = z.object({ label: z.string(), values: z.record(z.string(), z.string()) });
export type SettingLabels = z.infer<typeof settingLabels>;

export const imageModel = z.object({
  id: z.string(),
  label: z.string(),
  provider: z.string(),
  /** The provider as people know it ("OpenAI", "Offline renderer"). */
  providerLabel: z.optional(z.string()),
  /** The provider is configured here and the model is not retired. */
  available: z.boolean(),
  retired: z.boolean(),
  retirement: z.optional(z.object({ on: z.string(), successor: z.string() })),
  aliases: z.array(z.string()),
  supportsReferenceImage: z.boolean(),
  /** The settings this model accepts, each with its allowed values and default. */
  settings: z.record(z.string(), modelSetting),
  /** Set when `available` is false. */
  unavailableReason: z.optional(unavailableReason),
  /** Credits one image costs at the model's default settings. */
  credits: z.optional(z.number()),
  /** The price table behind `credits`, for pricing chosen settings (domain/image-pricing.ts). */
  price: z.optional(z.object({
    credits: z.number(),
    byQuality: z.optional(z.record(z.string(), z.number())),
    sizeMultiplier: z.optional(z.record(z.string(), z.number())),
  })),
  /** For models sized in pixels: the size the server picks for each aspect ratio when none is chosen. */
  sizeForAspectRatio: z.optional(z.record(z.string(), z.string())),
  /** Human labels of each accepted setting and its values, by setting name. */
  settingLabels: z.optional(z.record(z.string(), settingLabels)),
});
export type ImageModel = z.infer<typeof imageModel>;

export const modelsResponse = z.object({ models: z.array(imageModel) });
export type ModelsResponse = z.infer<typeof modelsResponse>;

/** What a picker that only chooses a model (the batch page) reads of each one. */
export const modelOption = z.pick(imageModel, {
  id: true,
  label: true,
  available: true,
  credits: true,
  unavailableReason: true,
});
export type ModelOption = z.infer<typeof modelOption>;

export const modelOptionsResponse = z.object({ models: z.array(modelOption) });
