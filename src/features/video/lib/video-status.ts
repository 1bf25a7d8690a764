import type { PaymentStatus, VideoState, VideoStatus } from "@domain/contracts/image-to-video";

/** How often an unfinished video's status is asked for. */
export const videoPollMs = 1000;

/**
 * Whether the status is still worth asking for. A render in progress is; a preview waiting for its
 * payment is not, unless this tab has just paid and is waiting for the webhook to settle it.
 */
export function shouldPollVideo(
  state: Pick<VideoState, "status"> | undefined,
  { awaitingSettlement = false } = {},
) {
  if (!state) return false;
  switch (state.status) {
    case "queued":
    case "processing":
    case "rendering":
      return true;
    case "preview_ready":
      return awaitingSettlement;
    case "completed":
    case "failed":
      return false;
  }
}

export type VideoBadge =
  | "processing"
  | "preview-ready"
  | "paying"
  | "rendering"
  | "completed"
  | "failed"
  | "refunded";

export const badgeLabels: Record<VideoBadge, string> = {
  processing: "Processing",
  "preview-ready": "Preview ready",
  paying: "Paying",
  rendering: "Rendering",
  completed: "Completed",
  failed: "Failed",
  refunded: "Refunded",
};

/**
 * The one badge a past video shows: a preview with a payment under way reads "Paying", and a paid
 * video whose full render failed reads "Refunded" once the server has paid it back.
 */
export function videoBadge(status: VideoStatus, paymentStatus?: PaymentStatus): VideoBadge {
  switch (status) {
    case "queued":
    case "processing":
      return "processing";
    case "preview_ready":
      return paymentStatus === "pending" ? "paying" : "preview-ready";
    case "rendering":
      return "rendering";
    case "completed":
      return "completed";
    case "failed":
      return paymentStatus === "refunded" ? "refunded" : "failed";
  }
}

/**
 * Seconds left of a render, from the server's estimate of the whole render and the share done;
 * undefined when there is no estimate.
 */
export function secondsLeft(
  estimatedSeconds: number | null | undefined,
  progress: number,
): number | undefined {
  if (estimatedSeconds === null || estimatedSeconds === undefined || !Number.isFinite(estimatedSeconds)) {
    return undefined;
  }
  const done = Math.max(0, Math.min(100, progress)) / 100;
  return Math.max(0, estimatedSeconds * (1 - done));
}

/** "About 12 s left" / "About 2 min left"; nothing when the server can't tell. */
export function formatTimeLeft(seconds: number | null | undefined): string | undefined {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return undefined;
  if (seconds < 1) return "Almost done";
  if (seconds < 60) return `About ${Math.ceil(seconds)} s left`;
  return `About ${Math.ceil(seconds / 60)} min left`;
}

/** The two renders a video goes through, each with its own progress from 0 to 100. */
export type RenderKind = "preview" | "full";

export interface ShownProgress {
  kind: RenderKind;
  /** 0..100, whole numbers. */
  percent: number;
}

/**
 * What a progress bar shows after a poll: never less than it showed for the same render (a poll
 * can answer from before the last one, or a retried step can restart its count), and a fresh
 * start when the render kind changes, since the full render counts from 0 again.
 */
export function steadyProgress(
  shown: ShownProgress | null,
  kind: RenderKind,
  reported: number,
): ShownProgress {
  const percent = Number.isFinite(reported) ? Math.max(0, Math.min(100, Math.round(reported))) : 0;
  if (!shown || shown.kind !== kind) return { kind, percent };
  return percent > shown.percent ? { kind, percent } : shown;
}
