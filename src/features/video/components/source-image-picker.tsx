import clsx from "clsx";
import { Link } from "react-router-dom";
import { Button, buttonStyles } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ImagesIcon, SparklesIcon } from "@/components/ui/icons";
import { InlineLoadError } from "@/components/ui/inline-load-error";
import { Skeleton } from "@/components/ui/skeleton";
import { paths } from "@/config/paths";
import { useGalleryImage } from "@/data/gallery-images/get-gallery-image";
import { useRecentGalleryImages } from "@/data/gallery-images/get-gallery-images";
import { describeError } from "@/lib/describe-error";
import type { GalleryImage } from "@domain/contracts/gallery";

/** How many of the newest images are offered to pick from. */
const recentImageLimit = 24;

/**
 * The image to animate: the one the page was opened with (?imageId=), or one picked from the
 * newest images. The choice lives in the URL, so a reload or a shared link keeps it.
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
        : <RecentImages onPick={onChange} />}
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

function RecentImages({ onPick }: { onPick: (imageId: string) => void }) {
  const images = useRecentGalleryImages(recentImageLimit);
  if (images.isPending) {
    return (
      <div className="grid grid-cols-4 gap-2 sm:grid-cols-6">
        {Array.from({ length: 6 }, (_, index) => <Skeleton key={index} className="aspect-square w-full" />)}
      </div>
    );
  }
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
  return (
    <ul aria-label="Your recent images" className="grid grid-cols-4 gap-2 sm:grid-cols-6">
      {images.data.map((image) => (
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
