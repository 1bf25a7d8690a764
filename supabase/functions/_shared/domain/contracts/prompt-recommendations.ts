/**
 * The `prompt-recommendations` function's contract.
 *   POST /prompt-recommendations   recommendationsRequest → recommendationsResponse
 * Identical inputs from the same person within 15 minutes are answered from the cache (free,
 * `cached: true`).
 */
import * as z from "zod/mini";
import { featureSlug, textModelName, textUsage, tokenNames, toolPrompt } from "./prompt-tools.ts";

export const minSuggestions = 3;
export const maxSuggestions = 6;
export const cacheSeconds = 15 * 60;

export const recommendationsRequest = z.strictObject({
  feature: featureSlug(),
  draft: toolPrompt("Write a draft prompt first: the ideas build on it."),
  tokenNames: z.optional(tokenNames()),
  model: z.optional(textModelName()),
});
export type RecommendationsRequest = z.infer<typeof recommendationsRequest>;

export const suggestion = z.object({
  /** A few words naming the idea. */
  title: z.string(),
  /** The whole prompt to use, tokens intact. */
  prompt: z.string(),
});
export type Suggestion = z.infer<typeof suggestion>;

export const recommendationsResponse = z.extend(textUsage, {
  suggestions: z.array(suggestion).check(z.minLength(minSuggestions), z.maxLength(maxSuggestions)),
  cached: z.boolean(),
  /** When the cached answer expires (ISO 8601). */
  expiresAt: z.string(),
});
export type RecommendationsResponse = z.infer<typeof recommendationsResponse>;
