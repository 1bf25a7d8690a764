import type { InfiniteData } from "@tanstack/react-query";
import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useMemo, useRef, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { galleryImageKeys } from "@/data/gallery-images/gallery-image-keys";
import { useApplyOrganisation } from "@/features/gallery/api/apply-organisation";
import { describeError } from "@/lib/describe-error";
import { maxAlbumTitleLength, type ProposedGroup } from "@domain/contracts/album-organiser";
import type { GalleryPage } from "@domain/contracts/gallery";

interface ReviewGroup {
  key: number;
  title: string;
  description: string | null;
  imageIds: string[];
}

const THUMBNAILS_SHOWN = 6;

const fromProposal = (proposal: ProposedGroup[]): ReviewGroup[] =>
  proposal.map((group, index) => ({
    key: index,
    title: group.title,
    description: group.description ?? null,
    imageIds: group.imageIds,
  }));

/** The selected images were on screen a moment ago, so their thumbnails are already in the cache. */
function useCachedThumbnails() {
  const queryClient = useQueryClient();
  return useMemo(() => {
    const thumbnails = new Map<string, { url: string | null; prompt: string }>();
    for (
      const [, data] of queryClient.getQueriesData<InfiniteData<GalleryPage>>({
        queryKey: galleryImageKeys.lists(),
      })
    ) {
      for (const page of data?.pages ?? []) {
        for (const image of page.items) {
          thumbnails.set(image.id, { url: image.thumbnailUrl, prompt: image.prompt });
        }
      }
    }
    return thumbnails;
  }, [queryClient]);
}

const imagesLabel = (count: number) => `${count} ${count === 1 ? "image" : "images"}`;

/**
 * The organiser's proposal, to change before anything is made: rename an album, merge it into
 * another, or drop it (its images stay in the gallery). Nothing is sent until "Create", and a
 * failed create keeps every change for another try.
 */
