import { useState } from "react";
import {
  formatTimeLeft,
  type RenderKind,
  secondsLeft,
  steadyProgress,
} from "@/features/video/lib/video-status";

const stepLabels: Record<RenderKind, string> = {
  preview: "Step 1 of 2: watermarked preview",
  full: "Step 2 of 2: full video",
};

/**
 * A render under way: the server's percentage, never going back for the same render, and the time
 * left by the server's estimate. Give it `key={kind}` so the full render starts its own bar rather
 * than sliding back from the preview's 100 %.
 */
export function RenderProgress({
  kind,
  label,
  progress,
  estimatedTime,
}: {
  kind: RenderKind;
  label: string;
  /** 0..100 */
  progress: number;
  /** Seconds the whole render was estimated to take. */
  estimatedTime: number | null | undefined;
}) {
  const [shown, setShown] = useState(() => steadyProgress(null, kind, progress));
  const next = steadyProgress(shown, kind, progress);
  if (next !== shown) setShown(next);
  const percent = next.percent;
  const timeLeft = formatTimeLeft(secondsLeft(estimatedTime, percent));
  return (
    <div className="space-y-2" data-testid="render-progress" data-render={kind}>
      <p className="text-xs font-medium uppercase tracking-wide text-muted">{stepLabels[kind]}</p>
      <div className="flex items-baseline justify-between text-sm">
        <span className="font-medium text-ink">{label}</span>
        <span className="tabular-nums text-muted">
          {percent}%{timeLeft ? ` · ${timeLeft}` : ""}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={timeLeft ? `${percent}%, ${timeLeft.toLowerCase()}` : `${percent}%`}
        className="h-2.5 overflow-hidden rounded-full bg-sunken"
      >
        <div
          className="h-full rounded-full bg-violet-600 transition-[width] duration-500"
          style={{ width: `${percent}%` }}
        />
      </div>
    </div>
  );
}
