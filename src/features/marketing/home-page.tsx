import type { ReactNode } from "react";
import { Link } from "react-router-dom";
import { buttonStyles } from "@/components/ui/button";
import {
  ArrowRightIcon,
  CoinsIcon,
  ImagesIcon,
  SparklesIcon,
  TableIcon,
  TokenIcon,
  VideoIcon,
} from "@/components/ui/icons";
import { paths } from "@/config/paths";
import { PersonalizationDemo } from "@/features/marketing/components/personalization-demo";
import { useAuthSession } from "@/lib/auth-session";

// Only what the app does today: each card names a page a signed-in person can open.
const features: { icon: ReactNode; title: string; description: string }[] = [
  {
    icon: <SparklesIcon />,
    title: "The model you choose",
    description:
      "GPT Image, Gemini, Imagen, FLUX and more, each with its own settings, and a reference image for the models that take one.",
  },
  {
    icon: <TokenIcon />,
    title: "Personal by design",
    description:
      "Write [FIRSTNAME], [COMPANY] or any column of your list into a prompt; each picture fills them in. Save values you reuse as a set.",
  },
  {
    icon: <TableIcon />,
    title: "A CSV in, a ZIP out",
    description:
      "Up to 10,000 rows, with a cost estimate first, live progress, and a retry for the rows that fail.",
  },
  {
    icon: <ImagesIcon />,
    title: "A gallery that stays tidy",
    description:
      "Search everything you made or uploaded, keep favourites, and sort it into albums yourself or let AI organise them.",
  },
  {
    icon: <VideoIcon />,
    title: "From still to motion",
    description:
      "Turn an image into a short video: the watermarked preview is free, and you pay only for the full video.",
  },
  {
    icon: <CoinsIcon />,
    title: "Credits you can follow",
    description:
      "Every image shows what it cost, and your account keeps the balance and the history of every credit.",
  },
];

export default function HomePage() {
  const auth = useAuthSession();
  const signedIn = auth.status === "signed-in";

  return (
    <div className="overflow-x-clip">
      <section className="relative">
        <div
          className="pointer-events-none absolute inset-x-0 -top-40 -z-10 mx-auto h-[36rem] max-w-5xl rounded-full bg-brand-gradient opacity-15 blur-3xl dark:opacity-25"
          aria-hidden="true"
        />
        <div className="mx-auto grid max-w-6xl items-center gap-12 px-4 pb-16 pt-12 sm:px-6 sm:pt-20 lg:grid-cols-[1.05fr_1fr] lg:pb-24">
          <div>
            <p className="inline-flex items-center gap-2 rounded-full border border-line bg-surface px-3 py-1 text-sm font-medium text-muted shadow-sm">
              <SparklesIcon className="text-violet-600 dark:text-violet-300" />
              Personal AI images, at any scale
            </p>
            <h1 className="mt-6 text-4xl font-extrabold tracking-tight text-ink sm:text-5xl lg:text-6xl">
              One prompt.
              <br />
              <span className="text-brand-gradient">A picture for every person.</span>
            </h1>
            <p className="mt-6 max-w-xl text-lg leading-relaxed text-muted">
              Generate images with the AI model you choose, personalize them with tokens like{" "}
              <code className="rounded bg-sunken px-1 font-mono text-[0.9em] text-ink">[FIRSTNAME]</code> and
              {" "}
              <code className="rounded bg-sunken px-1 font-mono text-[0.9em] text-ink">[COMPANY]</code>, and
              make one for every row of your contact list.
            </p>
            <div className="mt-8 flex flex-col gap-3 sm:flex-row">
              {signedIn
                ? (
                  <Link to={paths.account.href()} className={buttonStyles({ size: "lg" })}>
                    Go to your account <ArrowRightIcon />
                  </Link>
                )
                : (
                  <Link to={paths.signUp.href()} className={buttonStyles({ size: "lg" })}>
                    Start free with 100 credits <ArrowRightIcon />
                  </Link>
                )}
              <Link
                to={paths.howItWorks.href()}
                className={buttonStyles({ size: "lg", variant: "secondary" })}
              >
                See how it works
              </Link>
            </div>
            <p className="mt-4 text-sm text-muted">
              No card needed. Works on your phone, and installs like an app.
            </p>
          </div>
          <PersonalizationDemo />
        </div>
      </section>

      <section
        aria-labelledby="features-heading"
        className="border-y border-line bg-surface/60 py-16 sm:py-24"
      >
        <div className="mx-auto max-w-6xl px-4 sm:px-6">
          <h2
            id="features-heading"
            className="max-w-2xl text-3xl font-bold tracking-tight text-ink sm:text-4xl"
          >
            Everything between an idea and a thousand personal pictures
          </h2>
          <ul className="mt-12 grid gap-5 sm:grid-cols-2 lg:grid-cols-3">
            {features.map((feature) => (
              <li
                key={feature.title}
                className="group rounded-2xl border border-line bg-surface p-6 shadow-sm transition hover:-translate-y-0.5 hover:shadow-lg hover:shadow-violet-900/5"
              >
                <span className="grid size-11 place-items-center rounded-xl bg-violet-50 text-xl text-violet-700 transition group-hover:bg-violet-600 group-hover:text-white dark:bg-violet-500/15 dark:text-violet-200">
                  {feature.icon}
                </span>
                <h3 className="mt-4 text-lg font-semibold text-ink">{feature.title}</h3>
                <p className="mt-2 text-sm leading-relaxed text-muted">{feature.description}</p>
              </li>
            ))}
          </ul>
        </div>
      </section>

      <section className="mx-auto max-w-6xl px-4 py-16 sm:px-6 sm:py-24">
        <div className="relative overflow-hidden rounded-3xl bg-brand-gradient-deep px-6 py-12 text-white shadow-xl shadow-fuchsia-700/20 sm:px-12">
          <div
            className="absolute -right-20 -top-24 size-72 rounded-full bg-white/15 blur-3xl"
            aria-hidden="true"
          />
          <div className="relative max-w-2xl">
            <h2 className="text-3xl font-bold tracking-tight sm:text-4xl">
              Make the next hello unforgettable.
            </h2>
            <p className="mt-4 text-lg text-white/90">
              Start with 100 free credits, enough for your first personalized batch.
            </p>
            <div className="mt-8 flex flex-col gap-3 sm:flex-row">
              <Link
                to={signedIn ? paths.account.href() : paths.signUp.href()}
                className={buttonStyles({
                  size: "lg",
                  variant: "secondary",
                  className: "border-transparent",
                })}
              >
                {signedIn ? "Open your account" : "Create your free account"}
              </Link>
              <Link
                to={paths.howItWorks.href()}
                className={buttonStyles({
                  size: "lg",
                  variant: "ghost",
                  className: "text-white hover:bg-white/15",
                })}
              >
                How it works <ArrowRightIcon />
              </Link>
            </div>
          </div>
        </div>
      </section>
    </div>
  );
}
