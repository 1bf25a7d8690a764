import type { ImageModel } from "@/data/image-models/get-image-models";
import { emptyDraft, type ImageDraft } from "@/features/ai-image/lib/image-draft";
import { choicesForModel } from "@/features/ai-image/lib/model-settings";

/** A JSON object of strings from a URL param, or {} when it is missing or hand-mangled. */
function stringRecord(raw: string | null): Record<string, string> {
  if (!raw) return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return {};
    return Object.fromEntries(
      Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
    );
  } catch {
    return {};
  }
}

/**
 * The starting draft for a link such as the gallery's "Reuse settings":
 * `?prompt=…&model=…&settings={json}&tokens={json}`. A model that is unknown or unavailable here
 * falls back to `fallback`; settings the model does not take are dropped.
 */
export function draftFromSearch(params: URLSearchParams, models: ImageModel[], fallback: ImageModel): ImageDraft {
  const model = models.find((candidate) => candidate.id === params.get("model") && candidate.available) ?? fallback;
  return {
    ...emptyDraft(model.id),
    prompt: params.get("prompt") ?? "",
    tokenValues: Object.fromEntries(
      Object.entries(stringRecord(params.get("tokens"))).map(([name, value]) => [name.toUpperCase(), value]),
    ),
    settings: choicesForModel(stringRecord(params.get("settings")), model),
  };
}
