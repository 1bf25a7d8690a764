import clsx from "clsx";
import { useState } from "react";
import { Link } from "react-router-dom";
import { Button, buttonStyles } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ImagesIcon, SparklesIcon } from "@/components/ui/icons";
import { InlineLoadError } from "@/components/ui/inline-load-error";
import { Skeleton } from "@/components/ui/skeleton";
import { TextField } from "@/components/ui/text-field";
import { paths } from "@/config/paths";
import { useGalleryImage } from "@/data/gallery-images/get-gallery-image";
import { useGalleryImages, useRecentGalleryImages } from "@/data/gallery-images/get-gallery-images";
import { useDebouncedValue } from "@/features/video/hooks/use-debounced-value";
import { describeError } from "@/lib/describe-error";
import type { GalleryImage } from "@domain/contracts/gallery";

/** How many of the newest images are offered before the person searches. */
const recentImageLimit = 24;
/** Long enough to finish a word, short enough to feel live. */
const searchDebounceMs = 300;

/**
 * The image to animate: the one the page was opened with (?imageId=), or one picked from the
 * newest images or from a search of the whole gallery. The choice lives in the URL, so a reload
 * or a shared link keeps it.
 */
export function SourceImagePicker({
  imageId,
  onChange,
  error,
}: {
  imageId: string | null;
  onChange: (imageId: string | null) => void;
  error?: string;
}) {
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-semibold text-ink">Image</legend>
      {imageId
        ? <ChosenImage imageId={imageId} onChangeImage={() => onChange(null)} />
        : <ImageFinder onPick={onChange} />}
      {error
        ? (
          <p role="alert" className="text-sm text-rose-700 dark:text-rose-300">
            {error}
          </p>
        )
        : null}
    </fieldset>
  );
}

function ChosenImage({ imageId, onChangeImage }: { imageId: string; onChangeImage: () => void }) {
  const image = useGalleryImage(imageId);
  return (
    <div className="flex items-center gap-4 rounded-xl border border-line bg-sunken/50 p-3">
      {image.isPending
        ? <Skeleton className="size-20 shrink-0" />
        : image.isError
        ? null
        : <Thumbnail image={image.data} className="size-20" />}
      <div className="min-w-0 flex-1 space-y-2 text-sm">
        {image.isPending
          ? <p className="text-muted">Loading the image…</p>
          : image.isError
          ? (
            <p role="alert" className="text-rose-700 dark:text-rose-300">
              Couldn't load this image: {describeError(image.error).description}
            </p>
          )
          : (
            <p className="line-clamp-2 text-ink" data-testid="source-image-prompt">
              {image.data.resolvedPrompt}
            </p>
          )}
        <Button variant="secondary" size="sm" onClick={onChangeImage}>
          Choose another image
        </Button>
      </div>
    </div>
  );
}

function ImageFinder({ onPick }: { onPick: (imageId: string) => void }) {
  const [search, setSearch] = useState("");
  const query = useDebouncedValue(search.trim(), searchDebounceMs);
  return (
    <div className="space-y-3">
      <TextField
        label="Search your images"
        type="search"
        value={search}
        onChange={(event) => setSearch(event.target.value)}
        // Enter would submit the video form around the picker.
        onKeyDown={(event) => {
          if (event.key === "Enter") event.preventDefault();
        }}
        placeholder="Words from the prompt"
        maxLength={200}
      />
      {query ? <SearchResults key={query} query={query} onPick={onPick} /> : <RecentImages onPick={onPick} />}
    </div>
  );
}

function ThumbnailSkeletons() {
  return (
    <div role="status" aria-label="Loading your images" className="grid grid-cols-4 gap-2 sm:grid-cols-6">
      {Array.from({ length: 6 }, (_, index) => <Skeleton key={index} className="aspect-square w-full" />)}
    </div>
  );
}

function SearchResults({ query, onPick }: { query: string; onPick: (imageId: string) => void }) {
  const results = useGalleryImages({ q: query });
  if (results.isPending) return <ThumbnailSkeletons />;
  if (results.isError) {
    return (
      <InlineLoadError onRetry={() => void results.refetch()}>
        Couldn't search your images: {describeError(results.error).description}
      </InlineLoadError>
    );
  }
  const images = results.data.pages.flatMap((page) => page.items);
  if (images.length === 0) {
    return (
      <p role="status" className="rounded-xl bg-sunken/50 px-4 py-6 text-center text-sm text-muted">
        No images match “{query}”. Try other words from the prompt.
      </p>
    );
  }
  return (
    <div className="space-y-3">
      <ImageChoices label={`Images matching “${query}”`} images={images} onPick={onPick} />
      {results.hasNextPage
        ? (
          <Button
            variant="secondary"
            size="sm"
            loading={results.isFetchingNextPage}
            onClick={() => void results.fetchNextPage()}
          >
            Show more
          </Button>
        )
        : null}
    </div>
  );
}

function RecentImages({ onPick }: { onPick: (imageId: string) => void }) {
  const images = useRecentGalleryImages(recentImageLimit);
  if (images.isPending) return <ThumbnailSkeletons />;
  if (images.isError) {
    return (
      <InlineLoadError onRetry={() => void images.refetch()}>
        Couldn't load your images: {describeError(images.error).description}
      </InlineLoadError>
    );
  }
  if (images.data.length === 0) {
    return (
      <EmptyState
        icon={<ImagesIcon className="size-6" />}
        title="No images yet"
        description="Generate an image first, then turn it into a video."
        action={
          <Link to={paths.aiImage.href()} className={buttonStyles({ variant: "secondary" })}>
            <SparklesIcon className="size-4" />
            Generate an image
          </Link>
        }
      />
    );
  }
  return <ImageChoices label="Your recent images" images={images.data} onPick={onPick} />;
}

function ImageChoices(
  { label, images, onPick }: { label: string; images: GalleryImage[]; onPick: (imageId: string) => void },
) {
  return (
    <ul aria-label={label} className="grid grid-cols-4 gap-2 sm:grid-cols-6">
      {images.map((image) => (
        <li key={image.id}>
          <button
            type="button"
            onClick={() => onPick(image.id)}
            title={image.resolvedPrompt}
            aria-label={`Use the image “${image.resolvedPrompt}”`}
            className="block w-full rounded-lg focus-visible:outline-none focus-visible:ring-4 focus-visible:ring-violet-500/40"
          >
            <Thumbnail image={image} className="aspect-square w-full hover:opacity-90" />
          </button>
        </li>
      ))}
    </ul>
  );
}

function Thumbnail({ image, className }: { image: GalleryImage; className?: string }) {
  return image.thumbnailUrl
    ? (
      <img
        src={image.thumbnailUrl}
        alt={image.resolvedPrompt}
        className={clsx("shrink-0 rounded-lg bg-sunken object-cover", className)}
        loading="lazy"
      />
    )
    : (
      <div className={clsx("grid shrink-0 place-items-center rounded-lg bg-sunken text-muted", className)}>
        <ImagesIcon className="size-5" />
        <span className="sr-only">{image.resolvedPrompt}</span>
      </div>
    );
}
