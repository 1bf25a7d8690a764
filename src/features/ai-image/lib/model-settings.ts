import type { ImageModel, ModelSetting } from "@domain/contracts/image-generation";
import { creditsForSettings } from "@domain/image-pricing";
import {
  settingLabel as sharedSettingLabel,
  settingValueLabel as sharedSettingValueLabel,
} from "@domain/image-setting-labels";

/** The settings a person chose, by name. Anything left out takes the model's default on the server. */
export type SettingChoices = Record<string, string>;

const settingOrder = [
  "aspectRatio",
  "size",
  "quality",
  "style",
  "background",
  "outputFormat",
  "dalleQuality",
  "dalleStyle",
];

/** The catalog's label for a setting, or the shared table's for an older server. */
export function settingLabel(name: string, model?: ImageModel): string {
  return model?.settingLabels?.[name]?.label ?? sharedSettingLabel(name);
}

export function settingValueLabel(name: string, value: string, model?: ImageModel): string {
  return model?.settingLabels?.[name]?.values[value] ?? sharedSettingValueLabel(name, value);
}

function humanize(text: string): string {
  const lower = text.toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

/** The model's settings in a stable, sensible order (shape first, then look, then file details). */
export function orderedSettings(model: ImageModel): [string, ModelSetting][] {
  const rank = (name: string) => {
    const index = settingOrder.indexOf(name);
    return index === -1 ? settingOrder.length : index;
  };
  return Object.entries(model.settings).sort(([a], [b]) => rank(a) - rank(b));
}

/** The model to start with: the first the catalog lists that can run here. */
export function defaultModel(models: ImageModel[]): ImageModel | undefined {
  return models.find((model) => model.available);
}

/** Sets one choice; choosing the default (or nothing) forgets it, so the request leaves it out. */
export function chooseSetting(
  choices: SettingChoices,
  model: ImageModel,
  name: string,
  value: string,
): SettingChoices {
  const { [name]: _previous, ...rest } = choices;
  const setting = model.settings[name];
  if (!setting || value === "" || value === setting.default || !setting.allowed.includes(value)) return rest;
  return { ...rest, [name]: value };
}

/**
 * The choices that still apply after a switch to `model`: what it accepts and is not its default.
 * Sending only these keeps the server's pairing of aspect ratio and pixel size consistent.
 */
export function choicesForModel(choices: SettingChoices, model: ImageModel): SettingChoices {
  return Object.entries(choices).reduce<SettingChoices>(
    (kept, [name, value]) => chooseSetting(kept, model, name, value),
    {},
  );
}

/**
 * Credits one image costs with these choices, by the same arithmetic the server charges with:
 * the model's defaults, the choices over them, and the size an aspect ratio picks when no size is chosen.
 */
export function creditsForChoices(model: ImageModel, choices: SettingChoices): number | undefined {
  if (!model.price) return model.credits;
  const effective: Record<string, string | undefined> = {
    ...Object.fromEntries(Object.entries(model.settings).map(([name, setting]) => [name, setting.default])),
    ...choices,
  };
  if (model.sizeForAspectRatio && choices.aspectRatio && !choices.size) {
    effective.size = model.sizeForAspectRatio[choices.aspectRatio];
  }
  return creditsForSettings(model.price, effective);
}

const providerLabels: Record<string, string> = {
  local: "Offline renderer on this server",
  openai: "OpenAI",
  google: "Google",
  replicate: "Replicate",
};

export function providerLabel(provider: string): string {
  return providerLabels[provider] ?? humanize(provider);
}

/**
 * Whether the server picks the pixel size from the aspect ratio (OpenAI's models): their size list
 * is pixel dimensions next to an aspect ratio. The size's catalog default is then only the default
 * for 1:1, so the picker offers "Automatic" instead of showing it.
 */
export function sizeFollowsAspectRatio(model: ImageModel): boolean {
  const sizes = model.settings.size?.allowed ?? [];
  return model.settings.aspectRatio !== undefined && sizes.length > 0 &&
    sizes.every((size) => /^\d+x\d+$/.test(size));
}
