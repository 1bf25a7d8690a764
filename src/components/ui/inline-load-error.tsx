import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";

/** A section whose query failed: says what could not be loaded and offers a retry in place. */
export function InlineLoadError({ children, onRetry }: { children: ReactNode; onRetry: () => void }) {
  return (
    <div role="alert" className="space-y-2 text-sm text-rose-700 dark:text-rose-300">
      <p>{children}</p>
      <Button variant="secondary" size="sm" onClick={onRetry}>
        Try again
      </Button>
    </div>
  );
}
