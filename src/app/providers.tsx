import { QueryClientProvider, useQueryClient } from "@tanstack/react-query";
import { LazyMotion, MotionConfig } from "framer-motion";
import { lazy, type ReactNode, Suspense, useEffect, useRef, useState } from "react";
import { Toaster } from "sonner";
import { ErrorBoundary } from "@/app/error-boundary";
import { createQueryClient, forgetPersistedGalleryCache, persistGalleryCache } from "@/app/query-client";
import { AuthSessionProvider, useAuthSession } from "@/lib/auth-session";
import { type CreditsOffer, CreditsOfferProvider } from "@/lib/credits-offer";
import { useTheme } from "@/lib/theme";

const loadSupabase = () => import("@/lib/supabase").then((module) => module.supabase);
const loadMotionFeatures = () => import("@/app/motion-features").then((module) => module.default);
// The purchase is fetched when it is first offered, not with every page.
const BuyCreditsDialog = lazy(() => import("@/features/credits/components/buy-credits-dialog"));

function renderCreditsOffer(offer: CreditsOffer, close: () => void) {
  return (
    <Suspense fallback={null}>
      <BuyCreditsDialog offer={offer} onClose={close} />
    </Suspense>
  );
}

export function AppProviders({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  return (
    <ErrorBoundary>
      <QueryClientProvider client={queryClient}>
        <AuthSessionProvider loadClient={loadSupabase}>
          <ForgetDataOfPreviousUser />
          <PersistGalleryCache />
          <LazyMotion features={loadMotionFeatures} strict>
            <MotionConfig reducedMotion="user">
              <CreditsOfferProvider renderOffer={renderCreditsOffer}>{children}</CreditsOfferProvider>
              <ThemedToaster />
            </MotionConfig>
          </LazyMotion>
        </AuthSessionProvider>
      </QueryClientProvider>
    </ErrorBoundary>
  );
}

/** Cached server data belongs to one person: drop it when they sign out or someone else signs in. */
function ForgetDataOfPreviousUser() {
  const auth = useAuthSession();
  const queryClient = useQueryClient();
  const previousUserId = useRef<string | null | undefined>(undefined);
  const userId = auth.status === "signed-in" ? auth.user.id : auth.status === "signed-out" ? null : undefined;

  useEffect(() => {
    if (userId === undefined) return;
    if (previousUserId.current !== undefined && previousUserId.current !== userId) queryClient.clear();
    previousUserId.current = userId;
  }, [userId, queryClient]);

  return null;
}

/** The person's gallery lists survive a reload (and so show offline); signing out forgets them. */
function PersistGalleryCache() {
  const auth = useAuthSession();
  const queryClient = useQueryClient();
  const userId = auth.status === "signed-in" ? auth.user.id : auth.status === "signed-out" ? null : undefined;

  useEffect(() => {
    if (userId === null) forgetPersistedGalleryCache();
    if (!userId) return;
    return persistGalleryCache(queryClient, userId);
  }, [userId, queryClient]);

  return null;
}

function ThemedToaster() {
  const { resolved } = useTheme();
  return (
    // At the top, under the sticky header (4rem): at the bottom they covered the buttons that end a
    // form, such as AI Image's Generate, most of all on a phone where that is where the thumb is.
    <Toaster
      theme={resolved}
      position="top-center"
      offset={{ top: 80 }}
      mobileOffset={{ top: 72 }}
      richColors
      closeButton
      toastOptions={{ className: "font-sans" }}
      containerAriaLabel="Notifications"
    />
  );
}
