/**
 * The image model catalog: one row per model, plus the architecture's model names as
 * aliases. Models are data; changing a provider's lineup is an edit here and in pricing.ts.
 * Model ids and retirement dates as the providers documented them in late 2026.
 */
import type { UnavailableReason } from "../domain/contracts/image-generation.ts";
import type { ImagePrice } from "../domain/image-pricing.ts";
import { settingLabel, settingValueLabel } from "../domain/image-setting-labels.ts";
import { badRequest } from "../http/errors.ts";
import { IMAGE_PRICES, imageCredits } from "./pricing.ts";
import { isProviderLive, PROVIDERS } from "./provider-config.ts";
import { STYLES } from "./styles.ts";
import { type Env, type ImageModel, type ImageSettings, SETTING_NAMES, type SettingName } from "./types.ts";

const GEMINI_ASPECT_RATIOS = ["1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9"];
const IMAGEN_ASPECT_RATIOS = ["1:1", "3:4", "4:3", "9:16", "16:9"];
const FLUX_ASPECT_RATIOS = ["1:1", "16:9", "9:16", "3:2", "2:3", "4:3", "3:4", "4:5", "5:4", "21:9", "9:21"];
const LOCAL_ASPECT_RATIOS = ["1:1", "4:3", "3:4", "3:2", "2:3", "16:9", "9:16", "21:9"];

const GPT_IMAGE_2_SIZES: Record<string, string> = {
  "1:1": "1024x1024",
  "3:2": "1536x1024",
  "2:3": "1024x1536",
  "16:9": "2048x1152",
  "9:16": "1152x2048",
};
const GPT_IMAGE_1_SIZES: Record<string, string> = {
  "1:1": "1024x1024",
  "3:2": "1536x1024",
  "2:3": "1024x1536",
};
const DALL_E_3_SIZES: Record<string, string> = {
  "1:1": "1024x1024",
  "16:9": "1792x1024",
  "9:16": "1024x1792",
};

