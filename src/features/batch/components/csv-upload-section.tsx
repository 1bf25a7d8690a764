import { CsvDropZone } from "@/features/batch/components/csv-drop-zone";
import type { BatchSetupState } from "@/features/batch/hooks/use-batch-setup";

export function CsvUploadSection({ setup }: { setup: BatchSetupState }) {
  const { csv } = setup;
  return (
    <section aria-labelledby="batch-upload-heading" className="space-y-3">
      <h2 id="batch-upload-heading" className="text-lg font-semibold text-ink">
        1. Upload contacts
      </h2>
      <CsvDropZone
        onFile={(file) => void setup.readFile(file)}
        reading={setup.reading}
        error={setup.readError}
        filename={csv?.filename}
      />
      {csv
        ? (
          <p className="text-sm text-muted" data-testid="csv-summary">
            {`${csv.rowCount} ${csv.rowCount === 1 ? "row" : "rows"}, ${csv.headers.length} ${
              csv.headers.length === 1 ? "column" : "columns"
            }`}
          </p>
        )
        : null}
    </section>
  );
}
