import clsx from "clsx";
import { AnimatePresence, m } from "framer-motion";
import { useEffect, useId, useRef, useState } from "react";
import { Link, NavLink, useLocation } from "react-router-dom";
import { linksFor } from "@/app/layout/navigation";
import { ThemeMenu } from "@/app/layout/theme-menu";
import { UserMenu } from "@/app/layout/user-menu";
import { preloadPageFor } from "@/app/routes/lazy-pages";
import { buttonStyles } from "@/components/ui/button";
import { CloseIcon, MenuIcon } from "@/components/ui/icons";
import { Logo } from "@/components/ui/logo";
import { paths } from "@/config/paths";
import { useAuthSession } from "@/lib/auth-session";

const preloadProps = (to: string) => ({
  onPointerEnter: () => preloadPageFor(to),
  onFocus: () => preloadPageFor(to),
});

export function SiteHeader() {
  const auth = useAuthSession();
  const signedIn = auth.status === "signed-in";
  const links = linksFor(signedIn);
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const [menuOpenedAt, setMenuOpenedAt] = useState(location.key);
  const panelId = useId();
  const menuButtonRef = useRef<HTMLButtonElement>(null);

  // A navigation closes the phone menu (the location changed since it was opened).
  if (menuOpen && menuOpenedAt !== location.key) setMenuOpen(false);

  useEffect(() => {
    if (!menuOpen) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        setMenuOpen(false);
        menuButtonRef.current?.focus();
      }
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [menuOpen]);

  return (
    <header className="sticky top-0 z-30 border-b border-line/70 bg-canvas/95">
      <div className="mx-auto flex h-16 max-w-6xl items-center gap-4 px-4 sm:px-6">
        <Link
          to={paths.home.href()}
          className="-m-1 rounded-lg p-1"
          aria-label="Personify home"
          {...preloadProps(paths.home.href())}
        >
          <Logo />
        </Link>

        <nav aria-label="Main" className="ml-6 hidden md:block">
          <ul className="flex items-center gap-1">
            {links.map((link) => (
              <li key={link.to}>
                <NavLink
                  to={link.to}
                  {...preloadProps(link.to)}
                  className={({ isActive }) =>
                    clsx(
                      "rounded-lg px-3 py-2 text-sm font-medium transition-colors",
                      isActive ? "bg-sunken text-ink" : "text-muted hover:text-ink",
                    )}
                >
                  {link.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>

        <div className="ml-auto flex items-center gap-1.5 sm:gap-2">
          <ThemeMenu />
          {auth.status === "signed-in"
            ? <UserMenu user={auth.user} />
            : auth.status === "signed-out"
            ? (
              <div className="hidden items-center gap-2 sm:flex">
                <Link
                  to={paths.signIn.href()}
                  className={buttonStyles({ variant: "ghost", size: "sm" })}
                  {...preloadProps(paths.signIn.href())}
                >
                  Sign in
                </Link>
                <Link
                  to={paths.signUp.href()}
                  className={buttonStyles({ size: "sm" })}
                  {...preloadProps(paths.signUp.href())}
                >
                  Get started
                </Link>
              </div>
            )
            : <span className="size-10" aria-hidden="true" />}
          <button
            ref={menuButtonRef}
            type="button"
            className="grid size-10 place-items-center rounded-xl text-ink hover:bg-sunken md:hidden"
            aria-expanded={menuOpen}
            aria-controls={panelId}
            aria-label={menuOpen ? "Close menu" : "Open menu"}
            onClick={() => {
              setMenuOpenedAt(location.key);
              setMenuOpen((open) => !open);
            }}
          >
            {menuOpen ? <CloseIcon className="size-6" /> : <MenuIcon className="size-6" />}
          </button>
        </div>
      </div>

      <AnimatePresence initial={false}>
        {menuOpen
          ? (
            <m.nav
              id={panelId}
              aria-label="Main"
              initial={{ height: 0, opacity: 0 }}
              animate={{ height: "auto", opacity: 1 }}
              exit={{ height: 0, opacity: 0 }}
              transition={{ duration: 0.2, ease: "easeOut" }}
              className="overflow-hidden border-t border-line md:hidden"
            >
              <ul className="space-y-1 px-4 py-4">
                {links.map((link) => (
                  <li key={link.to}>
                    <NavLink
                      to={link.to}
                      className={({ isActive }) =>
                        clsx(
                          "block rounded-xl px-4 py-3 text-base font-medium",
                          isActive ? "bg-sunken text-ink" : "text-ink hover:bg-sunken",
                        )}
                    >
                      {link.label}
                    </NavLink>
                  </li>
                ))}
                {auth.status === "signed-out"
                  ? (
                    <li className="grid grid-cols-2 gap-3 pt-3">
                      <Link to={paths.signIn.href()} className={buttonStyles({ variant: "secondary" })}>
                        Sign in
                      </Link>
                      <Link to={paths.signUp.href()} className={buttonStyles()}>
                        Get started
                      </Link>
                    </li>
                  )
                  : null}
                {signedIn
                  ? (
                    <li>
                      <Link
                        to={paths.signOut.href()}
                        className="block rounded-xl px-4 py-3 text-base font-medium text-ink hover:bg-sunken"
                      >
                        Sign out
                      </Link>
                    </li>
                  )
                  : null}
              </ul>
            </m.nav>
          )
          : null}
      </AnimatePresence>
    </header>
  );
}
