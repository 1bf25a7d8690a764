/**
 * A style feature as data: one row of the registry (registry.ts) says everything a feature page,
 * the generation pipeline and the prompt tools need to know about it, so a new style is a row.
 */
export interface FeatureDefinition {
  /** The URL segment (/features/<slug>), the `images.feature` value and, for seed features, the function name. */
  slug: string;
  title: string;
  /** One sentence for the hub and the page's header. */
  description: string;
  /**
   * The prompt the provider gets: `{{prompt}}` is replaced by what the person wrote; `[TOKEN]`s are
   * personalization tokens, resolved like any prompt's.
   */
  promptTemplate: string;
}