export const IMAGE_MODELS: readonly ImageModel[] = [
  {
    id: "local-render",
    label: "Offline render",
    provider: "local",
    api: "local-render",
    providerModel: "local-render-v1",
    settings: {
      aspectRatio: LOCAL_ASPECT_RATIOS,
      size: ["256", "512", "1024", "2048"],
      style: STYLES,
      outputFormat: ["png"],
    },
    // 512 by default: CPU time grows with the pixel count and offline renders are stand-ins.
    defaults: { aspectRatio: "1:1", size: "512", outputFormat: "png" },
    supportsReferenceImage: true,
  },
  {
    id: "gpt-image-2",
    label: "GPT Image 2",
    provider: "openai",
    api: "openai-gpt-image",
    providerModel: "gpt-image-2",
    settings: {
      aspectRatio: Object.keys(GPT_IMAGE_2_SIZES),
      size: [
        "1024x1024",
        "1536x1024",
        "1024x1536",
        "2048x2048",
        "2048x1152",
        "1152x2048",
        "3840x2160",
        "2160x3840",
      ],
      quality: ["low", "medium", "high"],
      // gpt-image-2 refuses transparent backgrounds.
      background: ["auto", "opaque"],
      outputFormat: ["png", "jpeg", "webp"],
      style: STYLES,
    },
    defaults: { size: "1024x1024", quality: "medium", background: "auto", outputFormat: "png" },
    sizeForAspectRatio: GPT_IMAGE_2_SIZES,
    supportsReferenceImage: true,
  },
  {
    // Shut down 2026-12-01: https://developers.openai.com/api/docs/deprecations (checked 2026-12-04).
    id: "gpt-image-1.5",
    label: "GPT Image 1.5",
    provider: "openai",
    api: "openai-gpt-image",
    providerModel: "gpt-image-1.5",
    settings: {
      aspectRatio: Object.keys(GPT_IMAGE_1_SIZES),
      size: Object.values(GPT_IMAGE_1_SIZES),
      quality: ["low", "medium", "high"],
      background: ["auto", "opaque", "transparent"],
      outputFormat: ["png", "jpeg", "webp"],
      style: STYLES,
    },
    defaults: { size: "1024x1024", quality: "medium", background: "auto", outputFormat: "png" },
    sizeForAspectRatio: GPT_IMAGE_1_SIZES,
    supportsReferenceImage: true,
    retirement: { on: "2026-12-01", successor: "gpt-image-2" },
  },
  {
    // Served only by OpenAI-compatible endpoints that kept it (see LEGACY_IMAGE_MODELS).
    id: "dall-e-3",
    label: "DALL·E 3",
    provider: "openai",
    api: "openai-dall-e",
    providerModel: "dall-e-3",
    settings: {
      aspectRatio: Object.keys(DALL_E_3_SIZES),
      size: Object.values(DALL_E_3_SIZES),
      dalleQuality: ["standard", "hd"],
      dalleStyle: ["vivid", "natural"],
      style: STYLES,
    },
    defaults: { size: "1024x1024", dalleQuality: "standard", dalleStyle: "vivid" },
    sizeForAspectRatio: DALL_E_3_SIZES,
    supportsReferenceImage: false,
    retirement: { on: "2026-05-12", successor: "gpt-image-2" },
  },
  {
    // Nano Banana 2, stable, no shutdown date (checked 2026-12-04):
    // https://ai.google.dev/gemini-api/docs/models, https://ai.google.dev/gemini-api/docs/deprecations
    id: "gemini-3.1-flash-image",
    label: "Nano Banana 2 (Gemini 3.1 Flash Image)",
    provider: "google",
    api: "gemini-generate-content",
    providerModel: "gemini-3.1-flash-image",
    settings: { aspectRatio: GEMINI_ASPECT_RATIOS, size: ["1K", "2K", "4K"], style: STYLES },
    defaults: { aspectRatio: "1:1", size: "1K" },
    supportsReferenceImage: true,
  },
  {
    // Nano Banana 2 Lite, stable: https://ai.google.dev/gemini-api/docs/models (checked 2026-12-04).
    id: "gemini-3.1-flash-lite-image",
    label: "Nano Banana 2 Lite (Gemini 3.1 Flash Lite Image)",
    provider: "google",
    api: "gemini-generate-content",
    providerModel: "gemini-3.1-flash-lite-image",
    settings: { aspectRatio: GEMINI_ASPECT_RATIOS, size: ["1K"], style: STYLES },
    defaults: { aspectRatio: "1:1", size: "1K" },
    supportsReferenceImage: true,
  },
  {
    // Nano Banana Pro, stable, no shutdown date (checked 2026-12-04):
    // https://ai.google.dev/gemini-api/docs/models, https://ai.google.dev/gemini-api/docs/deprecations
    id: "gemini-3-pro-image",
    label: "Nano Banana Pro (Gemini 3 Pro Image)",
    provider: "google",
    api: "gemini-generate-content",
    providerModel: "gemini-3-pro-image",
    settings: { aspectRatio: GEMINI_ASPECT_RATIOS, size: ["1K", "2K", "4K"], style: STYLES },
    defaults: { aspectRatio: "1:1", size: "1K" },
    supportsReferenceImage: true,
  },
  {
    // Imagen left the Gemini API; successors follow Google's migration table.
    id: "imagen-4.0-generate-001",
    label: "Imagen 4",
    provider: "google",
    api: "imagen-predict",
    providerModel: "imagen-4.0-generate-001",
    settings: { aspectRatio: IMAGEN_ASPECT_RATIOS, size: ["1K", "2K"], style: STYLES },
    defaults: { aspectRatio: "1:1", size: "1K" },
    supportsReferenceImage: false,
    retirement: { on: "2026-08-17", successor: "gemini-3.1-flash-image" },
  },
  {
    id: "imagen-4.0-fast-generate-001",
    label: "Imagen 4 Fast",
    provider: "google",
    api: "imagen-predict",
    providerModel: "imagen-4.0-fast-generate-001",
    settings: { aspectRatio: IMAGEN_ASPECT_RATIOS, style: STYLES },
    defaults: { aspectRatio: "1:1" },
    supportsReferenceImage: false,
    retirement: { on: "2026-08-17", successor: "gemini-3.1-flash-image" },
  },
  {
    id: "imagen-4.0-ultra-generate-001",
    label: "Imagen 4 Ultra",
    provider: "google",
    api: "imagen-predict",
    providerModel: "imagen-4.0-ultra-generate-001",
    settings: { aspectRatio: IMAGEN_ASPECT_RATIOS, size: ["1K", "2K"], style: STYLES },
    defaults: { aspectRatio: "1:1", size: "1K" },
    supportsReferenceImage: false,
    retirement: { on: "2026-08-17", successor: "gemini-3-pro-image" },
  },
  {
    id: "flux-2-pro",
    label: "FLUX.2 [pro]",
    provider: "replicate",
    api: "replicate-prediction",
    providerModel: "black-forest-labs/flux-2-pro",
    settings: {
      aspectRatio: FLUX_ASPECT_RATIOS,
      size: ["0.5 MP", "1 MP", "2 MP", "4 MP"],
      outputFormat: ["png", "jpg", "webp"],
      style: STYLES,
    },
    defaults: { aspectRatio: "1:1", size: "1 MP", outputFormat: "png" },
    supportsReferenceImage: true,
  },
];

