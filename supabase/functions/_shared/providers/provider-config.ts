import type { Env, ProviderName } from "./types.ts";

interface ProviderSettings {
  label: string;
  /** Unset means the provider is not live: its models are listed but refused. */
  keyEnv?: string;
  baseUrlEnv?: string;
  defaultBaseUrl?: string;
}

// Base URLs follow each vendor's SDK convention, so the same value works with their tools:
// OpenAI's and Replicate's include the API version, Google's does not (it varies by method).
export const PROVIDERS: Readonly<Record<ProviderName, ProviderSettings>> = {
  openai: {
    label: "OpenAI",
    keyEnv: "OPENAI_API_KEY",
    baseUrlEnv: "OPENAI_BASE_URL",
    defaultBaseUrl: "https://api.openai.com/v1",
  },
  google: {
    label: "Google AI",
    keyEnv: "GOOGLE_AI_API_KEY",
    baseUrlEnv: "GOOGLE_AI_BASE_URL",
    defaultBaseUrl: "https://generativelanguage.googleapis.com",
  },
  replicate: {
    label: "Replicate",
    keyEnv: "REPLICATE_API_TOKEN",
    baseUrlEnv: "REPLICATE_BASE_URL",
    defaultBaseUrl: "https://api.replicate.com/v1",
  },
  local: { label: "Offline renderer" },
};

export interface ProviderAccess {
  apiKey: string;
  baseUrl: string;
}

export function isProviderLive(provider: ProviderName, env: Env): boolean {
  const keyEnv = PROVIDERS[provider].keyEnv;
  return keyEnv === undefined || Boolean(env(keyEnv)?.trim());
}

/** The key and base URL of a live provider (the local provider has neither). */
export function providerAccess(provider: ProviderName, env: Env): ProviderAccess {
  const settings = PROVIDERS[provider];
  const apiKey = settings.keyEnv ? env(settings.keyEnv)?.trim() ?? "" : "";
  const configured = settings.baseUrlEnv ? env(settings.baseUrlEnv)?.trim() : undefined;
  const baseUrl = (configured || settings.defaultBaseUrl || "").replace(/\/+$/, "");
  return { apiKey, baseUrl };
}
