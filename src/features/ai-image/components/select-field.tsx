import clsx from "clsx";
import { type ReactNode, type SelectHTMLAttributes, useId } from "react";
import { ChevronDownIcon } from "@/components/ui/icons";
import { inputClasses } from "@/components/ui/text-field";

export interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, "id"> {
  label: string;
  hint?: ReactNode;
}

/** A labelled native select (the platform's picker on phones, full keyboard support everywhere). */
export function SelectField({ label, hint, className, children, ...props }: SelectFieldProps) {
  const id = useId();
  return (
    <div className={clsx("space-y-1.5", className)}>
      <label htmlFor={id} className="block text-sm font-medium text-ink">
        {label}
      </label>
      <div className="relative">
        <select
          id={id}
          aria-describedby={hint ? `${id}-hint` : undefined}
          className={clsx(
            inputClasses,
            "appearance-none border-line pr-10 focus:border-violet-500 focus:ring-violet-500/20",
          )}
          {...props}
        >
          {children}
        </select>
        <ChevronDownIcon className="pointer-events-none absolute right-3 top-1/2 size-4 -translate-y-1/2 text-muted" />
      </div>
      {hint
        ? (
          <p id={`${id}-hint`} className="text-sm text-muted">
            {hint}
          </p>
        )
        : null}
    </div>
  );
}
