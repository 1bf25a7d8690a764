import type { RefObject } from "react";
import { TextField } from "@/components/ui/text-field";
import { maxTokenValueLength, type TokenUse } from "@domain/personalization-tokens";

/** The name of a token's input, so the page can focus the first one that still needs a value. */
export const tokenFieldName = (token: string) => `token-${token}`;

/** A value for each token the prompt uses; a token with a fallback may stay empty. */
export function TokenValueFields({
  tokens,
  values,
  onChange,
  missing,
  showErrors,
  containerRef,
}: {
  tokens: TokenUse[];
  values: Record<string, string>;
  onChange: (token: string, value: string) => void;
  /** Tokens that have no value and no fallback. */
  missing: ReadonlySet<string>;
  /** Mark the missing ones as errors (after a Generate they blocked), not just as needed. */
  showErrors: boolean;
  containerRef: RefObject<HTMLDivElement | null>;
}) {
  if (tokens.length === 0) {
    return (
      <p className="rounded-xl bg-sunken px-3.5 py-3 text-sm text-muted">
        Your prompt has no tokens yet. Add one from the list above and its value goes here.
      </p>
    );
  }
  return (
    <div ref={containerRef} className="grid gap-4 sm:grid-cols-2">
      {tokens.map(({ name, fallback }) => (
        <TextField
          key={name}
          name={tokenFieldName(name)}
          label={`[${name}]`}
          value={values[name] ?? ""}
          onChange={(event) => onChange(name, event.target.value)}
          maxLength={maxTokenValueLength}
          autoComplete="off"
          hint={fallback === undefined
            ? "Needed for this prompt"
            : fallback === ""
            ? "Optional"
            : `Optional, falls back to “${fallback}”`}
          error={showErrors && missing.has(name)
            ? "Fill this in, or give the token a fallback in the prompt."
            : undefined}
        />
      ))}
    </div>
  );
}
