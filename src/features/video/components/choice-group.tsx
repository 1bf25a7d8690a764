import clsx from "clsx";
import type { ReactNode } from "react";

export interface Choice<Value extends string> {
  value: Value;
  label: string;
  /** Shown under the label; also read out with it. */
  hint?: ReactNode;
  disabled?: boolean;
}

/**
 * A labelled group of native radio buttons styled as tiles: arrow keys move between them and the
 * browser announces "n of m", which custom buttons would have to rebuild.
 */
export function ChoiceGroup<Value extends string>({
  legend,
  name,
  choices,
  value,
  onChange,
  columns = "grid-cols-2 sm:grid-cols-3",
  description,
}: {
  legend: string;
  name: string;
  choices: Choice<Value>[];
  value: Value;
  onChange: (value: Value) => void;
  columns?: string;
  description?: ReactNode;
}) {
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-semibold text-ink">{legend}</legend>
      {description ? <div className="text-sm text-muted">{description}</div> : null}
      <div className={clsx("grid gap-2", columns)}>
        {choices.map((choice) => (
          <label
            key={choice.value}
            className={clsx(
              "relative flex cursor-pointer flex-col rounded-xl border px-3 py-2.5 text-sm transition-colors",
              "has-[:focus-visible]:ring-4 has-[:focus-visible]:ring-violet-500/30",
              choice.value === value
                ? "border-violet-500 bg-violet-50 text-violet-900 dark:bg-violet-500/15 dark:text-violet-100"
                : "border-line bg-surface text-ink hover:bg-sunken",
              choice.disabled && "cursor-not-allowed opacity-60",
            )}
          >
            <input
              type="radio"
              name={name}
              value={choice.value}
              checked={choice.value === value}
              disabled={choice.disabled}
              onChange={() => onChange(choice.value)}
              className="sr-only"
            />
            <span className="font-medium">{choice.label}</span>
            {choice.hint ? <span className="text-xs text-muted">{choice.hint}</span> : null}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
