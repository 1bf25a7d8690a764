import clsx from "clsx";
import { type DragEvent, useId, useRef, useState } from "react";
import { TableIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";

/**
 * Takes one CSV by drop or by the file picker (a real <input type="file">, so keyboards, screen
 * readers and phones get the system picker).
 */
export function CsvDropZone({
  onFile,
  reading,
  error,
  filename,
}: {
  onFile: (file: File) => void;
  reading: boolean;
  error: string | undefined;
  filename: string | undefined;
}) {
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);

  function handleDrop(event: DragEvent<HTMLLabelElement>) {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) onFile(file);
  }

  return (
    <div className="space-y-2">
      <label
        htmlFor={inputId}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={handleDrop}
        className={clsx(
          "flex cursor-pointer flex-col items-center gap-2 rounded-2xl border-2 border-dashed px-6 py-8 text-center transition-colors",
          "focus-within:ring-4 focus-within:ring-violet-500/30",
          dragging
            ? "border-violet-500 bg-violet-50 dark:bg-violet-500/10"
            : error
            ? "border-rose-400 bg-rose-50/60 hover:bg-rose-50 dark:border-rose-500/60 dark:bg-rose-500/10"
            : "border-line hover:bg-sunken",
        )}
      >
        {reading ? <Spinner className="size-6" /> : <TableIcon className="size-6 text-violet-600" />}
        <span className="font-semibold text-ink">{filename ?? "Drop a CSV here or choose a file"}</span>
        <span className="text-sm text-muted">
          One row per image, a header row first. Up to 10,000 rows and 5 MB.
        </span>
        <input
          ref={input}
          id={inputId}
          type="file"
          accept=".csv,text/csv"
          aria-label="CSV file"
          className="sr-only"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) onFile(file);
            // Choosing the same file again after fixing it must still fire a change.
            event.target.value = "";
          }}
        />
      </label>
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
