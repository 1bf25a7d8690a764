import { formatTimeLeft, secondsLeft } from "@/features/video/lib/video-status";

/** A render under way: the server's percentage, and the time left by the server's estimate. */
export function RenderProgress({
  label,
  progress,
  estimatedTime,
}: {
  label: string;
  /** 0..100 */
  progress: number;
  /** Seconds the whole render was estimated to take. */
  estimatedTime: number | null | undefined;
}) {
  const percent = Math.max(0, Math.min(100, Math.round(progress)));
  const timeLeft = formatTimeLeft(secondsLeft(estimatedTime, percent));
  return (
    <div className="space-y-2" data-testid="render-progress">
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
