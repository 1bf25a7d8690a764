import { useSyncExternalStore } from "react";

export type ThemeChoice = "light" | "dark" | "system";
export type ResolvedTheme = "light" | "dark";

/** Also read by the inline script in index.html, which applies the theme before first paint. */
const storageKey = "personify-theme";
const darkQuery = "(prefers-color-scheme: dark)";
const listeners = new Set<() => void>();

function readChoice(): ThemeChoice {
  try {
    const stored = localStorage.getItem(storageKey);
    return stored === "light" || stored === "dark" ? stored : "system";
  } catch {
    return "system";
  }
}

function resolve(choice: ThemeChoice): ResolvedTheme {
  if (choice !== "system") return choice;
  return window.matchMedia(darkQuery).matches ? "dark" : "light";
}

function applyTheme() {
  document.documentElement.classList.toggle("dark", resolve(readChoice()) === "dark");
  for (const listener of listeners) listener();
}

export function setThemeChoice(choice: ThemeChoice) {
  try {
    if (choice === "system") localStorage.removeItem(storageKey);
    else localStorage.setItem(storageKey, choice);
  } catch {
    // Storage can be unavailable (private mode); the choice then lasts for this page only.
  }
  applyTheme();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  const media = window.matchMedia(darkQuery);
  const onSystemChange = () => applyTheme();
  const onStorage = (event: StorageEvent) => {
    if (event.key === storageKey) applyTheme();
  };
  media.addEventListener("change", onSystemChange);
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    media.removeEventListener("change", onSystemChange);
    window.removeEventListener("storage", onStorage);
  };
}

const currentTheme = () => `${readChoice()}:${resolve(readChoice())}` as const;

/** The visitor's choice and what it resolves to now; follows the system while the choice is "system". */
export function useTheme(): { choice: ThemeChoice; resolved: ResolvedTheme } {
  const snapshot = useSyncExternalStore(subscribe, currentTheme, () => "system:light");
  const [choice, resolved] = snapshot.split(":") as [ThemeChoice, ResolvedTheme];
  return { choice, resolved };
}
