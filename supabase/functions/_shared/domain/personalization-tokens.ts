/**
 * Personalization tokens: `[FIRSTNAME]` and `[FIRSTNAME|there]` (with a fallback), and the checks a
 * prompt must pass once they are resolved. Pure code with no runtime dependencies: the functions,
 * the batch worker and the SPA's live preview (through the `@domain` alias) import this one module,
 * so the preview warns about exactly what the server refuses.
 */

/** A token's name: letters, digits and underscores, starting with a letter; matched case-insensitively. */
const tokenPattern = /\[([A-Za-z][A-Za-z0-9_]{0,63})(?:\|([^[\]]*))?\]/g;
const tokenNamePattern = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

export const maxTokenValueLength = 500;
/** The server refuses a prompt longer than this once its tokens are resolved. */
export const maxResolvedPromptLength = 2000;

export interface TokenUse {
  name: string;
  fallback: string | undefined;
}

export interface ResolvedPrompt {
  text: string;
  /** Token names found in the prompt, upper-cased, in order of first use. */
  used: string[];
  /** Tokens with no value and no fallback: the prompt cannot be used as it is. */
  missing: string[];
  /** Tokens that had no value and fell back to their default. */
  fellBack: string[];
}

export function normalizeTokenName(name: string): string {
  return name.trim().toUpperCase();
}

/** Whether `name` can be a token (what the server accepts as a key of `tokens`). */
export function isValidTokenName(name: string): boolean {
  return tokenNamePattern.test(name.trim());
}

/** Every token the prompt uses, in order of first use. */
export function findTokens(prompt: string): TokenUse[] {
  const seen = new Map<string, TokenUse>();
  for (const match of prompt.matchAll(tokenPattern)) {
    const name = normalizeTokenName(match[1] ?? "");
    if (!seen.has(name)) seen.set(name, { name, fallback: match[2] });
  }
  return [...seen.values()];
}

/** Every token exactly as written, in order, repeats included: what a rewrite of the prompt must keep. */
export function tokenOccurrences(prompt: string): string[] {
  return [...prompt.matchAll(tokenPattern)].map((match) => match[0]);
}

/** The prompt with its well-formed tokens blanked out: a bracket left in it belongs to a broken token. */
export function withoutTokens(prompt: string): string {
  return prompt.replace(tokenPattern, (token) => " ".repeat(token.length));
}

/**
 * Makes a value safe to splice into a prompt: no control characters, no brackets (a value can
 * never inject another token), whitespace collapsed, bounded length.
 */
export function sanitizeTokenValue(value: string): string {
  return value
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, " ")
    .replace(/[[\]]/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, maxTokenValueLength);
}

/** Token values keyed by upper-cased name, sanitized; later sources win, but an empty value never erases one. */
export function mergeTokenValues(...sources: Array<Record<string, string> | undefined>): Map<string, string> {
  const merged = new Map<string, string>();
  for (const source of sources) {
    for (const [name, value] of Object.entries(source ?? {})) {
      const clean = sanitizeTokenValue(value);
      const key = normalizeTokenName(name);
      if (clean !== "" || !merged.has(key)) merged.set(key, clean);
    }
  }
  return merged;
}

/** One piece of a prompt for the preview: text as typed, or a token and what it became. */
export type PromptSegment =
  | { kind: "text"; text: string }
  | { kind: "token"; name: string; source: "value" | "fallback"; text: string }
  | { kind: "token"; name: string; source: "missing"; text: "" };

/** The prompt cut into typed text and tokens, each token with what it resolves to. */
export function promptSegments(prompt: string, values: Map<string, string>): PromptSegment[] {
  const segments: PromptSegment[] = [];
  let last = 0;
  for (const match of prompt.matchAll(tokenPattern)) {
    if (match.index > last) segments.push({ kind: "text", text: prompt.slice(last, match.index) });
    last = match.index + match[0].length;
    const name = normalizeTokenName(match[1] ?? "");
    const value = values.get(name);
    const fallback = match[2];
    if (value) segments.push({ kind: "token", name, source: "value", text: value });
    else if (fallback !== undefined) {
      segments.push({ kind: "token", name, source: "fallback", text: sanitizeTokenValue(fallback) });
    } else segments.push({ kind: "token", name, source: "missing", text: "" });
  }
  if (last < prompt.length) segments.push({ kind: "text", text: prompt.slice(last) });
  return segments;
}

/** Replaces every token; an empty value counts as missing unless the token has a fallback. */
export function resolvePrompt(prompt: string, values: Map<string, string>): ResolvedPrompt {
  const used = new Set<string>();
  const missing = new Set<string>();
  const fellBack = new Set<string>();
  const parts = promptSegments(prompt, values).map((segment) => {
    if (segment.kind === "token") {
      used.add(segment.name);
      if (segment.source === "missing") missing.add(segment.name);
      if (segment.source === "fallback") fellBack.add(segment.name);
    }
    return segment.text;
  });
  return {
    text: parts.join("").replace(/[ \t]{2,}/g, " ").trim(),
    used: [...used],
    missing: [...missing],
    fellBack: [...fellBack],
  };
}

export type PromptProblem =
  | { kind: "empty" }
  | { kind: "missing-tokens"; names: string[] }
  | { kind: "too-long"; length: number; maxLength: number };

/** What the server would refuse about this prompt and these values, first problem first. */
export function promptProblems(prompt: string, values: Record<string, string>): PromptProblem[] {
  if (prompt.trim() === "") return [{ kind: "empty" }];
  const resolved = resolvePrompt(prompt, mergeTokenValues(values));
  const problems: PromptProblem[] = [];
  if (resolved.missing.length > 0) problems.push({ kind: "missing-tokens", names: resolved.missing });
  else if (resolved.text === "") problems.push({ kind: "empty" });
  if (resolved.text.length > maxResolvedPromptLength) {
    problems.push({ kind: "too-long", length: resolved.text.length, maxLength: maxResolvedPromptLength });
  }
  return problems;
}
