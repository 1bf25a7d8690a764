import { type ReactNode, useEffect } from "react";
import { Link, useLocation } from "react-router-dom";
import { buttonStyles } from "@/components/ui/button";
import {
  ArrowRightIcon,
  DownloadIcon,
  RefreshIcon,
  SparklesIcon,
  TableIcon,
  TokenIcon,
} from "@/components/ui/icons";
import { paths } from "@/config/paths";
import { useAuthSession } from "@/lib/auth-session";

const steps: { icon: ReactNode; title: string; body: ReactNode }[] = [
  {
    icon: <SparklesIcon />,
    title: "Pick a model and write a prompt",
    body:
      "Choose GPT Image, Gemini, Imagen, FLUX or another model, set the options it offers (aspect ratio, size, style), and describe the picture. Models that take a reference image can start from one of yours.",
  },
  {
    icon: <TokenIcon />,
    title: "Add tokens where the picture should be personal",
    body: (
      <>
        Write <code className="font-mono text-ink">[FIRSTNAME]</code>,{" "}
        <code className="font-mono text-ink">[COMPANY]</code>{" "}
        or the name of any column in your list. Each image gets that row's values, and a preview shows you the
        first rows before anything runs.
      </>
    ),
  },
  {
    icon: <TableIcon />,
    title: "Upload your CSV and see the cost first",
    body:
      "Up to 10,000 contacts. Personify checks the file, shows how many credits the run will take, and starts only when you say so.",
  },
  {
    icon: <RefreshIcon />,
    title: "Watch it run, safely",
    body:
      "Progress updates live. The rows that fail can be retried with one click, and closing the tab loses nothing: the work carries on and is waiting when you come back.",
  },
  {
    icon: <DownloadIcon />,
    title: "Download, keep, and bring to life",
    body:
      "Get every image in a ZIP with a results CSV, keep favourites in gallery albums, and turn any image into a short video: the preview is free, the full video is paid.",
  },
];

const questions: { question: string; answer: string }[] = [
  {
    question: "What is a credit?",
    answer:
      "Credits pay for generations. Each model costs a set number of credits per image: a batch shows its total before it starts, and every image shows what it cost. New accounts start with 100.",
  },
  {
    question: "What happens if some rows fail?",
    answer:
      "They are marked with the reason, the rest of the batch carries on, and you can retry the failed rows with one click. You aren't charged for images that weren't made.",
  },
  {
    question: "Can I install Personify?",
    answer:
      "Yes. Personify is an installable web app: use your browser's Install option (or Add to Home Screen on a phone) and it opens in its own window, even when your connection drops.",
  },
  {
    question: "Who can see my images?",
    answer:
      "Only you. Images and uploads are stored privately for your account, and the app shows and downloads them through short-lived links.",
  },
];

/** The keys README.md's "Real AI providers" lists, for people who meet a model that is not set up. */
const providers = [
  { label: "OpenAI", models: "GPT Image", envVar: "OPENAI_API_KEY" },
  { label: "Google AI", models: "Nano Banana (Gemini image models)", envVar: "GOOGLE_AI_API_KEY" },
  { label: "Replicate", models: "FLUX.2", envVar: "REPLICATE_API_TOKEN" },
];