export function OrganiseReview({
  organisationId,
  proposal,
}: {
  organisationId: string;
  proposal: ProposedGroup[];
}) {
  const [groups, setGroups] = useState(() => fromProposal(proposal));
  const [problem, setProblem] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const thumbnails = useCachedThumbnails();
  const apply = useApplyOrganisation(organisationId);
  const errorId = useId();

  const update = (key: number, change: Partial<ReviewGroup>) =>
    setGroups((current) => current.map((group) => (group.key === key ? { ...group, ...change } : group)));
  const drop = (key: number) => {
    const index = groups.findIndex((group) => group.key === key);
    setGroups((current) => current.filter((group) => group.key !== key));
    // Focus moves to the next album's title (or the create button) instead of being lost.
    requestAnimationFrame(() => {
      const titles = formRef.current?.querySelectorAll<HTMLInputElement>("input[data-album-title]");
      const next = titles?.[Math.min(index, (titles?.length ?? 1) - 1)];
      (next ?? formRef.current?.querySelector<HTMLButtonElement>("button[type=submit]"))?.focus();
    });
  };
  const merge = (key: number, intoKey: number) => {
    const source = groups.find((group) => group.key === key);
    if (!source) return;
    setGroups((current) =>
      current
        .filter((group) => group.key !== key)
        .map((group) =>
          group.key === intoKey
            ? { ...group, description: null, imageIds: [...group.imageIds, ...source.imageIds] }
            : group
        )
    );
    const into = groups.find((group) => group.key === intoKey);
    toast.success(`Merged “${source.title}” into “${into?.title ?? ""}”`);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const untitled = groups.findIndex((group) => group.title.trim() === "");
    if (untitled !== -1) {
      setProblem("Every album needs a title.");
      formRef.current?.querySelectorAll<HTMLInputElement>("input[data-album-title]")[untitled]?.focus();
      return;
    }
    setProblem(null);
    apply.mutate(
      { groups: groups.map((group) => ({ title: group.title.trim(), imageIds: group.imageIds })) },
      {
        onError: (error) => {
          const described = describeError(error);
          setProblem(`${described.title}: ${described.description}`);
        },
      },
    );
  };

  const kept = groups.length;
  return (
    <form
      ref={formRef}
      onSubmit={submit}
      noValidate
      className="space-y-3"
      aria-describedby={problem ? errorId : undefined}
    >
      <p className="text-sm text-muted">
        {kept === 0
          ? "Every proposed album has been dropped."
          : `Review the ${
            kept === 1 ? "album" : `${kept} albums`
          } before they are made: rename, merge or drop any of them. Dropped images stay in your gallery.`}
      </p>
      <ul className="space-y-3" aria-label="Proposed albums">
        {groups.map((group, index) => (
          <li
            key={group.key}
            className="space-y-2 rounded-xl border border-line p-3"
            aria-label={`Album ${index + 1}: ${group.title || "untitled"}`}
          >
            <label className="block space-y-1 text-sm">
              <span className="font-medium text-ink">Album title</span>
              <input
                data-album-title
                value={group.title}
                maxLength={maxAlbumTitleLength}
                aria-invalid={problem !== null && group.title.trim() === "" ? true : undefined}
                onChange={(event) => update(group.key, { title: event.target.value })}
                className="h-10 w-full rounded-xl border border-line bg-surface px-3 text-sm text-ink focus:outline-none focus-visible:ring-4 focus-visible:ring-violet-500/40 aria-[invalid]:border-rose-600"
              />
            </label>
            <div className="flex flex-wrap items-center gap-1.5" aria-hidden="true">
              {group.imageIds.slice(0, THUMBNAILS_SHOWN).map((imageId) => {
                const thumbnail = thumbnails.get(imageId);
                return thumbnail?.url
                  ? (
                    <img
                      key={imageId}
                      src={thumbnail.url}
                      alt=""
                      className="size-12 rounded-lg object-cover"
                      loading="lazy"
                    />
                  )
                  : <span key={imageId} className="size-12 rounded-lg bg-sunken" />;
              })}
              {group.imageIds.length > THUMBNAILS_SHOWN
                ? <span className="px-1 text-xs text-muted">+{group.imageIds.length - THUMBNAILS_SHOWN}</span>
                : null}
            </div>
            <p className="text-sm text-muted">
              {imagesLabel(group.imageIds.length)}
              {group.description ? ` — ${group.description}` : ""}
            </p>
            <div className="flex flex-wrap gap-2">
              {groups.length > 1
                ? (
                  <select
                    aria-label={`Merge “${group.title || "untitled"}” into another album`}
                    value=""
                    onChange={(event) => merge(group.key, Number(event.target.value))}
                    className="h-9 min-w-0 max-w-full rounded-xl border border-line bg-surface px-2 text-sm text-ink focus:outline-none focus-visible:ring-4 focus-visible:ring-violet-500/40"
                  >
                    <option value="" disabled>
                      Merge into…
                    </option>
                    {groups.filter((other) => other.key !== group.key).map((other) => (
                      <option key={other.key} value={other.key}>
                        {other.title || "Untitled album"}
                      </option>
                    ))}
                  </select>
                )
                : null}
              <Button
                type="button"
                size="sm"
                variant="secondary"
                aria-label={`Drop “${group.title || "untitled"}”`}
                onClick={() => drop(group.key)}
              >
                Drop
              </Button>
            </div>
          </li>
        ))}
      </ul>
      {problem
        ? (
          <p id={errorId} role="alert" className="text-sm text-rose-700 dark:text-rose-300">
            {problem}
          </p>
        )
        : null}
      <div className="flex flex-wrap gap-2">
        {kept > 0
          ? (
            <Button type="submit" loading={apply.isPending}>
              {`Create ${kept} ${kept === 1 ? "album" : "albums"}`}
            </Button>
          )
          : null}
        <Button
          type="button"
          variant="ghost"
          disabled={apply.isPending}
          onClick={() => {
            setGroups(fromProposal(proposal));
            setProblem(null);
          }}
        >
          Start the review over
        </Button>
      </div>
    </form>
  );
}
