/**
 * Personalization tokens: `[FIRSTNAME]` and `[FIRSTNAME|there]` (with a fallback). Pure code with
 * no runtime dependencies, so the batch worker, the functions and the SPA's live preview agree.
 */

/** A token's name: letters, digits and underscores, starting with a letter; matched case-insensitively. */
const tokenPattern = /\[([A-Za-z][A-Za-z0-9_]{0,63})(?:\|([^\[\]]*))?\]/g;

export const maxTokenValueLength = 500;

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

/** Every token the prompt uses, in order of first use (for column mapping and validation). */
export function findTokens(prompt: string): TokenUse[] {
  const seen = new Map<string, TokenUse>();
  for (const match of prompt.matchAll(tokenPattern)) {
    const name = normalizeTokenName(match[1]);
    if (!seen.has(name)) seen.set(name, { name, fallback: match[2] });
  }
  return [...seen.values()];
}

/**
 * Makes a value safe to splice into a prompt: no control characters, no brackets (a value can
 * never inject another token), whitespace collapsed, bounded length.
 */
export function sanitizeTokenValue(value: string): string {
  return value
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, " ")
    .replace(/[\[\]]/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, maxTokenValueLength);
}

/** Token values keyed by upper-cased name, sanitized; later sources win (row columns over globals). */
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

/** Replaces every token; an empty value counts as missing unless the token has a fallback. */
export function resolvePrompt(prompt: string, values: Map<string, string>): ResolvedPrompt {
  const used = new Set<string>();
  const missing = new Set<string>();
  const fellBack = new Set<string>();
  const text = prompt.replace(tokenPattern, (_match, rawName: string, fallback: string | undefined) => {
    const name = normalizeTokenName(rawName);
    used.add(name);
    const value = values.get(name);
    if (value) return value;
    if (fallback !== undefined) {
      fellBack.add(name);
      return sanitizeTokenValue(fallback);
    }
    missing.add(name);
    return "";
  });
  return {
    text: text.replace(/[ \t]{2,}/g, " ").trim(),
    used: [...used],
    missing: [...missing],
    fellBack: [...fellBack],
  };
}
