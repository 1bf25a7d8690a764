import clsx from "clsx";
import type { ButtonHTMLAttributes } from "react";

/**
 * A destructive action. The shared Button's danger red (rose-600) measures 4.48:1 against white
 * text, just under WCAG AA's 4.5:1 for 14 px text, so this one is a shade darker.
 */
export function DangerButton(
  { className, type = "button", ...props }: ButtonHTMLAttributes<HTMLButtonElement>,
) {
  return (
    <button
      type={type}
      className={clsx(
        "inline-flex h-9 select-none items-center justify-center gap-1.5 rounded-xl bg-rose-700 px-3 text-sm font-semibold text-white transition-colors",
        "hover:bg-rose-800 focus:outline-none focus-visible:ring-4 focus-visible:ring-rose-500/40",
        className,
      )}
      {...props}
    />
  );
}
