import clsx from "clsx";
import { useId } from "react";

/** The Personify mark (the same sparkles as the app icon) and wordmark. */
export function Logo({ className, withWordmark = true }: { className?: string; withWordmark?: boolean }) {
  const gradientId = useId();
  return (
    <span className={clsx("inline-flex items-center gap-2", className)}>
      <svg viewBox="0 0 32 32" className="size-8 shrink-0" aria-hidden="true" focusable="false">
        <defs>
          <linearGradient id={gradientId} x1="0" y1="0" x2="1" y2="1">
            <stop offset="0" stopColor="#7c3aed" />
            <stop offset="0.55" stopColor="#c026d3" />
            <stop offset="1" stopColor="#f97316" />
          </linearGradient>
        </defs>
        <rect width="32" height="32" rx="7" fill={`url(#${gradientId})`} />
        <path
          d="M14.4 8C14.9 13.7 18.3 17.1 24 17.6 18.3 18.1 14.9 21.5 14.4 27.2 13.9 21.5 10.5 18.1 4.8 17.6 10.5 17.1 13.9 13.7 14.4 8Z"
          fill="#fff"
        />
        <path
          d="M23.36 4.8C23.56 7.1 24.9 8.44 27.2 8.64 24.9 8.84 23.56 10.18 23.36 12.48 23.16 10.18 21.82 8.84 19.52 8.64 21.82 8.44 23.16 7.1 23.36 4.8Z"
          fill="#fff"
        />
      </svg>
      {withWordmark ? <span className="text-lg font-bold tracking-tight text-ink">Personify</span> : null}
    </span>
  );
}
