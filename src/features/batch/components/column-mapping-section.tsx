import { fieldClasses } from "@/features/batch/components/field-classes";
import { GlobalTokens } from "@/features/batch/components/global-tokens";
import type { CsvFile } from "@/features/batch/lib/read-csv-file";
import type { BatchSetupState } from "@/features/batch/hooks/use-batch-setup";

/** Which token each CSV column fills, and the tokens that are the same for every row. */
export function ColumnMappingSection({ setup, csv }: { setup: BatchSetupState; csv: CsvFile }) {
  const { mapping } = setup;
  return (
    <section aria-labelledby="batch-mapping-heading" className="space-y-3">
      <h2 id="batch-mapping-heading" className="text-lg font-semibold text-ink">
        2. Map columns to tokens
      </h2>
      <p className="text-sm text-muted">
        Each column fills the token named here; clear a name to leave the column out. A row's value wins over
        a global token.
      </p>
      <div className="grid gap-3 sm:grid-cols-2">
        {csv.headers.map((header) => (
          <div key={header} className="space-y-1 text-sm">
            <label className="block space-y-1">
              <span className="font-medium text-ink">{`Token for column “${header}”`}</span>
              <input
                className={fieldClasses}
                value={mapping[header] ?? ""}
                onChange={(event) => setup.setColumnToken(header, event.target.value.toUpperCase())}
                placeholder="Left out"
              />
            </label>
            <p className="truncate text-muted">
              e.g. {csv.sampleRows[0]?.[csv.headers.indexOf(header)] ?? "—"}
            </p>
          </div>
        ))}
      </div>
      <GlobalTokens globals={setup.globals} onChange={setup.setGlobals} />
    </section>
  );
}
