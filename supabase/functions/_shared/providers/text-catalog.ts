/**
 * The text model catalog and its prices: one row per model, the aliases people may name, and what a
 * call costs. Models are data; a provider's new model is a row here. Prices are credits (about one
 * US cent each, rounded up): a fixed part per call plus a part per thousand output tokens, so a
 * stopped answer costs only what was generated.
 */
import { badRequest } from "../http/errors.ts";
import { isProviderLive, PROVIDERS } from "./provider-config.ts";
import type { Env, ProviderName } from "./types.ts";

/** The wire format a text model is called with; one adapter per API. */
export type TextApi = "openai-responses" | "gemini-stream-generate-content" | "local-text";

export interface TextModel {
  id: string;
  label: string;
  provider: ProviderName;
  api: TextApi;
  /** The id the provider's API knows the model by. */
  providerModel: string;
}

export interface TextPrice {
  perCall: number;
  perThousandOutputTokens: number;
}

export const TEXT_MODELS: readonly TextModel[] = [
  {
    id: "local-text",
    label: "Offline prompt helper (rules, not a model)",
    provider: "local",
    api: "local-text",
    providerModel: "local-text-v1",
  },
  {
    id: "gpt-5-mini",
    label: "GPT-5 mini",
    provider: "openai",
    api: "openai-responses",
    providerModel: "gpt-5-mini",
  },
  {
    id: "gemini-2.5-flash",
    label: "Gemini 2.5 Flash",
    provider: "google",
    api: "gemini-stream-generate-content",
    providerModel: "gemini-2.5-flash",
  },
];

export const TEXT_PRICES: Readonly<Record<string, TextPrice>> = {
  "local-text": { perCall: 1, perThousandOutputTokens: 0 },
  "gpt-5-mini": { perCall: 1, perThousandOutputTokens: 1 },
  "gemini-2.5-flash": { perCall: 1, perThousandOutputTokens: 1 },
};

export const TEXT_MODEL_ALIASES: Readonly<Record<string, string>> = {
  local: "local-text",
  openai: "gpt-5-mini",
  gemini: "gemini-2.5-flash",
};

/** Credits for a call that produced `outputTokens`; with the most it may produce, the figure to reserve. */
export function textCredits(model: TextModel, outputTokens: number): number {
  const price = TEXT_PRICES[model.id];
  if (!price) throw new Error(`no price for text model ${model.id}`);
  return price.perCall + Math.ceil((Math.max(0, outputTokens) * price.perThousandOutputTokens) / 1000);
}

/**
 * The catalog row for an alias or id (TEXT_MODEL, or the offline helper, when none is named). A
 * model that is unknown, or whose provider has no key here, is a 400 naming the ones that work.
 */
export function resolveTextModel(requested: string | undefined, env: Env): TextModel {
  const name = requested?.trim() || env("TEXT_MODEL")?.trim() || "local-text";
  const id = TEXT_MODEL_ALIASES[name] ?? name;
  const live = TEXT_MODELS.filter((model) => isProviderLive(model.provider, env)).map((model) => model.id);
  const model = TEXT_MODELS.find((candidate) => candidate.id === id);
  if (!model) {
    throw badRequest(`There is no text model "${name}". Text models here: ${live.join(", ")}.`, {
      field: "model",
      available: live,
    });
  }
  if (!isProviderLive(model.provider, env)) {
    throw badRequest(
      `${model.label} is not set up on this server (${
        PROVIDERS[model.provider].keyEnv
      } is not set). Text models here: ${live.join(", ")}.`,
      { field: "model", available: live },
    );
  }
  return model;
}
