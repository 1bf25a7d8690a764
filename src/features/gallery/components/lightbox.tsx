import { type KeyboardEvent, useEffect, useId, useState } from "react";
import { useNavigate } from "react-router-dom";
import { Button } from "@/components/ui/button";
import { CloseIcon, DownloadIcon, RefreshIcon, SparklesIcon, VideoIcon } from "@/components/ui/icons";
import { Skeleton } from "@/components/ui/skeleton";
import type { GalleryImage, GalleryImageDetail } from "@domain/contracts/gallery";
import { paths } from "@/config/paths";
import { useGalleryImage } from "@/data/gallery-images/get-gallery-image";
import type { Album } from "@domain/contracts/albums";
import { downloadOriginal } from "@/features/gallery/api/get-download-url";
import { useSetFavorites } from "@/features/gallery/api/set-favorite";
import { AddToAlbum } from "@/features/gallery/components/add-to-album";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { ConfirmDialog } from "@/features/gallery/components/confirm-dialog";
import { reuseSettingsUrl } from "@/features/gallery/lib/reuse-settings";
import { describeError } from "@/lib/describe-error";
import { showErrorToast } from "@/lib/error-toast";
import { formatCredits, formatDateTime } from "@/lib/format";
import { DangerButton } from "@/features/gallery/components/danger-button";
import { useImageModels } from "@/data/image-models/get-image-models";
import { featureLabel } from "@domain/feature-labels";
import { settingLabel, settingValueLabel } from "@domain/image-setting-labels";

function isTyping(target: EventTarget) {
  return target instanceof HTMLInputElement || target instanceof HTMLSelectElement ||
    target instanceof HTMLTextAreaElement;
}

/**
 * One image large, with how it was made and what can be done with it. ← and → step through the
 * loaded images (the next page is fetched at the end), Escape closes.
 */
export function Lightbox({
  images,
  index,
  albums,
  canLoadMore,
  onLoadMore,
  onIndexChange,
  onClose,
  onDelete,
}: {
  images: GalleryImage[];
  index: number;
  albums: Album[];
  canLoadMore: boolean;
  onLoadMore: () => void;
  onIndexChange: (index: number) => void;
  onClose: () => void;
  onDelete: (imageId: string) => void;
}) {
  const titleId = useId();
  const image = images[index];
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const hasPrevious = index > 0;
  const hasNext = index < images.length - 1 || canLoadMore;

  // Near the end of what is loaded, fetch more so → keeps going.
  useEffect(() => {
    if (canLoadMore && index >= images.length - 2) onLoadMore();
  }, [canLoadMore, index, images.length, onLoadMore]);

  const step = (change: -1 | 1) => {
    const next = index + change;
    if (next >= 0 && next < images.length) onIndexChange(next);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (isTyping(event.target) || confirmingDelete) return;
    if (event.key === "ArrowLeft") {
      event.preventDefault();
      step(-1);
    } else if (event.key === "ArrowRight") {
      event.preventDefault();
      step(1);
    }
  };

  if (!image) return null;

  return (
    <ModalDialog
      labelledBy={titleId}
      onClose={onClose}
      onKeyDown={onKeyDown}
      className="w-[min(72rem,calc(100vw-2rem))]"
    >
      <div className="grid lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="relative flex min-h-64 items-center justify-center bg-black/90 p-2 lg:min-h-[70vh]">
          <FullImage image={image} />
          <div className="absolute inset-x-2 top-1/2 flex -translate-y-1/2 justify-between">
            <NavButton label="Previous image" disabled={!hasPrevious} onClick={() => step(-1)}>
              ‹
            </NavButton>
            <NavButton label="Next image" disabled={!hasNext} onClick={() => step(1)}>
              ›
            </NavButton>
          </div>
          <p
            className="absolute bottom-2 left-1/2 -translate-x-1/2 rounded-full bg-black/60 px-3 py-1 text-xs text-white"
            aria-live="polite"
          >
            {index + 1} of {canLoadMore ? `${images.length}+` : images.length}
          </p>
        </div>
        <div className="space-y-4 p-5">
          <div className="flex items-start justify-between gap-3">
            <h2
              id={titleId}
              className="line-clamp-3 text-base font-semibold"
              title={image.prompt && image.prompt !== image.resolvedPrompt
                ? `Template: ${image.prompt}`
                : undefined}
            >
              {image.resolvedPrompt || image.prompt || "Untitled image"}
            </h2>
            <Button variant="ghost" size="sm" aria-label="Close" onClick={onClose}>
              <CloseIcon className="size-5" />
            </Button>
          </div>
          <Details image={image} albums={albums} onDelete={() => setConfirmingDelete(true)} />
        </div>
      </div>
      {confirmingDelete
        ? (
          <ConfirmDialog
            title="Delete this image?"
            description="It is removed from your gallery and every album. This cannot be undone."
            confirmLabel="Delete image"
            onCancel={() => setConfirmingDelete(false)}
            onConfirm={() => {
              setConfirmingDelete(false);
              onDelete(image.id);
            }}
          />
        )
        : null}
    </ModalDialog>
  );
}

