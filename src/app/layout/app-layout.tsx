import { useEffect, useRef } from "react";
import { Outlet, useLocation, useNavigationType } from "react-router-dom";
import { ErrorBoundary } from "@/app/error-boundary";
import { OfflineBanner } from "@/app/layout/offline-banner";
import { SiteFooter } from "@/app/layout/site-footer";
import { SiteHeader } from "@/app/layout/site-header";
import { PWAInstallPrompt } from "@/app/pwa/pwa-install-prompt";
import { PWAUpdatePrompt } from "@/app/pwa/pwa-update-prompt";
import { RouteErrorPage } from "@/app/routes/route-error-page";

export function AppLayout() {
  const { pathname } = useLocation();
  const navigationType = useNavigationType();
  const mainRef = useRef<HTMLElement>(null);
  const previousPath = useRef(pathname);

  useEffect(() => {
    if (pathname === previousPath.current) return;
    previousPath.current = pathname;
    // A new page starts at its top (back and forward keep the browser's own scroll position), and
    // keyboard and screen-reader users start at its content rather than back in the header.
    if (navigationType !== "POP") window.scrollTo({ top: 0 });
    mainRef.current?.focus({ preventScroll: true });
  }, [pathname, navigationType]);

  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only z-50 rounded-lg bg-violet-600 px-4 py-2 font-semibold text-white focus:not-sr-only focus:fixed focus:left-3 focus:top-3"
      >
        Skip to content
      </a>
      <SiteHeader />
      <OfflineBanner />
      <main id="main" ref={mainRef} tabIndex={-1} className="flex-1 focus:outline-none">
        {/* Keyed by path: leaving a page that failed clears the failure; the header keeps working. */}
        <ErrorBoundary
          key={pathname}
          fallback={(error, retry) => <RouteErrorPage error={error} retry={retry} />}
        >
          <Outlet />
        </ErrorBoundary>
      </main>
      <SiteFooter />
      <PWAUpdatePrompt />
      <PWAInstallPrompt />
    </div>
  );
}
