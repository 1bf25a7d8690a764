import type { ImageModel } from "@domain/contracts/image-generation";
import type { GenerationRequest } from "@/features/ai-image/api/generate-image";
import { choicesForModel, type SettingChoices } from "@/features/ai-image/lib/model-settings";
import { findTokens } from "@domain/personalization-tokens";
import type { ReferenceImage } from "@/features/ai-image/lib/reference-image";

/** Everything on the page that makes an image; a result keeps the draft it came from ("reuse settings"). */
export interface ImageDraft {
  prompt: string;
  /** Values by upper-cased token name. */
  tokenValues: Record<string, string>;
  modelId: string;
  settings: SettingChoices;
  referenceImage: ReferenceImage | null;
}

export function emptyDraft(modelId: string): ImageDraft {
  return { prompt: "", tokenValues: {}, modelId, settings: {}, referenceImage: null };
}

/**
 * The request for a draft: only the values of tokens the prompt uses, only settings the model
 * takes, and the reference image only when the model can use it.
 */
export function requestFromDraft(draft: ImageDraft, model: ImageModel): GenerationRequest {
  const tokens: Record<string, string> = {};
  for (const { name } of findTokens(draft.prompt)) {
    const value = draft.tokenValues[name]?.trim();
    if (value) tokens[name] = value;
  }
  return {
    prompt: draft.prompt.trim(),
    model: model.id,
    tokens,
    settings: choicesForModel(draft.settings, model),
    ...(draft.referenceImage && model.supportsReferenceImage
      ? { referenceImage: draft.referenceImage.dataUrl }
      : {}),
  };
}
