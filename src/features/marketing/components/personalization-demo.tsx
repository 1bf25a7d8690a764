import { AnimatePresence, m, useReducedMotion } from "framer-motion";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";

interface Contact {
  firstName: string;
  company: string;
  /** Colours of the sample picture, so each "generated" image looks different. */
  sky: [string, string];
  mug: string;
}

const firstContact: Contact = {
  firstName: "Ada",
  company: "Lovelace Labs",
  sky: ["#fde68a", "#f9a8d4"],
  mug: "#7c3aed",
};
const contacts: Contact[] = [
  firstContact,
  { firstName: "Grace", company: "Hopper & Co", sky: ["#bae6fd", "#c4b5fd"], mug: "#0f766e" },
  { firstName: "Alan", company: "Turing Bakery", sky: ["#fed7aa", "#fecdd3"], mug: "#be123c" },
  { firstName: "Katherine", company: "Orbit Studio", sky: ["#a7f3d0", "#bfdbfe"], mug: "#1d4ed8" },
];

const cycleMs = 3200;

function Token({ children }: { children: string }) {
  return (
    <span className="rounded-md bg-violet-100 px-1.5 py-0.5 font-mono text-[0.85em] font-semibold text-violet-800 dark:bg-violet-500/20 dark:text-violet-200">
      {children}
    </span>
  );
}

/** The hero's live example: one prompt with tokens, and the picture it makes for each contact. */
export function PersonalizationDemo() {
  const reduceMotion = useReducedMotion();
  const [index, setIndex] = useState(0);
  const [paused, setPaused] = useState(false);
  const contact = contacts[index % contacts.length] ?? firstContact;
  const cycling = !paused && !reduceMotion;

  useEffect(() => {
    if (!cycling) return;
    const timer = window.setInterval(() => setIndex((current) => current + 1), cycleMs);
    return () => window.clearInterval(timer);
  }, [cycling]);

  return (
    <div className="relative">
      <div
        className="absolute -inset-6 -z-10 rounded-[2.5rem] bg-brand-gradient opacity-20 blur-3xl"
        aria-hidden="true"
      />
      <div className="rounded-3xl border border-line bg-surface/90 p-4 shadow-2xl shadow-violet-900/10 backdrop-blur sm:p-5">
        <div className="rounded-2xl bg-sunken p-4 text-sm leading-relaxed text-ink">
          <p className="mb-2 text-xs font-semibold uppercase tracking-wider text-muted">Prompt</p>
          A cozy coffee mug on a sunny desk with a note that says “Thanks, <Token>[FIRSTNAME]</Token>!” and
          {" "}
          <Token>[COMPANY]</Token> written on the mug.
        </div>
        <div className="mt-4 grid grid-cols-[1fr_auto] items-center gap-3">
          <p className="text-sm text-muted" aria-live="polite">
            Row {(index % contacts.length) + 1} of {contacts.length}:{" "}
            <span className="font-semibold text-ink">{contact.firstName}</span> at{" "}
            <span className="font-semibold text-ink">{contact.company}</span>
          </p>
          <Button
            variant="ghost"
            size="sm"
            onClick={() => (cycling ? setPaused(true) : setIndex((i) => i + 1))}
          >
            {cycling ? "Pause" : "Next row"}
          </Button>
        </div>
        <div className="relative mt-3 aspect-[4/3] overflow-hidden rounded-2xl">
          <AnimatePresence initial={false} mode="popLayout">
            <m.div
              key={contact.firstName}
              className="absolute inset-0"
              initial={{ opacity: 0, scale: 1.04 }}
              animate={{ opacity: 1, scale: 1 }}
              exit={{ opacity: 0 }}
              transition={{ duration: 0.6, ease: "easeOut" }}
            >
              <SampleImage contact={contact} />
            </m.div>
          </AnimatePresence>
        </div>
      </div>
    </div>
  );
}

function SampleImage({ contact }: { contact: Contact }) {
  const gradientId = `sky-${contact.firstName}`;
  return (
    <svg
      viewBox="0 0 400 300"
      className="size-full"
      role="img"
      aria-label={`Example result: a note that says “Thanks, ${contact.firstName}!” and a mug with ${contact.company} on it`}
    >
      <defs>
        <linearGradient id={gradientId} x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor={contact.sky[0]} />
          <stop offset="1" stopColor={contact.sky[1]} />
        </linearGradient>
      </defs>
      <rect width="400" height="300" fill={`url(#${gradientId})`} />
      <circle cx="330" cy="60" r="34" fill="#fff" opacity="0.55" />
      <rect y="210" width="400" height="90" fill="#7c4a2d" opacity="0.85" />
      <rect y="210" width="400" height="8" fill="#000" opacity="0.12" />
      {/* The note */}
      <g transform="rotate(-6 110 150)">
        <rect x="40" y="100" width="150" height="110" rx="6" fill="#fef9c3" />
        <text
          x="115"
          y="150"
          textAnchor="middle"
          fontSize="20"
          fontWeight="700"
          fill="#3f3f46"
          fontFamily="ui-rounded, system-ui"
        >
          Thanks,
        </text>
        <text
          x="115"
          y="180"
          textAnchor="middle"
          fontSize="22"
          fontWeight="800"
          fill="#6d28d9"
          fontFamily="ui-rounded, system-ui"
        >
          {contact.firstName}!
        </text>
      </g>
      {/* The mug */}
      <path d="M338 140h14a26 26 0 0 1 0 52h-14" fill="none" stroke={contact.mug} strokeWidth="12" />
      <rect x="220" y="112" width="124" height="112" rx="16" fill={contact.mug} />
      <rect x="220" y="112" width="124" height="14" rx="7" fill="#000" opacity="0.18" />
      <text
        x="282"
        y="174"
        textAnchor="middle"
        fontSize="14"
        fontWeight="700"
        fill="#fff"
        fontFamily="system-ui"
      >
        {contact.company}
      </text>
      <path
        d="M262 96c6-10-6-14 0-26M286 96c6-10-6-14 0-26M310 96c6-10-6-14 0-26"
        stroke="#fff"
        strokeWidth="4"
        strokeLinecap="round"
        fill="none"
        opacity="0.8"
      />
    </svg>
  );
}
