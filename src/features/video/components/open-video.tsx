import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { AlertIcon, DownloadIcon } from "@/components/ui/icons";
import { Skeleton } from "@/components/ui/skeleton";
import { useVideoStatus } from "@/features/video/api/get-video-status";
import { videoKeys } from "@/features/video/api/video-keys";
import type { VideoState } from "@domain/contracts/image-to-video";
import { VideoPayment } from "@/features/video/components/video-payment";
import { RenderProgress } from "@/features/video/components/render-progress";
import { VideoStatusBadge } from "@/features/video/components/video-status-badge";
import { downloadVideo } from "@/features/video/lib/download-video";
import { effectLabels } from "@/features/video/lib/video-options";
import { badgeLabels, videoBadge } from "@/features/video/lib/video-status";
import { describeError } from "@/lib/describe-error";
import { showErrorToast } from "@/lib/error-toast";

/** One video from preview to download, kept live by polling its status. */
function OpenVideo({ videoId }: { videoId: string }) {
  const queryClient = useQueryClient();
  const [awaitingSettlement, setAwaitingSettlement] = useState(false);
  const video = useVideoStatus(videoId, { awaitingSettlement });
  const status = video.data?.status;

  // A status change is also news for the list of past videos.
  useEffect(() => {
    if (status) void queryClient.invalidateQueries({ queryKey: videoKeys.list() });
  }, [status, queryClient]);

  if (video.isPending) return <Skeleton className="aspect-video w-full" />;
  if (video.isError) {
    const { title, description } = describeError(video.error);
    return (
      <EmptyState
        icon={<AlertIcon className="size-6" />}
        title={title}
        description={description}
        action={
          <Button variant="secondary" onClick={() => void video.refetch()}>
            Try again
          </Button>
        }
      />
    );
  }

  const paid = () => {
    setAwaitingSettlement(true);
    void queryClient.invalidateQueries({ queryKey: videoKeys.status(videoId) });
  };

  return (
    <div className="space-y-4" data-testid="open-video" data-status={video.data.status}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-muted">
          {effectLabels[video.data.effect]} · {video.data.duration} s · {video.data.resolution}
        </p>
        <VideoStatusBadge status={video.data.status} paymentStatus={video.data.paymentStatus} />
      </div>
      <p role="status" className="sr-only">
        {badgeLabels[videoBadge(video.data.status, video.data.paymentStatus)]}
      </p>
      <VideoStage
        videoId={videoId}
        video={video.data}
        awaitingSettlement={awaitingSettlement}
        onPaid={paid}
      />
    </div>
  );
}

function VideoStage({
  videoId,
  video,
  awaitingSettlement,
  onPaid,
}: {
  videoId: string;
  video: VideoState;
  awaitingSettlement: boolean;
  onPaid: () => void;
}) {
  const payment = (
    <VideoPayment
      videoId={videoId}
      amount={video.paymentAmount}
      currency={video.currency}
      resolution={video.resolution}
      onPaid={onPaid}
    />
  );
  switch (video.status) {
    case "queued":
    case "processing":
      return (
        <RenderProgress
          key="preview"
          kind="preview"
          label="Rendering the preview"
          progress={video.progress}
          estimatedTime={video.estimatedTime}
        />
      );
    case "failed":
      return (
        <Alert
          title={video.paymentStatus === "refunded"
            ? "This video couldn't be made: your payment was refunded"
            : "This video couldn't be made"}
        >
          {video.error ?? "The render failed."}{" "}
          Your settings are still in the form: try again, or pick another effect.
        </Alert>
      );
    case "preview_ready":
      return (
        <div className="space-y-4">
          <Preview url={video.previewUrl} />
          {video.paymentStatus === "failed" && !awaitingSettlement
            ? (
              <Alert title="The last payment didn't go through">
                Nothing was charged. You can try again.
              </Alert>
            )
            : null}
          {/* A pending payment may be one started and left: paying again reuses its intent. */}
          {awaitingSettlement
            ? (
              <p role="status" className="text-sm text-muted">
                Payment received. Waiting for it to settle…
              </p>
            )
            : video.paymentRequired
            ? payment
            : null}
        </div>
      );
    case "rendering":
      return (
        <div className="space-y-4">
          <Preview url={video.previewUrl} />
          <RenderProgress
            key="full"
            kind="full"
            label={`Rendering the full ${video.resolution} video`}
            progress={video.progress}
            estimatedTime={video.estimatedTime}
          />
        </div>
      );
    case "completed":
      return video.videoUrl
        ? <FullVideo videoId={videoId} url={video.videoUrl} />
        : (
          <div className="space-y-4">
            <Preview url={video.previewUrl} />
            {video.paymentRequired ? payment : null}
          </div>
        );
  }
}

function Preview({ url }: { url: string | null }) {
  if (!url) return null;
  return (
    <figure className="space-y-2">
      <video
        src={url}
        controls
        playsInline
        loop
        muted
        data-testid="preview-video"
        aria-label="Watermarked preview"
        className="aspect-video w-full rounded-xl bg-black"
      />
      <figcaption className="text-xs text-muted">Free preview: 480p with a watermark.</figcaption>
    </figure>
  );
}

function FullVideo({ videoId, url }: { videoId: string; url: string }) {
  const [downloading, setDownloading] = useState(false);
  const fileName = `personify-video-${videoId}.mp4`;
  const download = async () => {
    setDownloading(true);
    try {
      await downloadVideo(url, fileName);
    } catch (error) {
      showErrorToast(error, { id: "video-download", retry: () => void download() });
    } finally {
      setDownloading(false);
    }
  };
  return (
    <figure className="space-y-3">
      <video
        src={url}
        controls
        playsInline
        data-testid="full-video"
        aria-label="Your video"
        className="aspect-video w-full rounded-xl bg-black"
      />
      <figcaption className="flex flex-wrap items-center justify-between gap-3">
        <Badge tone="success">Paid</Badge>
        <Button onClick={() => void download()} loading={downloading}>
          {downloading ? null : <DownloadIcon className="size-4" />}
          Download video
        </Button>
      </figcaption>
    </figure>
  );
}

/**
 * The open video in its card; the page shows it beside the form (below it on a phone, so a video
 * just asked for takes the focus and scrolls into view).
 */
export function OpenVideoCard({ videoId, focusOnOpen }: { videoId: string; focusOnOpen: boolean }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnOpen) headingRef.current?.focus();
  }, [focusOnOpen]);
  return (
    <Card className="p-4 sm:p-6">
      <h2 ref={headingRef} tabIndex={-1} className="mb-3 text-lg font-semibold text-ink focus:outline-none">
        Your video
      </h2>
      <OpenVideo videoId={videoId} />
    </Card>
  );
}
