import type { ReactNode } from "react";
import { Link } from "react-router-dom";
import { Card } from "@/components/ui/card";
import { CheckIcon } from "@/components/ui/icons";
import { paths } from "@/config/paths";

const promises = [
  "100 free credits to start",
  "Every major image model in one place",
  "Personalize one prompt for a whole CSV",
];

/** The frame of every sign-in and account-recovery page: the form on a card, a reminder why beside it. */
export function AuthLayout({
  title,
  description,
  children,
  footer,
}: {
  title: string;
  description: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <div className="mx-auto grid w-full max-w-5xl gap-10 px-4 py-10 sm:px-6 sm:py-16 lg:grid-cols-[1fr_0.9fr] lg:items-center">
      <div className="mx-auto w-full max-w-md">
        <Card className="p-6 sm:p-8">
          <h1 className="text-2xl font-bold tracking-tight text-ink">{title}</h1>
          <div className="mt-2 text-sm text-muted">{description}</div>
          <div className="mt-6">{children}</div>
        </Card>
        {footer ? <div className="mt-6 text-center text-sm text-muted">{footer}</div> : null}
      </div>
      <aside className="relative hidden overflow-hidden rounded-3xl bg-brand-gradient-deep p-8 text-white shadow-xl shadow-fuchsia-600/20 lg:block">
        <div
          className="absolute -right-16 -top-16 size-56 rounded-full bg-white/15 blur-2xl"
          aria-hidden="true"
        />
        <div
          className="absolute -bottom-20 -left-10 size-64 rounded-full bg-orange-300/25 blur-3xl"
          aria-hidden="true"
        />
        <p className="relative text-sm font-semibold uppercase tracking-widest text-white/90">Personify</p>
        <p className="relative mt-3 text-2xl font-bold leading-snug">
          “Thanks for the chat,{" "}
          <span className="rounded-md bg-white/20 px-1.5">[FIRSTNAME]</span>!” — one prompt, a picture made
          for every person.
        </p>
        <ul className="relative mt-8 space-y-3 text-sm">
          {promises.map((promise) => (
            <li key={promise} className="flex items-center gap-3">
              <span className="grid size-6 place-items-center rounded-full bg-white/20">
                <CheckIcon className="size-4" />
              </span>
              {promise}
            </li>
          ))}
        </ul>
        <p className="relative mt-10 text-sm text-white/90">
          New here?{" "}
          <Link
            to={paths.howItWorks.href()}
            className="font-semibold text-white underline underline-offset-4"
          >
            See how it works
          </Link>
        </p>
      </aside>
    </div>
  );
}
