import type { User } from "@supabase/supabase-js";
import { Link } from "react-router-dom";
import { promptInstall, useCanInstall } from "@/app/pwa/install-prompt-store";
import { preloadPageFor } from "@/app/routes/lazy-pages";
import { Avatar } from "@/components/ui/avatar";
import { DropdownMenu, menuItemClasses } from "@/components/ui/dropdown-menu";
import { ChevronDownIcon, CoinsIcon, DownloadIcon, SignOutIcon, UserIcon } from "@/components/ui/icons";
import { paths } from "@/config/paths";
import { greetingName } from "@/lib/auth-session";

export function UserMenu({ user }: { user: User }) {
  const canInstall = useCanInstall();
  const name = greetingName(user);
  return (
    <DropdownMenu
      label="Account menu"
      buttonClassName="flex items-center gap-1.5 rounded-full p-1 pr-2 text-muted hover:bg-sunken hover:text-ink"
      buttonContent={
        <>
          <Avatar name={name} size="sm" />
          <ChevronDownIcon className="size-4" />
        </>
      }
    >
      {(close) => (
        <>
          <div className="border-b border-line px-3 pb-3 pt-2" role="none">
            <p className="truncate text-sm font-semibold text-ink">{name}</p>
            <p className="truncate text-xs text-muted">{user.email}</p>
          </div>
          <div className="pt-1.5" role="none">
            <Link
              to={paths.account.href()}
              role="menuitem"
              tabIndex={-1}
              className={menuItemClasses}
              onClick={() => close()}
              onFocus={() => preloadPageFor(paths.account.href())}
            >
              <UserIcon className="size-4" /> Account and credits
            </Link>
            <Link
              to={paths.credits.href()}
              role="menuitem"
              tabIndex={-1}
              className={menuItemClasses}
              onClick={() => close()}
              onFocus={() => preloadPageFor(paths.credits.href())}
            >
              <CoinsIcon className="size-4" /> Buy credits
            </Link>
            {canInstall
              ? (
                <button
                  type="button"
                  role="menuitem"
                  tabIndex={-1}
                  className={menuItemClasses}
                  onClick={() => {
                    close();
                    void promptInstall();
                  }}
                >
                  <DownloadIcon className="size-4" /> Install the app
                </button>
              )
              : null}
            <Link
              to={paths.signOut.href()}
              role="menuitem"
              tabIndex={-1}
              className={menuItemClasses}
              onClick={() => close(false)}
            >
              <SignOutIcon className="size-4" /> Sign out
            </Link>
          </div>
        </>
      )}
    </DropdownMenu>
  );
}
