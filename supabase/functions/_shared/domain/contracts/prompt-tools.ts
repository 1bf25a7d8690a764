/**
 * What the prompt tools' functions (prompt-recommendations, prompt-polish, assistant-stream) take
 * in common: a feature of the registry, a prompt as typed (tokens intact, none broken), token names,
 * and the text model. Each function's own contract builds on these.
 */
import * as z from "zod/mini";
import { features, generalFeatureSlug, isKnownFeature } from "../features/registry.ts";
import { findBrokenToken } from "../prompt-tools/token-rule.ts";
import { maxPromptLength, modelName, tokenName } from "./image-generation.ts";
import { line, text } from "./text.ts";

export const maxTokenNames = 30;

export const knownFeatureSlugs = [generalFeatureSlug, ...features.map((feature) => feature.slug)];

export function featureSlug() {
  return line().check(
    z.refine(isKnownFeature, { message: `is not a feature: use one of ${knownFeatureSlugs.join(", ")}` }),
  );
}

function brokenTokenMessage(value: string): string | undefined {
  const broken = findBrokenToken(value);
  return broken
    ? `has a broken token near "${broken.excerpt}": write tokens as [NAME] or [NAME|fallback]`
    : undefined;
}

/** A prompt as typed: not empty, not too long, and every bracket part of a well-formed token. */
export function toolPrompt(emptyMessage = "Write a prompt first.") {
  return text().check(
    z.trim(),
    z.minLength(1, emptyMessage),
    z.maxLength(maxPromptLength),
    z.superRefine((value, context) => {
      const message = brokenTokenMessage(value);
      if (message) context.addIssue({ code: "custom", message, input: value });
    }),
  );
}

export function tokenNames() {
  return z.array(tokenName()).check(z.maxLength(maxTokenNames));
}

export function textModelName() {
  return modelName();
}

/** What a call cost and what it ran on, as every prompt tool reports it. */
export const textUsage = z.object({
  model: z.string(),
  provider: z.string(),
  /** Credits charged for this call (0 when answered from the cache). */
  cost: z.number(),
  /** The credit balance after the charge. */
  balance: z.number(),
});
export type TextUsage = z.infer<typeof textUsage>;
