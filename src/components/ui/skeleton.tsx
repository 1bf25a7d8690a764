import clsx from "clsx";

/** A placeholder block with a soft shimmer, shown while content loads. */
export function Skeleton({ className }: { className?: string }) {
  return (
    <div
      aria-hidden="true"
      className={clsx(
        "animate-shimmer rounded-lg bg-[length:200%_100%]",
        "bg-linear-to-r from-sunken via-line/70 to-sunken",
        className,
      )}
    />
  );
}
