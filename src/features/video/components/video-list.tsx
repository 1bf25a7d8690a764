import clsx from "clsx";
import { Link } from "react-router-dom";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { VideoIcon } from "@/components/ui/icons";
import { InlineLoadError } from "@/components/ui/inline-load-error";
import { Skeleton } from "@/components/ui/skeleton";
import { useVideos } from "@/features/video/api/get-videos";
import { VideoStatusBadge } from "@/features/video/components/video-status-badge";
import { effectLabels } from "@/features/video/lib/video-options";
import { describeError } from "@/lib/describe-error";
import { formatDateTime } from "@/lib/format";

/** The person's past videos, newest first; each opens beside the form. */
export function VideoList({ openVideoId }: { openVideoId: string | null }) {
  const videos = useVideos();
  return (
    <Card className="p-4 sm:p-6">
      <h2 className="mb-3 text-lg font-semibold text-ink">Your videos</h2>
      {videos.isPending
        ? (
          <div className="space-y-2">
            <Skeleton className="h-14 w-full" />
            <Skeleton className="h-14 w-full" />
          </div>
        )
        : videos.isError
        ? (
          <InlineLoadError onRetry={() => void videos.refetch()}>
            Couldn't load your videos: {describeError(videos.error).description}
          </InlineLoadError>
        )
        : videos.data.length === 0
        ? (
          <EmptyState
            icon={<VideoIcon className="size-6" />}
            title="No videos yet"
            description="Pick an image and an effect above; the preview is free."
          />
        )
        : (
          <ul className="divide-y divide-line" aria-label="Past videos">
            {videos.data.map((video) => (
              <li key={video.id}>
                <Link
                  to={`?video=${video.id}${video.imageId ? `&imageId=${video.imageId}` : ""}`}
                  aria-current={video.id === openVideoId ? "true" : undefined}
                  className={clsx(
                    "flex items-center gap-3 rounded-lg px-2 py-2.5 hover:bg-sunken",
                    "focus-visible:outline-none focus-visible:ring-4 focus-visible:ring-violet-500/30",
                    video.id === openVideoId && "bg-sunken",
                  )}
                >
                  {video.thumbnailUrl
                    ? (
                      <img
                        src={video.thumbnailUrl}
                        alt=""
                        className="size-12 shrink-0 rounded-md bg-sunken object-cover"
                        loading="lazy"
                      />
                    )
                    : (
                      <span className="grid size-12 shrink-0 place-items-center rounded-md bg-sunken text-muted">
                        <VideoIcon className="size-5" />
                      </span>
                    )}
                  <span className="min-w-0 flex-1">
                    <span className="block font-medium text-ink">
                      {effectLabels[video.effect]} · {video.duration} s · {video.resolution}
                    </span>
                    <span className="block text-sm text-muted">{formatDateTime(video.createdAt)}</span>
                  </span>
                  <VideoStatusBadge status={video.status} paymentStatus={video.paymentStatus} />
                </Link>
              </li>
            ))}
          </ul>
        )}
    </Card>
  );
}
