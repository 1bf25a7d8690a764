import { describe, expect, it } from "vitest";
import type { VideoStatus } from "@domain/contracts/image-to-video";
import {
  formatTimeLeft,
  secondsLeft,
  shouldPollVideo,
  steadyProgress,
  videoBadge,
} from "@/features/video/lib/video-status";

describe("shouldPollVideo", () => {
  it("polls while a render runs and stops at a preview, a finished video or a failure", () => {
    const polled = (status: VideoStatus) => shouldPollVideo({ status });
    expect(polled("queued")).toBe(true);
    expect(polled("processing")).toBe(true);
    expect(polled("rendering")).toBe(true);
    expect(polled("preview_ready")).toBe(false);
    expect(polled("completed")).toBe(false);
    expect(polled("failed")).toBe(false);
  });

  it("keeps polling a preview only while a payment this tab made is settling", () => {
    expect(shouldPollVideo({ status: "preview_ready" }, { awaitingSettlement: true })).toBe(true);
    expect(shouldPollVideo({ status: "completed" }, { awaitingSettlement: true })).toBe(false);
    expect(shouldPollVideo({ status: "failed" }, { awaitingSettlement: true })).toBe(false);
  });

  it("does not poll before the first answer (the query's own fetch covers that)", () => {
    expect(shouldPollVideo(undefined)).toBe(false);
  });
});

describe("videoBadge", () => {
  it("maps each status to its badge, and a preview with a pending payment to Paying", () => {
    expect(videoBadge("queued")).toBe("processing");
    expect(videoBadge("processing")).toBe("processing");
    expect(videoBadge("preview_ready", "unpaid")).toBe("preview-ready");
    expect(videoBadge("preview_ready", "pending")).toBe("paying");
    expect(videoBadge("preview_ready")).toBe("preview-ready");
    expect(videoBadge("rendering", "paid")).toBe("rendering");
    expect(videoBadge("completed", "paid")).toBe("completed");
    expect(videoBadge("failed")).toBe("failed");
  });

  it("shows a failed paid video that was paid back as Refunded, and an unpaid failure as Failed", () => {
    expect(videoBadge("failed", "refunded")).toBe("refunded");
    expect(videoBadge("failed", "unpaid")).toBe("failed");
    expect(videoBadge("failed", "paid")).toBe("failed");
  });
});

describe("formatTimeLeft", () => {
  it("says nothing when the server can't tell", () => {
    expect(formatTimeLeft(null)).toBeUndefined();
    expect(formatTimeLeft(undefined)).toBeUndefined();
    expect(formatTimeLeft(Number.NaN)).toBeUndefined();
    expect(formatTimeLeft(-1)).toBeUndefined();
  });

  it("rounds up to whole seconds, then minutes", () => {
    expect(formatTimeLeft(0.4)).toBe("Almost done");
    expect(formatTimeLeft(2.1)).toBe("About 3 s left");
    expect(formatTimeLeft(59)).toBe("About 59 s left");
    expect(formatTimeLeft(61)).toBe("About 2 min left");
  });
});

describe("secondsLeft", () => {
  it("takes the share done off the whole render's estimate", () => {
    expect(secondsLeft(10, 0)).toBe(10);
    expect(secondsLeft(10, 40)).toBe(6);
    expect(secondsLeft(10, 100)).toBe(0);
  });

  it("keeps odd progress values in range and has nothing to say without an estimate", () => {
    expect(secondsLeft(10, 130)).toBe(0);
    expect(secondsLeft(10, -5)).toBe(10);
    expect(secondsLeft(null, 50)).toBeUndefined();
    expect(secondsLeft(undefined, 50)).toBeUndefined();
  });
});

describe("steadyProgress", () => {
  it("never goes back within one render", () => {
    let shown = steadyProgress(null, "preview", 40);
    for (const reported of [70, 100, 0, 55]) shown = steadyProgress(shown, "preview", reported);
    expect(shown).toEqual({ kind: "preview", percent: 100 });
  });

  it("starts the full render from its own count", () => {
    const preview = steadyProgress(null, "preview", 100);
    expect(steadyProgress(preview, "full", 5)).toEqual({ kind: "full", percent: 5 });
  });

  it("keeps within 0..100 whatever the server says", () => {
    expect(steadyProgress(null, "full", 140).percent).toBe(100);
    expect(steadyProgress(null, "full", -3).percent).toBe(0);
    expect(steadyProgress(null, "full", Number.NaN).percent).toBe(0);
  });
});
