import clsx from "clsx";
import { useCallback, useId, useRef, useState } from "react";
import { useDrop } from "react-dnd";
import { NativeTypes } from "react-dnd-html5-backend";
import { Button } from "@/components/ui/button";
import { UploadIcon } from "@/components/ui/icons";
import {
  acceptedReferenceImageTypes,
  checkReferenceImage,
  formatMegabytes,
  readReferenceImage,
  type ReferenceImage,
  sniffReferenceImageType,
} from "@/features/ai-image/lib/reference-image";

/**
 * An optional picture the model should follow. Files are checked (type, 10 MB, then their first bytes) before they are
 * read, and can be dropped on the zone or chosen with its button.
 */
export function ReferenceImageField({
  image,
  onChange,
  supported,
  modelLabel,
}: {
  image: ReferenceImage | null;
  onChange: (image: ReferenceImage | null) => void;
  /** The chosen model takes a reference image; otherwise the zone is off and the image is not sent. */
  supported: boolean;
  modelLabel: string;
}) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [reading, setReading] = useState(false);

  const accept = async (file: File | undefined) => {
    if (!file) return;
    const check = checkReferenceImage(file);
    if (!check.ok) {
      setError(check.message);
      return;
    }
    setError(null);
    setReading(true);
    try {
      const type = await sniffReferenceImageType(file);
      if (!type) {
        setError("That file is not a PNG, JPEG or WebP image, whatever its name says. Choose an image file.");
        return;
      }
      // The bytes decide the type sent: a JPEG saved as .png is still a usable JPEG.
      onChange(await readReferenceImage(type === file.type ? file : new File([file], file.name, { type })));
    } catch {
      setError("That image could not be read. Try another file.");
    } finally {
      setReading(false);
    }
  };

  const [{ isOver, canDrop }, drop] = useDrop(
    () => ({
      accept: [NativeTypes.FILE],
      canDrop: () => supported,
      drop: (item: { files: File[] }) => void accept(item.files[0]),
      collect: (monitor) => ({ isOver: monitor.isOver(), canDrop: monitor.canDrop() }),
    }),
    [supported],
  );
  const dropZoneRef = useCallback((node: HTMLDivElement | null) => void drop(node), [drop]);

  const chooseFile = () => inputRef.current?.click();

  return (
    <div className="space-y-2">
      <p id={`${id}-label`} className="text-sm font-medium text-ink">
        Reference image <span className="font-normal text-muted">(optional)</span>
      </p>
      {/* Hidden: the zone's button opens it, so the zone is one control for mouse, touch and keyboard. */}
      <input
        ref={inputRef}
        type="file"
        accept={acceptedReferenceImageTypes.join(",")}
        className="hidden"
        aria-labelledby={`${id}-label`}
        onChange={(event) => {
          void accept(event.target.files?.[0]);
          // Choosing the same file again after removing it must still fire a change.
          event.target.value = "";
        }}
      />
      <div
        ref={dropZoneRef}
        role="group"
        aria-labelledby={`${id}-label`}
        aria-describedby={`${id}-hint`}
        className={clsx(
          "rounded-xl border-2 border-dashed p-4 transition-colors",
          isOver && canDrop ? "border-violet-500 bg-violet-50 dark:bg-violet-500/10" : "border-line",
          !supported && "opacity-70",
        )}
      >
        {image
          ? (
            <div className="flex items-center gap-4">
              <img
                src={image.dataUrl}
                alt="Reference image"
                className="size-16 shrink-0 rounded-lg object-cover"
              />
              <div className="min-w-0 flex-1">
                <p className="truncate text-sm font-medium text-ink">{image.name}</p>
                <p className="text-sm text-muted">{formatMegabytes(image.size)}</p>
              </div>
              <div className="flex shrink-0 flex-col gap-1 sm:flex-row">
                <Button variant="ghost" size="sm" onClick={chooseFile} disabled={!supported || reading}>
                  Replace
                </Button>
                <Button variant="ghost" size="sm" onClick={() => onChange(null)}>
                  Remove
                </Button>
              </div>
            </div>
          )
          : (
            <div className="flex flex-col items-center gap-2 py-2 text-center">
              <UploadIcon className="size-6 text-muted" />
              <p className="text-sm text-ink">
                {supported ? "Drop an image here, or" : "Not used by this model"}
              </p>
              <Button
                variant="secondary"
                size="sm"
                onClick={chooseFile}
                disabled={!supported}
                loading={reading}
              >
                Choose an image
              </Button>
            </div>
          )}
        <p id={`${id}-hint`} className="mt-3 text-center text-xs text-muted">
          {supported
            ? "PNG, JPEG or WebP, up to 10 MB."
            : image
            ? `${modelLabel} doesn't take a reference image, so this one won't be sent.`
            : `${modelLabel} doesn't take a reference image.`}
        </p>
      </div>
      {error
        ? (
          <p role="alert" className="text-sm font-medium text-rose-700 dark:text-rose-300">
            {error}
          </p>
        )
        : null}
    </div>
  );
}