function NavButton(
  { label, disabled, onClick, children }: {
    label: string;
    disabled: boolean;
    onClick: () => void;
    children: string;
  },
) {
  return (
    <button
      type="button"
      aria-label={label}
      disabled={disabled}
      onClick={onClick}
      className="grid size-11 place-items-center rounded-full bg-black/60 text-3xl leading-none text-white hover:bg-black/80 focus:outline-none focus-visible:ring-4 focus-visible:ring-violet-400 disabled:opacity-0"
    >
      <span aria-hidden="true">{children}</span>
    </button>
  );
}

/** The original once its signed URL arrives; the thumbnail (already cached) stands in until then. */
function FullImage({ image }: { image: GalleryImage }) {
  const detail = useGalleryImage(image.id);
  const source = detail.data?.url ?? image.thumbnailUrl;
  const aspectRatio = image.width && image.height ? `${image.width} / ${image.height}` : "1 / 1";
  if (!source) return <Skeleton className="aspect-square w-full max-w-lg" />;
  return (
    <img
      key={image.id}
      src={source}
      alt={image.resolvedPrompt || image.prompt}
      decoding="async"
      className="max-h-[75vh] max-w-full object-contain"
      style={{ aspectRatio }}
    />
  );
}

function Details(
  { image, albums, onDelete }: { image: GalleryImage; albums: Album[]; onDelete: () => void },
) {
  const detail = useGalleryImage(image.id);
  const setFavorites = useSetFavorites();
  const navigate = useNavigate();
  const [downloading, setDownloading] = useState(false);

  const download = async () => {
    setDownloading(true);
    try {
      await downloadOriginal(image.id);
    } catch (error) {
      showErrorToast(error, { id: "gallery-download" });
    } finally {
      setDownloading(false);
    }
  };

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap gap-2">
        <Button
          size="sm"
          variant="secondary"
          aria-pressed={image.isFavorite}
          onClick={() => setFavorites.mutate({ imageIds: [image.id], isFavorite: !image.isFavorite })}
        >
          <span aria-hidden="true" className={image.isFavorite ? "text-amber-500" : "text-muted"}>
            {image.isFavorite ? "★" : "☆"}
          </span>
          Favourite
        </Button>
        <Button size="sm" variant="secondary" loading={downloading} onClick={() => void download()}>
          {downloading ? null : <DownloadIcon className="size-4" />}
          Download
        </Button>
        <DangerButton onClick={onDelete}>
          Delete
        </DangerButton>
      </div>
      <div className="flex flex-wrap gap-2">
        {image.feature !== "upload"
          ? (
            <Button
              size="sm"
              variant="secondary"
              disabled={!detail.data}
              onClick={() => detail.data && navigate(reuseSettingsUrl(detail.data))}
            >
              <SparklesIcon className="size-4" />
              Reuse settings
            </Button>
          )
          : null}
        <Button
          size="sm"
          variant="secondary"
          onClick={() => navigate(paths.video.href({ imageId: image.id }))}
        >
          <VideoIcon className="size-4" />
          Make a video
        </Button>
      </div>
      <AddToAlbum albums={albums} imageIds={[image.id]} />
      {detail.isPending
        ? (
          <div role="status" aria-label="Loading details" className="space-y-2">
            <Skeleton className="h-4 w-full" />
            <Skeleton className="h-4 w-2/3" />
            <Skeleton className="h-4 w-1/2" />
          </div>
        )
        : detail.isError
        ? (
          <div role="alert" className="space-y-2 text-sm">
            <p className="text-rose-700 dark:text-rose-300">{describeError(detail.error).description}</p>
            <Button size="sm" variant="secondary" onClick={() => void detail.refetch()}>
              <RefreshIcon className="size-4" />
              Try again
            </Button>
          </div>
        )
        : <Metadata detail={detail.data} />}
    </div>
  );
}

function Metadata({ detail }: { detail: GalleryImageDetail }) {
  const models = useImageModels();
  const model = models.data?.find((candidate) => candidate.id === detail.model);
  const modelLabel = model?.label ?? detail.model;
  const rows: [string, string][] = [
    ["Prompt", detail.prompt],
    ["Resolved prompt", detail.resolvedPrompt],
    // The provider's own model name stays in brackets: it is what their docs and invoices say.
    ["Model", detail.providerModel ? `${modelLabel} (${detail.providerModel})` : modelLabel],
    ["Provider", model?.providerLabel ?? detail.provider],
    ["Made with", featureLabel(detail.feature)],
    ...Object.entries(detail.settings ?? {}).map((
      [name, value],
    ): [string, string] => [settingLabel(name), settingValueLabel(name, String(value))]),
    ...Object.entries(detail.tokens ?? {}).map((
      [name, value],
    ): [string, string] => [`Token [${name}]`, String(value)]),
    // "Size" may be a setting above (512, 1K); this is what came out.
    ["Dimensions", detail.width && detail.height ? `${detail.width} × ${detail.height} px` : "Unknown"],
    ["Created", formatDateTime(detail.createdAt)],
    ["Cost", `${formatCredits(detail.cost)} ${detail.cost === 1 ? "credit" : "credits"}`],
    ...(detail.generationTimeMs
      ? [["Generation time", `${(detail.generationTimeMs / 1000).toFixed(1)} s`] as [string, string]]
      : []),
    ...(detail.albums.length > 0
      ? [["Albums", detail.albums.map((album) => album.title).join(", ")] as [string, string]]
      : []),
  ];
  return (
    <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1.5 text-sm">
      {rows.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="text-muted">{term}</dt>
          <dd className="break-words text-ink">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