/** The architecture's model names. Each points at the model it stands for today. */
export const MODEL_ALIASES: Readonly<Record<string, string>> = {
  "local": "local-render",
  "openai": "gpt-image-2",
  "gpt-image-1": "gpt-image-2",
  "gemini": "gemini-3.1-flash-image",
  // The architecture's Gemini Flash image model; Google serves it today as Nano Banana 2 Lite,
  // https://ai.google.dev/gemini-api/docs/models (checked 2026-12-04).
  "gemini2flash": "gemini-3.1-flash-lite-image",
  // Points at Imagen 4 on purpose: the retirement chain carries it to Imagen's successor.
  "imagen": "imagen-4.0-generate-001",
  "replicate": "flux-2-pro",
};

export const DEFAULT_IMAGE_MODEL = "local";

const MODELS_BY_ID = new Map(IMAGE_MODELS.map((model) => [model.id, model]));

export function findImageModel(id: string): ImageModel | undefined {
  return MODELS_BY_ID.get(id);
}

export function isRetired(model: ImageModel, now: Date): boolean {
  return model.retirement !== undefined && now.toISOString().slice(0, 10) >= model.retirement.on;
}

/** Follows successors until a model that is still served. */
export function currentModel(model: ImageModel, now: Date): ImageModel {
  let current = model;
  for (let hops = 0; isRetired(current, now) && hops < IMAGE_MODELS.length; hops++) {
    current = MODELS_BY_ID.get(current.retirement!.successor)!;
  }
  return current;
}

/** Retired models the configured endpoint still serves, by catalog id (an OpenAI-compatible gateway, say). */
function legacyModelsServed(env: Env): Set<string> {
  return new Set((env("LEGACY_IMAGE_MODELS") ?? "").split(",").map((id) => id.trim()).filter(Boolean));
}

function validModelNames(now: Date): string[] {
  return [...Object.keys(MODEL_ALIASES), ...IMAGE_MODELS.filter((m) => !isRetired(m, now)).map((m) => m.id)];
}

export interface ResolvedModel {
  model: ImageModel;
  /** The name the request used. */
  requested: string;
  /** Retired models the alias passed through on its way to a current one. */
  replaced: string[];
}

/**
 * Turns a requested name (alias or catalog id) into the model that will run, or a 400 that
 * says what to send instead. An explicitly named retired model is an error naming its
 * successor; an alias silently moves on to the successor.
 */
export function resolveImageModel(requested: string | undefined, env: Env, now: Date): ResolvedModel {
  const name = (requested ?? DEFAULT_IMAGE_MODEL).trim().toLowerCase() || DEFAULT_IMAGE_MODEL;
  const aliasTarget = MODEL_ALIASES[name];
  const named = MODELS_BY_ID.get(aliasTarget ?? name);
  if (!named) {
    const valid = validModelNames(now);
    throw badRequest(`Unknown model "${requested}". Valid models: ${valid.join(", ")}.`, {
      model: requested,
      validModels: valid,
    });
  }
  let model = named;
  const replaced: string[] = [];
  if (aliasTarget) {
    model = currentModel(named, now);
    if (model !== named) replaced.push(named.id);
  } else if (isRetired(named, now) && !legacyModelsServed(env).has(named.id)) {
    const { on } = named.retirement!;
    const current = currentModel(named, now);
    throw badRequest(
      `Model "${named.id}" was retired by ${
        PROVIDERS[named.provider].label
      } on ${on}. Use "${current.id}" instead.`,
      { model: named.id, reason: "MODEL_RETIRED", retiredOn: on, successor: current.id },
    );
  }
  if (!isProviderLive(model.provider, env)) {
    const available = listAvailableModelNames(env, now);
    throw badRequest(
      `Model "${model.id}" is not available here: ${PROVIDERS[model.provider].keyEnv} is not set. ` +
        `Available models: ${available.join(", ")}.`,
      { model: model.id, reason: "PROVIDER_NOT_CONFIGURED", availableModels: available },
    );
  }
  return { model, requested: name, replaced };
}

/** Names (aliases and ids) that resolve to a model whose provider is live. */
export function listAvailableModelNames(env: Env, now: Date): string[] {
  return validModelNames(now).filter((name) => {
    const model = MODELS_BY_ID.get(MODEL_ALIASES[name] ?? name)!;
    return isProviderLive(currentModel(model, now).provider, env);
  });
}

const PIXEL_SIZE = /^(\d+)x(\d+)$/;

function ratioOf(value: string): number {
  const [width, height] = value.split(/[:x]/).map(Number);
  return width / height;
}

/**
 * Checks settings against what the model accepts and fills in its defaults. Every refusal
 * is a 400 that lists what would have been accepted.
 */
