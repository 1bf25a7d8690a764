import clsx from "clsx";
import { type InputHTMLAttributes, type ReactNode, useId, useState } from "react";
import { EyeIcon, EyeOffIcon } from "@/components/ui/icons";

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "id"> {
  label: string;
  /** Help shown under the field until there is an error. */
  hint?: ReactNode;
  error?: string;
  /** Something to the right of the label, such as a "Forgot password?" link. */
  labelAside?: ReactNode;
}

export const inputClasses = clsx(
  "block h-11 w-full rounded-xl border bg-surface px-3.5 text-base text-ink shadow-sm transition-colors sm:text-sm",
  "placeholder:text-muted/70 focus:outline-none focus-visible:outline-none focus:ring-4",
  "disabled:cursor-not-allowed disabled:opacity-60",
);

/** A labelled input whose hint and error are tied to it for screen readers. */
export function TextField(
  { label, hint, error, labelAside, className, type = "text", ...props }: TextFieldProps,
) {
  const id = useId();
  const [revealed, setRevealed] = useState(false);
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  const isPassword = type === "password";

  return (
    <div className={clsx("space-y-1.5", className)}>
      <div className="flex items-baseline justify-between gap-3">
        <label htmlFor={id} className="text-sm font-medium text-ink">
          {label}
        </label>
        {labelAside}
      </div>
      <div className="relative">
        <input
          id={id}
          type={isPassword && revealed ? "text" : type}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          className={clsx(
            inputClasses,
            isPassword && "pr-12",
            error
              ? "border-rose-400 focus:border-rose-500 focus:ring-rose-500/20 dark:border-rose-400/70"
              : "border-line focus:border-violet-500 focus:ring-violet-500/20",
          )}
          {...props}
        />
        {isPassword
          ? (
            <button
              type="button"
              onClick={() => setRevealed((shown) => !shown)}
              aria-label={revealed ? "Hide password" : "Show password"}
              aria-pressed={revealed}
              aria-controls={id}
              className="absolute inset-y-0 right-0 grid w-11 place-items-center rounded-r-xl text-muted hover:text-ink"
            >
              {revealed ? <EyeOffIcon className="size-5" /> : <EyeIcon className="size-5" />}
            </button>
          )
          : null}
      </div>
      {error
        ? (
          <p id={`${id}-error`} className="text-sm font-medium text-rose-700 dark:text-rose-300">
            {error}
          </p>
        )
        : hint
        ? (
          <p id={`${id}-hint`} className="text-sm text-muted">
            {hint}
          </p>
        )
        : null}
    </div>
  );
}
