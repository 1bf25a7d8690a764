import { AnimatePresence, m } from "framer-motion";
import { useRegisterSW } from "virtual:pwa-register/react";
import { Button } from "@/components/ui/button";
import { RefreshIcon } from "@/components/ui/icons";

const updateCheckIntervalMs = 60 * 60 * 1000;

/**
 * Registers the service worker and offers a new version when one is waiting, letting the person
 * choose the moment to reload.
 */
export function PWAUpdatePrompt() {
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW({
    onRegisteredSW(_url, registration) {
      // Long-lived tabs and installed apps would otherwise only look for updates on navigation.
      if (registration) window.setInterval(() => void registration.update(), updateCheckIntervalMs);
    },
  });

  return (
    <AnimatePresence>
      {needRefresh
        ? (
          <m.aside
            role="status"
            aria-labelledby="update-title"
            initial={{ opacity: 0, y: -16 }}
            animate={{ opacity: 1, y: 0 }}
            exit={{ opacity: 0, y: -16 }}
            className="fixed inset-x-3 top-20 z-50 mx-auto flex max-w-md items-center gap-3 rounded-2xl border border-line bg-surface-raised p-3 pl-4 shadow-2xl shadow-black/15"
          >
            <RefreshIcon className="size-5 shrink-0 text-violet-600 dark:text-violet-300" />
            <p id="update-title" className="flex-1 text-sm font-medium text-ink">
              A new version of Personify is ready.
            </p>
            <Button size="sm" variant="ghost" onClick={() => setNeedRefresh(false)}>
              Later
            </Button>
            <Button size="sm" onClick={() => void updateServiceWorker(true)}>
              Reload
            </Button>
          </m.aside>
        )
        : null}
    </AnimatePresence>
  );
}
