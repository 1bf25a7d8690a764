import { OfflineIcon } from "@/components/ui/icons";
import { useOnlineStatus } from "@/lib/use-online-status";

/** Says plainly when there is no connection; the installed shell keeps working meanwhile. */
export function OfflineBanner() {
  const online = useOnlineStatus();
  if (online) return null;
  return (
    <div
      role="status"
      className="flex items-center justify-center gap-2 bg-amber-100 px-4 py-2 text-center text-sm font-medium text-amber-950 dark:bg-amber-400/15 dark:text-amber-100"
    >
      <OfflineIcon className="size-4 shrink-0" />
      You're offline. Pages you've opened still work, and Personify reconnects by itself.
    </div>
  );
}
