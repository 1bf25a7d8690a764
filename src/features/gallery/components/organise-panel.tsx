import { useEffect, useRef } from "react";
import { Link } from "react-router-dom";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { useOrganisation } from "@/features/gallery/api/organise-albums";
import { OrganiseReview } from "@/features/gallery/components/organise-review";
import { describeError } from "@/lib/describe-error";

/** How the page names the vision provider that sorted the images. */
const organiserNames: Record<string, string> = { local: "offline by prompt and colour", google: "by Gemini" };

/** A running "Organise into albums": its progress, the review of what it proposes, then the albums made. */
export function OrganisePanel({
  organisationId,
  albumHref,
  onDismiss,
}: {
  organisationId: string;
  albumHref: (albumId: string) => string;
  onDismiss: () => void;
}) {
  const organisation = useOrganisation(organisationId);
  const announced = useRef(false);
  const data = organisation.data;

  useEffect(() => {
    if (!data || announced.current) return;
    if (data.status === "succeeded") {
      announced.current = true;
      if (data.usedFallback) {
        toast.warning("The AI was unavailable", {
          description: "Your images were put into one album together instead of being grouped by theme.",
          duration: 10_000,
        });
      } else {
        toast.success(
          `Organised into ${data.albums.length} ${data.albums.length === 1 ? "album" : "albums"}`,
        );
      }
    } else if (data.status === "failed") {
      announced.current = true;
      toast.error("Organising failed", { description: data.error ?? "Try again in a moment." });
    }
  }, [data]);

  return (
    <section
      aria-label="Organise into albums"
      className="space-y-3 rounded-2xl border border-line bg-surface p-4"
    >
      <div className="flex items-center justify-between gap-3">
        <h2 className="text-base font-semibold text-ink">Organise into albums</h2>
        <Button size="sm" variant="ghost" onClick={onDismiss}>
          Dismiss
        </Button>
      </div>
      {organisation.isError
        ? (
          <div role="alert" className="space-y-2 text-sm">
            <p className="text-rose-700 dark:text-rose-300">
              {describeError(organisation.error).description}
            </p>
            <Button size="sm" variant="secondary" onClick={() => void organisation.refetch()}>
              Try again
            </Button>
          </div>
        )
        : !data || data.status === "queued" || data.status === "running"
        ? (
          <OrganiseProgress
            seen={data?.imagesSeen ?? 0}
            total={data?.imageCount ?? 0}
            queued={data?.status !== "running"}
          />
        )
        : data.status === "proposed"
        ? (
          <>
            {data.usedFallback && data.error
              ? <p className="text-sm font-medium text-amber-800 dark:text-amber-200">{data.error}</p>
              : null}
            <OrganiseReview organisationId={data.id} proposal={data.proposal ?? []} />
          </>
        )
        : data.status === "failed"
        ? (
          <p role="alert" className="text-sm text-rose-700 dark:text-rose-300">
            {data.error ?? "The organiser failed."}
          </p>
        )
        : (
          <div role="status" className="space-y-2 text-sm">
            {data.usedFallback
              ? (
                <p className="font-medium text-amber-800 dark:text-amber-200">
                  The AI was unavailable, so one album holds all of these images.
                </p>
              )
              : (
                <p className="text-muted">
                  {`${data.albums.length} new ${data.albums.length === 1 ? "album" : "albums"}${
                    data.provider && organiserNames[data.provider]
                      ? `, sorted ${organiserNames[data.provider]}`
                      : ""
                  }:`}
                </p>
              )}
            <ul className="space-y-1">
              {data.albums.map((album) => (
                <li key={album.id}>
                  <Link
                    to={albumHref(album.id)}
                    className="font-semibold text-violet-700 underline dark:text-violet-300"
                  >
                    {album.title}
                  </Link>{" "}
                  <span className="text-muted">
                    ({album.imageCount} {album.imageCount === 1 ? "image" : "images"})
                    {album.description ? ` — ${album.description}` : ""}
                  </span>
                </li>
              ))}
            </ul>
          </div>
        )}
    </section>
  );
}

function OrganiseProgress({ seen, total, queued }: { seen: number; total: number; queued: boolean }) {
  const label = queued
    ? "Waiting for a worker…"
    : seen < total
    ? `Looked at ${seen} of ${total} images…`
    : "Grouping your images and naming albums…";
  return (
    <div className="space-y-2">
      <p role="status" className="flex items-center gap-2 text-sm text-muted">
        <Spinner className="size-4" />
        {label}
      </p>
      <div
        role="progressbar"
        aria-label="Images looked at"
        aria-valuemin={0}
        aria-valuemax={Math.max(total, 1)}
        aria-valuenow={seen}
        aria-valuetext={`${seen} of ${total} images looked at`}
        className="h-2 overflow-hidden rounded-full bg-sunken"
      >
        <div
          className="h-full rounded-full bg-violet-600 transition-[width] duration-300"
          style={{ width: `${total > 0 ? Math.round((seen / total) * 100) : 0}%` }}
        />
      </div>
    </div>
  );
}
