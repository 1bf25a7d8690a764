import clsx from "clsx";
import { useState } from "react";

const sizeClasses = { sm: "size-8 text-xs", md: "size-10 text-sm", lg: "size-16 text-xl" } as const;

export function initialsOf(name: string): string {
  const words = name.trim().split(/[\s@._-]+/).filter(Boolean);
  const initials = words.length > 1
    ? `${words[0]?.[0] ?? ""}${words[1]?.[0] ?? ""}`
    : (words[0] ?? "?").slice(0, 2);
  return initials.toUpperCase();
}

/** The person's picture, or their initials on the brand gradient when there is none (or it fails). */
export function Avatar({
  name,
  imageUrl,
  size = "md",
  className,
}: {
  name: string;
  imageUrl?: string | null;
  size?: keyof typeof sizeClasses;
  className?: string;
}) {
  const [failedUrl, setFailedUrl] = useState<string | null>(null);
  const showImage = imageUrl && failedUrl !== imageUrl;
  return (
    <span
      className={clsx(
        "relative inline-grid shrink-0 place-items-center overflow-hidden rounded-full font-semibold text-white",
        "bg-brand-gradient ring-2 ring-surface",
        sizeClasses[size],
        className,
      )}
      aria-hidden="true"
    >
      {showImage
        ? (
          <img
            src={imageUrl}
            alt=""
            className="size-full object-cover"
            onError={() => setFailedUrl(imageUrl)}
            referrerPolicy="no-referrer"
          />
        )
        : (
          initialsOf(name)
        )}
    </span>
  );
}
