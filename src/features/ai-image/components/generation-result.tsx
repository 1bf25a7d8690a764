import { useState } from "react";
import { Link } from "react-router-dom";
import { toast } from "sonner";
import { Button, buttonStyles } from "@/components/ui/button";
import { CopyIcon, DownloadIcon, ImagesIcon, RefreshIcon, VideoIcon } from "@/components/ui/icons";
import { paths } from "@/config/paths";
import type { GeneratedImage } from "@domain/contracts/image-generation";
import { downloadImage } from "@/features/ai-image/lib/download-image";
import { showErrorToast } from "@/lib/error-toast";
import { formatCredits } from "@/lib/format";

const secondsFormat = new Intl.NumberFormat(undefined, {
  maximumFractionDigits: 1,
  minimumFractionDigits: 1,
});

/** A finished image with what made it, and what to do next. */
export function GenerationResult({
  image,
  modelLabel,
  onReuse,
}: {
  image: GeneratedImage;
  modelLabel: string;
  /** Puts the prompt, values, model and settings that made this image back on the page. */
  onReuse: () => void;
}) {
  const [downloading, setDownloading] = useState(false);
  const [brokenUrl, setBrokenUrl] = useState<string | null>(null);

  const download = async () => {
    setDownloading(true);
    try {
      await downloadImage(image.imageUrl, `personify-${image.imageId}`);
    } catch (error) {
      showErrorToast(error, { id: "download", retry: () => void download() });
    } finally {
      setDownloading(false);
    }
  };

  const copyPrompt = async () => {
    try {
      await navigator.clipboard.writeText(image.resolvedPrompt);
      toast.success("Prompt copied");
    } catch {
      toast.error("Couldn't copy", {
        description: "Your browser didn't allow it. Select the prompt and copy it instead.",
      });
    }
  };

  return (
    <div className="space-y-5">
      <figure className="space-y-3">
        {brokenUrl === image.imageUrl
          ? (
            <div className="grid aspect-square place-items-center rounded-xl bg-sunken p-6 text-center text-sm text-muted">
              The image's link has expired. It's safe in your gallery.
            </div>
          )
          : (
            <img
              src={image.imageUrl}
              alt={image.resolvedPrompt}
              width={image.width}
              height={image.height}
              onError={() => setBrokenUrl(image.imageUrl)}
              className="h-auto w-full rounded-xl bg-sunken shadow-sm"
            />
          )}
        <figcaption className="space-y-3 text-sm">
          <p className="select-text text-ink">{image.resolvedPrompt}</p>
          {image.revisedPrompt
            ? (
              <p className="text-muted">
                <span className="font-medium text-ink">The model read it as:</span> {image.revisedPrompt}
              </p>
            )
            : null}
          <dl className="grid grid-cols-2 gap-x-4 gap-y-2 rounded-xl bg-sunken px-3.5 py-3">
            <div>
              <dt className="text-xs text-muted">Model</dt>
              <dd className="font-medium text-ink">{modelLabel}</dd>
            </div>
            <div>
              <dt className="text-xs text-muted">Size</dt>
              <dd className="font-medium tabular-nums text-ink">
                {image.width} × {image.height}
              </dd>
            </div>
            <div>
              <dt className="text-xs text-muted">Cost</dt>
              <dd className="font-medium tabular-nums text-ink">
                {formatCredits(image.cost)} {image.cost === 1 ? "credit" : "credits"}
              </dd>
            </div>
            <div>
              <dt className="text-xs text-muted">Time</dt>
              <dd className="font-medium tabular-nums text-ink">
                {secondsFormat.format(image.generationTime / 1000)} s
              </dd>
            </div>
          </dl>
        </figcaption>
      </figure>
      <div className="grid grid-cols-2 gap-2">
        <Button onClick={() => void download()} loading={downloading}>
          {downloading ? null : <DownloadIcon className="size-4" />}
          Download
        </Button>
        <Button variant="secondary" onClick={() => void copyPrompt()}>
          <CopyIcon className="size-4" />
          Copy prompt
        </Button>
        <Button variant="secondary" onClick={onReuse}>
          <RefreshIcon className="size-4" />
          Reuse settings
        </Button>
        <Link to={paths.gallery.href()} className={buttonStyles({ variant: "secondary" })}>
          <ImagesIcon className="size-4" />
          Open gallery
        </Link>
        <Link
          to={paths.video.href({ imageId: image.imageId })}
          className={buttonStyles({ variant: "secondary", className: "col-span-2" })}
        >
          <VideoIcon className="size-4" />
          Make a video
        </Link>
      </div>
    </div>
  );
}
