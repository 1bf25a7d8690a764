import type { ReactNode } from "react";

/** What an empty or unavailable area shows: an icon, what happened, and what to do next. */
export function EmptyState({
  icon,
  title,
  description,
  action,
}: {
  icon: ReactNode;
  title: string;
  description: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className="flex flex-col items-center px-6 py-10 text-center">
      <div className="mb-4 grid size-12 place-items-center rounded-2xl bg-violet-50 text-2xl text-violet-700 dark:bg-violet-500/15 dark:text-violet-200">
        {icon}
      </div>
      <p className="text-base font-semibold text-ink">{title}</p>
      <div className="mt-1 max-w-sm text-sm text-muted">{description}</div>
      {action ? <div className="mt-5">{action}</div> : null}
    </div>
  );
}
