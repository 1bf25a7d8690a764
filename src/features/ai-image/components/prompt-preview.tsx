import clsx from "clsx";
import { AlertIcon } from "@/components/ui/icons";
import {
  maxResolvedPromptLength,
  mergeTokenValues,
  type PromptProblem,
  promptProblems,
  promptSegments,
  resolvePrompt,
} from "@domain/personalization-tokens";

const numberFormat = new Intl.NumberFormat();

/**
 * The prompt as the model will read it, each token shown with what it became, and warnings for
 * what the server would refuse. `emphasize` turns warnings red after a Generate that they blocked.
 */
export function PromptPreview({
  id,
  prompt,
  tokenValues,
  emphasize,
}: {
  id: string;
  prompt: string;
  tokenValues: Record<string, string>;
  emphasize: boolean;
}) {
  const values = mergeTokenValues(tokenValues);
  const segments = promptSegments(prompt, values);
  const resolved = resolvePrompt(prompt, values);
  // An empty box needs no warning: the placeholder already says what to do.
  const warnings = prompt.trim() === "" ? [] : promptProblems(prompt, tokenValues).map(warningFor);

  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-2">
      <div className="flex items-baseline justify-between gap-3">
        <h3 id={`${id}-heading`} className="text-sm font-medium text-ink">
          Preview
        </h3>
        <span
          className={clsx(
            "text-xs tabular-nums",
            resolved.text.length > maxResolvedPromptLength
              ? "font-semibold text-rose-700 dark:text-rose-300"
              : "text-muted",
          )}
        >
          {numberFormat.format(resolved.text.length)} / {numberFormat.format(maxResolvedPromptLength)}{" "}
          characters
        </span>
      </div>
      <p
        data-testid="resolved-prompt"
        className="min-h-16 whitespace-pre-wrap break-words rounded-xl bg-sunken px-3.5 py-3 text-sm leading-relaxed text-ink"
      >
        {prompt.trim() === ""
          ? <span className="text-muted">Your prompt, with each token's value filled in, shows here.</span>
          : (
            segments.map((segment, index) =>
              segment.kind === "text"
                ? <span key={index}>{segment.text}</span>
                : segment.source === "missing"
                ? (
                  <mark
                    key={index}
                    className="rounded bg-rose-100 px-0.5 font-mono text-rose-800 dark:bg-rose-500/20 dark:text-rose-200"
                  >
                    [{segment.name}]<span className="sr-only">{" (no value)"}</span>
                  </mark>
                )
                : (
                  <mark
                    key={index}
                    title={`[${segment.name}]${segment.source === "fallback" ? " (fallback)" : ""}`}
                    className={clsx(
                      "rounded px-0.5 text-violet-900 dark:text-violet-100",
                      segment.source === "value"
                        ? "bg-violet-100 dark:bg-violet-500/25"
                        : "bg-transparent underline decoration-violet-500 decoration-dashed underline-offset-4",
                    )}
                  >
                    {segment.text}
                  </mark>
                )
            )
          )}
      </p>
      {resolved.fellBack.length > 0
        ? (
          <p className="text-sm text-muted">
            {resolved.fellBack.map((name) => `[${name}]`).join(", ")}{" "}
            {resolved.fellBack.length === 1 ? "has" : "have"} no value, so{" "}
            {resolved.fellBack.length === 1 ? "it uses its" : "they use their"} fallback (underlined).
          </p>
        )
        : null}
      {warnings.length > 0
        ? (
          <ul
            className={clsx(
              "space-y-1 rounded-xl border px-3.5 py-2.5 text-sm",
              emphasize
                ? "border-rose-200 bg-rose-50 text-rose-900 dark:border-rose-400/30 dark:bg-rose-500/10 dark:text-rose-100"
                : "border-amber-200 bg-amber-50 text-amber-900 dark:border-amber-400/30 dark:bg-amber-500/10 dark:text-amber-100",
            )}
          >
            {warnings.map((warning) => (
              <li key={warning} className="flex gap-2">
                <AlertIcon className="mt-0.5 size-4 shrink-0" />
                <span>{warning}</span>
              </li>
            ))}
          </ul>
        )
        : null}
    </section>
  );
}

function warningFor(problem: PromptProblem): string {
  switch (problem.kind) {
    case "missing-tokens": {
      const names = problem.names.map((name) => `[${name}]`).join(", ");
      const one = problem.names.length === 1;
      return `No value for ${names}. Fill ${one ? "it" : "them"} in below, or give ${
        one ? "it" : "each"
      } a fallback like [${problem.names[0]}|friend].`;
    }
    case "too-long":
      return `The prompt is ${
        numberFormat.format(problem.length)
      } characters once its tokens are filled in; the limit is ${numberFormat.format(problem.maxLength)}.`;
    case "empty":
      return "The prompt is empty once its tokens are filled in.";
  }
}