export default function HowItWorksPage() {
  const auth = useAuthSession();
  const { hash } = useLocation();
  // A link such as the model picker's "how to enable" lands on its section, not the page's top.
  useEffect(() => {
    if (hash) document.getElementById(hash.slice(1))?.scrollIntoView();
  }, [hash]);

  return (
    <div className="mx-auto max-w-4xl px-4 py-12 sm:px-6 sm:py-20">
      <header className="text-center">
        <p className="text-sm font-semibold uppercase tracking-widest text-violet-700 dark:text-violet-300">
          How it works
        </p>
        <h1 className="mt-3 text-4xl font-extrabold tracking-tight text-ink sm:text-5xl">
          From one prompt to <span className="text-brand-gradient">a thousand personal pictures</span>
        </h1>
        <p className="mx-auto mt-5 max-w-2xl text-lg text-muted">
          Five steps, a few minutes, and every person on your list gets an image made just for them.
        </p>
      </header>

      <ol className="relative mt-16 space-y-10 before:absolute before:bottom-4 before:left-6 before:top-4 before:w-px before:bg-line sm:before:left-7">
        {steps.map((step, index) => (
          <li key={step.title} className="relative flex gap-5 sm:gap-7">
            <span className="relative z-10 grid size-12 shrink-0 place-items-center rounded-2xl bg-brand-gradient-deep text-xl text-white shadow-lg shadow-fuchsia-700/20 sm:size-14">
              {step.icon}
            </span>
            <div className="pt-1">
              <p className="text-sm font-semibold text-violet-700 dark:text-violet-300">Step {index + 1}</p>
              <h2 className="mt-1 text-xl font-semibold text-ink">{step.title}</h2>
              <p className="mt-2 leading-relaxed text-muted">{step.body}</p>
            </div>
          </li>
        ))}
      </ol>

      <section id="providers" aria-labelledby="providers-heading" className="mt-20 scroll-mt-24">
        <h2 id="providers-heading" className="text-2xl font-bold tracking-tight text-ink">
          Which image models you can use
        </h2>
        <p className="mt-3 leading-relaxed text-muted">
          The offline renderer always works. Each other model runs once whoever runs this Personify server
          sets its provider's key (in the function secrets on Supabase, or before{" "}
          <code className="font-mono text-ink">npm run dev</code>); until then it is listed as not set up,
          with the key it needs.
        </p>
        {/* Focusable so that a keyboard can scroll the table sideways on a phone. */}
        <div
          tabIndex={0}
          role="region"
          aria-label="Providers and the keys they need"
          className="mt-6 overflow-x-auto rounded-2xl border border-line bg-surface focus:outline-none focus-visible:ring-4 focus-visible:ring-violet-500/40"
        >
          <table className="w-full text-left text-sm">
            <thead className="bg-sunken text-muted">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">Provider</th>
                <th scope="col" className="px-4 py-2 font-medium">Models</th>
                <th scope="col" className="px-4 py-2 font-medium">Setting to add</th>
              </tr>
            </thead>
            <tbody>
              {providers.map((provider) => (
                <tr key={provider.envVar} className="border-t border-line">
                  <td className="px-4 py-2 font-medium text-ink">{provider.label}</td>
                  <td className="px-4 py-2 text-muted">{provider.models}</td>
                  <td className="px-4 py-2">
                    <code className="font-mono text-ink">{provider.envVar}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="faq-heading" className="mt-20">
        <h2 id="faq-heading" className="text-2xl font-bold tracking-tight text-ink">
          Questions people ask
        </h2>
        <div className="mt-6 divide-y divide-line rounded-2xl border border-line bg-surface">
          {questions.map(({ question, answer }) => (
            <details key={question} className="group px-5 py-4 sm:px-6">
              <summary className="flex cursor-pointer list-none items-center justify-between gap-4 font-medium text-ink [&::-webkit-details-marker]:hidden">
                {question}
                <span className="text-muted transition group-open:rotate-45" aria-hidden="true">
                  +
                </span>
              </summary>
              <p className="mt-3 leading-relaxed text-muted">{answer}</p>
            </details>
          ))}
        </div>
      </section>

      <div className="mt-16 text-center">
        <Link
          to={auth.status === "signed-in" ? paths.account.href() : paths.signUp.href()}
          className={buttonStyles({ size: "lg" })}
        >
          {auth.status === "signed-in" ? "Go to your account" : "Try it with 100 free credits"}{" "}
          <ArrowRightIcon />
        </Link>
      </div>
    </div>
  );
}
