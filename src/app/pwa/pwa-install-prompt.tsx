import { AnimatePresence, m } from "framer-motion";
import { useEffect, useState } from "react";
import { promptInstall, useCanInstall } from "@/app/pwa/install-prompt-store";
import { Button } from "@/components/ui/button";
import { CloseIcon, DownloadIcon } from "@/components/ui/icons";
import { Logo } from "@/components/ui/logo";

const dismissedKey = "personify-install-dismissed-at";
const quietDaysAfterDismissal = 14;
/** Wait until the visitor has looked around a little before offering. */
export const installOfferDelayMs = 12_000;

function dismissedRecently(now = Date.now()): boolean {
  try {
    const dismissedAt = Number(localStorage.getItem(dismissedKey));
    return Number.isFinite(dismissedAt) && now - dismissedAt < quietDaysAfterDismissal * 24 * 60 * 60 * 1000;
  } catch {
    return false;
  }
}

/** A gentle card offering to install Personify, when the browser allows it and it wasn't just declined. */
export function PWAInstallPrompt({ delayMs = installOfferDelayMs }: { delayMs?: number }) {
  const canInstall = useCanInstall();
  const [ready, setReady] = useState(false);
  const [dismissed, setDismissed] = useState(dismissedRecently);

  useEffect(() => {
    if (!canInstall) return;
    const timer = window.setTimeout(() => setReady(true), delayMs);
    return () => window.clearTimeout(timer);
  }, [canInstall, delayMs]);

  const dismiss = () => {
    setDismissed(true);
    try {
      localStorage.setItem(dismissedKey, String(Date.now()));
    } catch {
      // Without storage the card simply comes back next visit.
    }
  };

  const visible = canInstall && ready && !dismissed;

  return (
    <AnimatePresence>
      {visible
        ? (
          <m.aside
            aria-labelledby="install-title"
            initial={{ opacity: 0, y: 24 }}
            animate={{ opacity: 1, y: 0 }}
            exit={{ opacity: 0, y: 24 }}
            className="fixed inset-x-3 bottom-3 z-40 rounded-2xl border border-line bg-surface-raised p-4 shadow-2xl shadow-black/15 sm:inset-x-auto sm:right-5 sm:bottom-5 sm:w-96"
          >
            <div className="flex items-start gap-3">
              <Logo withWordmark={false} />
              <div className="min-w-0 flex-1">
                <h2 id="install-title" className="font-semibold text-ink">
                  Install Personify
                </h2>
                <p className="mt-1 text-sm text-muted">
                  Open it from your home screen or dock, in its own window, even when you're offline.
                </p>
                <div className="mt-3 flex gap-2">
                  <Button size="sm" onClick={() => void promptInstall()}>
                    <DownloadIcon /> Install
                  </Button>
                  <Button size="sm" variant="ghost" onClick={dismiss}>
                    Not now
                  </Button>
                </div>
              </div>
              <button
                type="button"
                onClick={dismiss}
                aria-label="Close install offer"
                className="-m-1 grid size-9 place-items-center rounded-lg text-muted hover:bg-sunken hover:text-ink"
              >
                <CloseIcon />
              </button>
            </div>
          </m.aside>
        )
        : null}
    </AnimatePresence>
  );
}
