import { CrashScreen } from "@/app/crash-screen";

/** A failure inside one page: its code didn't load (offline, or replaced by a new version), or it threw. */
export function RouteErrorPage({ error, retry }: { error: Error; retry: () => void }) {
  const codeFailedToLoad =
    /dynamically imported module|Importing a module script failed|error loading dynamically/i.test(
      error.message,
    );
  return (
    <CrashScreen
      error={error}
      onRetry={codeFailedToLoad ? undefined : retry}
      title={codeFailedToLoad ? "This page didn't load" : "Something went wrong"}
    />
  );
}