export function validateImageSettings(model: ImageModel, settings: unknown): ImageSettings {
  const raw = settings ?? {};
  if (typeof raw !== "object" || Array.isArray(raw)) {
    throw badRequest("settings must be an object of setting names to values.", { model: model.id });
  }
  const accepted = Object.keys(model.settings) as SettingName[];
  const given: ImageSettings = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined || value === null || value === "") continue;
    const allowed = (SETTING_NAMES as readonly string[]).includes(name)
      ? model.settings[name as SettingName]
      : undefined;
    if (!allowed) {
      throw badRequest(
        `Setting "${name}" is not accepted by ${model.id}. Accepted settings: ${accepted.join(", ")}.`,
        { model: model.id, setting: name, acceptedSettings: accepted },
      );
    }
    if (typeof value !== "string" || !allowed.includes(value)) {
      throw badRequest(
        `Setting ${name}=${JSON.stringify(value)} is not valid for ${model.id}. Allowed values: ${
          allowed.join(", ")
        }.`,
        { model: model.id, setting: name, value, allowedValues: [...allowed] },
      );
    }
    given[name as SettingName] = value;
  }
  const effective: ImageSettings = { ...model.defaults, ...given };
  if (model.sizeForAspectRatio && given.aspectRatio) {
    const sizeForRatio = model.sizeForAspectRatio[given.aspectRatio];
    if (!given.size) {
      effective.size = sizeForRatio;
    } else if (
      PIXEL_SIZE.test(given.size) && Math.abs(ratioOf(given.size) / ratioOf(given.aspectRatio) - 1) > 0.03
    ) {
      throw badRequest(
        `size ${given.size} does not have aspect ratio ${given.aspectRatio}; send one of them, or ${sizeForRatio}.`,
        { model: model.id, setting: "size", value: given.size, aspectRatio: given.aspectRatio },
      );
    }
  }
  if (effective.background === "transparent" && effective.outputFormat === "jpeg") {
    throw badRequest("A transparent background needs outputFormat png or webp.", {
      model: model.id,
      setting: "outputFormat",
      allowedValues: ["png", "webp"],
    });
  }
  return effective;
}

export interface ImageModelDescription {
  id: string;
  label: string;
  provider: string;
  providerLabel: string;
  available: boolean;
  retired: boolean;
  retirement?: { on: string; successor: string };
  aliases: string[];
  supportsReferenceImage: boolean;
  settings: Partial<Record<SettingName, { allowed: readonly string[]; default?: string }>>;
  unavailableReason?: UnavailableReason;
  credits: number;
  price: ImagePrice;
  sizeForAspectRatio?: Readonly<Record<string, string>>;
  settingLabels: Partial<Record<SettingName, { label: string; values: Record<string, string> }>>;
}

function unavailableReason(model: ImageModel, env: Env, now: Date): UnavailableReason | undefined {
  if (isRetired(model, now)) {
    const successor = currentModel(model, now);
    return {
      kind: "retired",
      on: model.retirement!.on,
      successor: successor.id,
      successorLabel: successor.label,
    };
  }
  const provider = PROVIDERS[model.provider];
  if (!isProviderLive(model.provider, env) && provider.keyEnv) {
    return { kind: "missing-key", envVar: provider.keyEnv, providerLabel: provider.label };
  }
  return undefined;
}

/** The catalog as a model picker needs it: what each model accepts, costs, and whether it can run here. */
export function describeImageModels(env: Env, now: Date): ImageModelDescription[] {
  return IMAGE_MODELS.map((model) => {
    const reason = unavailableReason(model, env, now);
    return {
      id: model.id,
      label: model.label,
      provider: model.provider,
      providerLabel: PROVIDERS[model.provider].label,
      available: reason === undefined,
      retired: isRetired(model, now),
      retirement: model.retirement,
      aliases: Object.keys(MODEL_ALIASES).filter((alias) =>
        currentModel(MODELS_BY_ID.get(MODEL_ALIASES[alias])!, now) === model
      ),
      supportsReferenceImage: model.supportsReferenceImage,
      settings: Object.fromEntries(
        Object.entries(model.settings).map(([name, allowed]) => [
          name,
          { allowed, default: model.defaults[name as SettingName] },
        ]),
      ),
      ...(reason ? { unavailableReason: reason } : {}),
      credits: imageCredits(model, model.defaults),
      price: IMAGE_PRICES[model.id],
      ...(model.sizeForAspectRatio ? { sizeForAspectRatio: model.sizeForAspectRatio } : {}),
      settingLabels: Object.fromEntries(
        Object.entries(model.settings).map(([name, allowed]) => [
          name,
          {
            label: settingLabel(name),
            values: Object.fromEntries(allowed.map((value) => [value, settingValueLabel(name, value)])),
          },
        ]),
      ),
    };
  });
}
