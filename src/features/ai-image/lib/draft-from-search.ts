import { paths } from "@/config/paths";
import type { ImageModel } from "@domain/contracts/image-generation";
import { emptyDraft, type ImageDraft } from "@/features/ai-image/lib/image-draft";
import { choicesForModel } from "@/features/ai-image/lib/model-settings";

/**
 * The starting draft for a link such as the gallery's "Reuse settings" (see paths.aiImage). A
 * model that is unknown or unavailable here falls back to `fallback`; settings the model does not
 * take are dropped.
 */
export function draftFromSearch(
  params: URLSearchParams,
  models: ImageModel[],
  fallback: ImageModel,
): ImageDraft {
  const search = paths.aiImage.parse(params);
  const model = models.find((candidate) => candidate.id === search.model && candidate.available) ?? fallback;
  return {
    ...emptyDraft(model.id),
    prompt: search.prompt,
    tokenValues: Object.fromEntries(
      Object.entries(search.tokens).map(([name, value]) => [name.toUpperCase(), value]),
    ),
    settings: choicesForModel(search.settings, model),
  };
}
