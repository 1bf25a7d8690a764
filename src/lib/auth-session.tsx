import type { Session, SupabaseClient, User } from "@supabase/supabase-js";
import { createContext, type ReactNode, use, useEffect, useState } from "react";
import { mayHaveSession } from "@/lib/auth-storage";
import { whenClientLoaded } from "@/lib/supabase-ready";

export type AuthSession =
  /** supabase-js is restoring a stored session. */
  | { status: "loading" }
  | { status: "signed-out" }
  | { status: "signed-in"; session: Session; user: User };

const AuthSessionContext = createContext<AuthSession | null>(null);

type AuthClient = Pick<SupabaseClient, "auth">;

/**
 * Keeps the current session from supabase-js in React state for the whole app. supabase-js itself
 * is loaded only when a session may exist, or when a page that needs it (sign-in, account) loads
 * it; a first-time visitor reading the home page never downloads it.
 */
export function AuthSessionProvider({
  loadClient,
  children,
}: {
  loadClient: () => Promise<AuthClient>;
  children: ReactNode;
}) {
  const [authSession, setAuthSession] = useState<AuthSession>(() =>
    mayHaveSession() ? { status: "loading" } : { status: "signed-out" }
  );

  useEffect(() => {
    let unsubscribe: (() => void) | undefined;
    let active = true;
    const follow = (client: AuthClient) => {
      if (!active || unsubscribe) return;
      // onAuthStateChange reports the restored session first (INITIAL_SESSION), then every change.
      const { data } = client.auth.onAuthStateChange((_event, session) => {
        setAuthSession(
          session ? { status: "signed-in", session, user: session.user } : { status: "signed-out" },
        );
      });
      unsubscribe = () => data.subscription.unsubscribe();
    };
    const stopWaiting = whenClientLoaded(follow);
    if (mayHaveSession()) {
      loadClient().then(follow, () => {
        if (active) setAuthSession({ status: "signed-out" });
      });
    }
    return () => {
      active = false;
      stopWaiting();
      unsubscribe?.();
    };
  }, [loadClient]);

  return <AuthSessionContext value={authSession}>{children}</AuthSessionContext>;
}

export function useAuthSession(): AuthSession {
  const authSession = use(AuthSessionContext);
  if (!authSession) throw new Error("useAuthSession needs an AuthSessionProvider above it.");
  return authSession;
}

/** The name to greet someone by: their display name, else the part of the email before the @. */
export function greetingName(user: User): string {
  const metadata = user.user_metadata as Record<string, unknown> | undefined;
  const displayName = metadata?.display_name;
  if (typeof displayName === "string" && displayName.trim()) return displayName.trim();
  return user.email?.split("@")[0] ?? "there";
}
