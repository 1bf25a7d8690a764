import { Link, useLocation } from "react-router-dom";
import { buttonStyles } from "@/components/ui/button";
import { paths } from "@/config/paths";

export function NotFoundPage() {
  const location = useLocation();
  return (
    <div className="mx-auto flex max-w-xl flex-col items-center px-6 py-20 text-center sm:py-28">
      <title>Page not found · Personify</title>
      <p
        className="text-brand-gradient text-7xl font-extrabold tracking-tight sm:text-8xl"
        aria-hidden="true"
      >
        404
      </p>
      <h1 className="mt-4 text-2xl font-bold tracking-tight text-ink sm:text-3xl">This page doesn't exist</h1>
      <p className="mt-3 text-muted">
        Nothing lives at{" "}
        <code className="break-all rounded bg-sunken px-1.5 py-0.5 font-mono text-sm text-ink">
          {location.pathname}
        </code>. The link may be old, or the address mistyped.
      </p>
      <div className="mt-8 flex flex-col gap-3 sm:flex-row">
        <Link to={paths.home.href()} className={buttonStyles({ size: "lg" })}>
          Back to the home page
        </Link>
        <Link to={paths.howItWorks.href()} className={buttonStyles({ size: "lg", variant: "secondary" })}>
          See how Personify works
        </Link>
      </div>
    </div>
  );
}
