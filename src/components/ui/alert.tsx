import clsx from "clsx";
import type { ReactNode } from "react";
import { AlertIcon, CheckIcon } from "@/components/ui/icons";

export type AlertTone = "error" | "success" | "info";

const toneClasses: Record<AlertTone, string> = {
  error:
    "border-rose-200 bg-rose-50 text-rose-900 dark:border-rose-400/30 dark:bg-rose-500/10 dark:text-rose-100",
  success:
    "border-emerald-200 bg-emerald-50 text-emerald-900 dark:border-emerald-400/30 dark:bg-emerald-500/10 dark:text-emerald-100",
  info:
    "border-violet-200 bg-violet-50 text-violet-900 dark:border-violet-400/30 dark:bg-violet-500/10 dark:text-violet-100",
};

/**
 * A message about the form or page around it. Errors use role="alert" so screen readers announce
 * them as soon as they appear; other tones are polite status messages.
 */
export function Alert({
  tone = "error",
  title,
  children,
  className,
}: {
  tone?: AlertTone;
  title?: string;
  children?: ReactNode;
  className?: string;
}) {
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      className={clsx("flex gap-3 rounded-xl border px-4 py-3 text-sm", toneClasses[tone], className)}
    >
      {tone === "success"
        ? <CheckIcon className="mt-0.5 size-4 shrink-0" />
        : <AlertIcon className="mt-0.5 size-4 shrink-0" />}
      <div className="space-y-1">
        {title ? <p className="font-semibold">{title}</p> : null}
        {children ? <div>{children}</div> : null}
      </div>
    </div>
  );
}
