import { Button } from "@/components/ui/button";
import { AlertIcon } from "@/components/ui/icons";

/** Shown when a page failed to render or load; offers a retry and a reload. */
export function CrashScreen({
  error,
  onRetry,
  title = "Something went wrong",
}: {
  error: Error;
  onRetry?: () => void;
  title?: string;
}) {
  return (
    <div role="alert" className="mx-auto flex max-w-lg flex-col items-center px-6 py-20 text-center">
      <span className="grid size-14 place-items-center rounded-2xl bg-rose-50 text-2xl text-rose-700 dark:bg-rose-500/15 dark:text-rose-300">
        <AlertIcon />
      </span>
      <h1 className="mt-5 text-2xl font-bold tracking-tight text-ink">{title}</h1>
      <p className="mt-2 text-muted">
        This part of Personify stopped working. Reloading usually fixes it; your work is saved on our side.
      </p>
      <p className="mt-4 max-w-full truncate rounded-lg bg-sunken px-3 py-1.5 font-mono text-xs text-muted">
        {error.message}
      </p>
      <div className="mt-6 flex gap-3">
        {onRetry
          ? (
            <Button variant="secondary" onClick={onRetry}>
              Try again
            </Button>
          )
          : null}
        <Button onClick={() => window.location.reload()}>Reload Personify</Button>
      </div>
    </div>
  );
}
