import { Link } from "react-router-dom";
import { Logo } from "@/components/ui/logo";
import { paths } from "@/config/paths";
import { useAuthSession } from "@/lib/auth-session";

export function SiteFooter() {
  // While a stored session is restoring, the visitor is most likely signed in: offering an account
  // then would flash the link at someone who has one.
  const offerSignUp = useAuthSession().status === "signed-out";
  return (
    <footer className="border-t border-line">
      <div className="mx-auto flex max-w-6xl flex-col gap-6 px-4 py-10 text-sm text-muted sm:flex-row sm:items-center sm:justify-between sm:px-6">
        <div className="space-y-2">
          <Logo />
          <p>Personal AI images, made for every person on your list.</p>
        </div>
        <nav aria-label="Footer">
          <ul className="flex flex-wrap gap-x-6 gap-y-2">
            <li>
              <Link to={paths.howItWorks.href()} className="hover:text-ink">
                How it works
              </Link>
            </li>
            <li>
              <Link to={paths.account.href()} className="hover:text-ink">
                Account
              </Link>
            </li>
            {offerSignUp
              ? (
                <li>
                  <Link to={paths.signUp.href()} className="hover:text-ink">
                    Create an account
                  </Link>
                </li>
              )
              : null}
          </ul>
        </nav>
        <p>© {new Date().getFullYear()} Personify</p>
      </div>
    </footer>
  );
}
