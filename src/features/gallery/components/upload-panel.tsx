import clsx from "clsx";
import { useCallback, useId, useRef, useState } from "react";
import { useDrop } from "react-dnd";
import { NativeTypes } from "react-dnd-html5-backend";
import { UploadIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import { uploadPhoto, type UploadStage, useRefreshAfterUpload } from "@/features/gallery/api/upload-photo";
import { acceptedPhotoTypes, checkPhoto } from "@/features/gallery/lib/photo-check";
import { describeError } from "@/lib/describe-error";

type UploadState = { stage: UploadStage } | { stage: "done" } | { stage: "failed"; message: string };

interface UploadRow {
  key: string;
  name: string;
  state: UploadState;
}

const stageLabels: Record<UploadState["stage"], string> = {
  preparing: "Preparing…",
  uploading: "Uploading…",
  processing: "Making the thumbnail…",
  done: "In your gallery",
  failed: "Failed",
};

/**
 * Your own photos into the gallery, by drop or with the file picker. Each file is checked here
 * (type, 10 MB), then uploaded one after another so a slow connection finishes files in order.
 */
export function UploadPanel() {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [rows, setRows] = useState<UploadRow[]>([]);
  const refresh = useRefreshAfterUpload();

  const setState = (key: string, state: UploadState) =>
    setRows((current) => current.map((row) => (row.key === key ? { ...row, state } : row)));

  const uploadFiles = async (files: File[]) => {
    const added = files.map((file, offset) => {
      const check = checkPhoto(file);
      const row: UploadRow = {
        key: `${Date.now()}-${offset}-${file.name}`,
        name: file.name,
        state: check.ok ? { stage: "preparing" } : { stage: "failed", message: check.message },
      };
      return { file, row, ok: check.ok };
    });
    setRows((current) => [...added.map(({ row }) => row), ...current].slice(0, 20));
    let uploaded = 0;
    for (const { file, row, ok } of added) {
      if (!ok) continue;
      try {
        await uploadPhoto(file, (stage) => setState(row.key, { stage }));
        setState(row.key, { stage: "done" });
        uploaded++;
      } catch (error) {
        setState(row.key, { stage: "failed", message: describeError(error).description });
      }
    }
    if (uploaded > 0) refresh();
  };

  const [{ isOver }, drop] = useDrop(
    () => ({
      accept: [NativeTypes.FILE],
      drop: (item: { files: File[] }) => void uploadFiles(item.files),
      collect: (monitor) => ({ isOver: monitor.isOver() }),
    }),
    [],
  );
  const dropRef = useCallback((node: HTMLDivElement | null) => void drop(node), [drop]);

  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-2">
      <h2 id={`${id}-heading`} className="sr-only">
        Your own photos
      </h2>
      <div
        ref={dropRef}
        className={clsx(
          "flex flex-wrap items-center gap-3 rounded-2xl border-2 border-dashed p-3 text-sm",
          isOver ? "border-violet-500 bg-violet-50 dark:bg-violet-500/10" : "border-line",
        )}
      >
        <input
          ref={inputRef}
          id={`${id}-input`}
          type="file"
          multiple
          accept={acceptedPhotoTypes.join(",")}
          className="sr-only"
          onChange={(event) => {
            const files = [...(event.target.files ?? [])];
            event.target.value = "";
            void uploadFiles(files);
          }}
        />
        <label
          htmlFor={`${id}-input`}
          className="inline-flex h-9 cursor-pointer items-center gap-1.5 rounded-xl border border-line bg-surface px-3 font-semibold text-ink shadow-sm hover:bg-sunken focus-within:ring-4 focus-within:ring-violet-500/40"
        >
          <UploadIcon className="size-4" />
          Upload photos
        </label>
        <span className="text-muted">or drop PNG, JPEG or WebP files here (up to 10 MB each)</span>
      </div>
      {rows.length > 0
        ? (
          <ul aria-label="Uploads" className="space-y-1 text-sm">
            {rows.map((row) => (
              <li key={row.key} className="flex items-center gap-2">
                {row.state.stage === "preparing" || row.state.stage === "uploading" ||
                    row.state.stage === "processing"
                  ? <Spinner className="size-4" />
                  : null}
                <span className="truncate font-medium text-ink">{row.name}</span>
                <span
                  className={clsx(
                    row.state.stage === "failed"
                      ? "text-rose-700 dark:text-rose-300"
                      : row.state.stage === "done"
                      ? "text-emerald-700 dark:text-emerald-300"
                      : "text-muted",
                  )}
                >
                  {row.state.stage === "failed" ? row.state.message : stageLabels[row.state.stage]}
                </span>
              </li>
            ))}
          </ul>
        )
        : null}
    </section>
  );
}
