/**
 * The polisher's token rule, shared by the server (which refuses a rewrite that breaks it) and the
 * SPA (which shows why and will not apply it): every `[TOKEN]` and `[TOKEN|fallback]` of the
 * original survives exactly, in order, and the rewrite invents none.
 */
import { tokenOccurrences, withoutTokens } from "../personalization-tokens.ts";

export type TokenRuleResult =
  | { ok: true; tokens: string[] }
  | {
    ok: false;
    reason: string;
    /** Tokens of the original the rewrite does not have (as many times as they went missing). */
    lost: string[];
    /** Tokens of the rewrite the original does not have. */
    invented: string[];
    /** Both hold the same tokens, in another order. */
    reordered: boolean;
  };

/** Where a prompt has a bracket outside any well-formed token, and a short excerpt around it. */
export function findBrokenToken(prompt: string): { index: number; excerpt: string } | undefined {
  const index = withoutTokens(prompt).search(/[[\]]/);
  if (index === -1) return undefined;
  const end = prompt.indexOf("]", index + 1);
  const excerpt = prompt.slice(index, end === -1 ? Math.min(prompt.length, index + 24) : end + 1);
  return { index, excerpt };
}

/** `expected` minus `found`, counting repeats. */
function missingFrom(expected: string[], found: string[]): string[] {
  const left = [...found];
  return expected.filter((token) => {
    const at = left.indexOf(token);
    if (at === -1) return true;
    left.splice(at, 1);
    return false;
  });
}

function listed(tokens: string[]): string {
  return tokens.join(", ");
}

export function checkTokensKept(original: string, rewrite: string): TokenRuleResult {
  const expected = tokenOccurrences(original);
  const found = tokenOccurrences(rewrite);
  const lost = missingFrom(expected, found);
  const invented = missingFrom(found, expected);
  const broken = findBrokenToken(rewrite);
  if (lost.length === 0 && invented.length === 0 && !broken) {
    if (expected.every((token, index) => found[index] === token)) return { ok: true, tokens: expected };
    return {
      ok: false,
      reason: `The rewrite changed the order of the tokens: ${listed(expected)} became ${listed(found)}.`,
      lost,
      invented,
      reordered: true,
    };
  }
  const problems = [
    lost.length ? `lost ${listed(lost)}` : "",
    invented.length ? `invented ${listed(invented)}` : "",
    broken ? `has a broken token near "${broken.excerpt}"` : "",
  ].filter(Boolean);
  return { ok: false, reason: `The rewrite ${problems.join(" and ")}.`, lost, invented, reordered: false };
}
