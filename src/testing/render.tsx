import type { AuthChangeEvent, Session, SupabaseClient } from "@supabase/supabase-js";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import type { ReactNode } from "react";
import { MemoryRouter, Route, Routes, useLocation } from "react-router-dom";
import { AuthSessionProvider } from "@/lib/auth-session";
import { authStorageKey } from "@/lib/auth-storage";

export function testSession(overrides: { email?: string; displayName?: string } = {}): Session {
  return {
    access_token: "access-token",
    refresh_token: "refresh-token",
    expires_in: 3600,
    expires_at: Math.floor(Date.now() / 1000) + 3600,
    token_type: "bearer",
    user: {
      id: "user-1",
      email: overrides.email ?? "ada@example.com",
      aud: "authenticated",
      app_metadata: {},
      user_metadata: overrides.displayName ? { display_name: overrides.displayName } : {},
      created_at: "2026-01-01T00:00:00Z",
    },
  };
}

type AuthCallback = (event: AuthChangeEvent, session: Session | null) => void;

/** An auth client that reports `session` at once and lets a test change it later. */
export function fakeAuthClient(session: Session | null) {
  const callbacks = new Set<AuthCallback>();
  const client = {
    auth: {
      onAuthStateChange: (callback: AuthCallback) => {
        callbacks.add(callback);
        queueMicrotask(() => callback("INITIAL_SESSION", session));
        return { data: { subscription: { unsubscribe: () => callbacks.delete(callback) } } };
      },
    },
  } as unknown as Pick<SupabaseClient, "auth">;
  const emit = (event: AuthChangeEvent, next: Session | null) =>
    callbacks.forEach((callback) => callback(event, next));
  return { client, emit };
}

/** Shows the current URL so tests can assert where a redirect went. */
export function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location">{`${location.pathname}${location.search}`}</output>;
}

/**
 * Renders `ui` at `route` with a fresh query client and an auth session: signed out, or signed in
 * with `session` (stored, as supabase-js would have left it).
 */
export function renderWithProviders(
  ui: ReactNode,
  { route = "/", path = "*", session = null, extraRoutes }: {
    route?: string;
    path?: string;
    session?: Session | null;
    extraRoutes?: ReactNode;
  } = {},
) {
  if (session) localStorage.setItem(authStorageKey, JSON.stringify(session));
  const auth = fakeAuthClient(session);
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  const result = render(
    <QueryClientProvider client={queryClient}>
      <AuthSessionProvider loadClient={() => Promise.resolve(auth.client)}>
        <MemoryRouter initialEntries={[route]}>
          <Routes>
            <Route path={path} element={ui} />
            {extraRoutes}
          </Routes>
          <LocationProbe />
        </MemoryRouter>
      </AuthSessionProvider>
    </QueryClientProvider>,
  );
  return { ...result, queryClient, emitAuth: auth.emit };
}
