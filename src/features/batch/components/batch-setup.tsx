import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { inputClasses } from "@/components/ui/text-field";
import type { ModelOption } from "@domain/contracts/image-generation";
import { useBatchAction } from "@/features/batch/api/batch-action";
import { useCreateBatch } from "@/features/batch/api/create-batch";
import { usePreviewBatch, type BatchRequest } from "@/features/batch/api/preview-batch";
import type { BatchPreview } from "@domain/contracts/batch";
import { CsvDropZone } from "@/features/batch/components/csv-drop-zone";
import { PreviewReport } from "@/features/batch/components/preview-report";
import {
  defaultMapping,
  globalTokenValues,
  mappingProblems,
  unfedTokens,
  type GlobalToken,
} from "@/features/batch/lib/column-mapping";
import { readCsvFile, type CsvFile } from "@/features/batch/lib/read-csv-file";
import { showErrorToast } from "@/lib/error-toast";
import clsx from "clsx";

const fieldClasses = clsx(inputClasses, "border-line focus:border-violet-500 focus:ring-violet-500/20");

/** Upload, map, preview and start: everything before a batch exists on the server. */
export function BatchSetup({ models, onStarted }: { models: ModelOption[]; onStarted: (batchId: string) => void }) {
  const promptId = useId();
  const modelId = useId();
  const [csv, setCsv] = useState<CsvFile>();
  const [readError, setReadError] = useState<string>();
  const [reading, setReading] = useState(false);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [globals, setGlobals] = useState<GlobalToken[]>([]);
  const [prompt, setPrompt] = useState("");
  const [model, setModel] = useState(models[0]?.id ?? "");
  const [checked, setChecked] = useState<{ request: BatchRequest; report: BatchPreview }>();
  const preview = usePreviewBatch();
  const create = useCreateBatch();
  const startBatch = useBatchAction();
  const [starting, setStarting] = useState(false);

  async function handleFile(file: File) {
    setReading(true);
    setReadError(undefined);
    try {
      const parsed = await readCsvFile(file);
      setCsv(parsed);
      setMapping(defaultMapping(parsed.headers));
      setChecked(undefined);
    } catch (error) {
      setReadError(error instanceof Error ? error.message : String(error));
    } finally {
      setReading(false);
    }
  }

  const request: BatchRequest | undefined = csv
    ? {
        csv: csv.text,
        filename: csv.filename,
        prompt,
        model,
        globalTokens: globalTokenValues(globals),
        columnMapping: mapping,
      }
    : undefined;
  const problems = mappingProblems(mapping, globals);
  const missing = unfedTokens(prompt, mapping, globals);
  // A preview only vouches for the exact inputs it was made from.
  const currentReport =
    checked && request && JSON.stringify(checked.request) === JSON.stringify(request) ? checked.report : undefined;

  function handlePreview() {
    if (!request) return;
    const sent = request;
    preview.mutate(sent, {
      onSuccess: (report) => setChecked({ request: sent, report }),
      onError: (error) => showErrorToast(error, { retry: handlePreview }),
    });
  }

  async function handleStart() {
    if (!request) return;
    setStarting(true);
    try {
      const batch = await create.mutateAsync(request);
      // Through the mutation, so the cache holds the started batch and its page starts polling.
      await startBatch.mutateAsync({ batchId: batch.id, action: "start" });
      onStarted(batch.id);
    } catch (error) {
      showErrorToast(error, { retry: () => void handleStart() });
    } finally {
      setStarting(false);
    }
  }

  return (
    <Card className="space-y-6 p-4 sm:p-6">
      <section aria-labelledby="batch-upload-heading" className="space-y-3">
        <h2 id="batch-upload-heading" className="text-lg font-semibold text-ink">
          1. Upload contacts
        </h2>
        <CsvDropZone onFile={(file) => void handleFile(file)} reading={reading} error={readError} filename={csv?.filename} />
        {csv ? (
          <p className="text-sm text-muted" data-testid="csv-summary">
            {csv.rowCount} rows, {csv.headers.length} columns
          </p>
        ) : null}
      </section>

      {csv ? (
        <section aria-labelledby="batch-mapping-heading" className="space-y-3">
          <h2 id="batch-mapping-heading" className="text-lg font-semibold text-ink">
            2. Map columns to tokens
          </h2>
          <p className="text-sm text-muted">
            Each column fills the token named here; clear a name to leave the column out. A row's value wins over a
            global token.
          </p>
          <div className="grid gap-3 sm:grid-cols-2">
            {csv.headers.map((header) => (
              <div key={header} className="space-y-1 text-sm">
                <label className="block space-y-1">
                  <span className="font-medium text-ink">{`Token for column “${header}”`}</span>
                  <input
                    className={fieldClasses}
                    value={mapping[header] ?? ""}
                    onChange={(event) => setMapping({ ...mapping, [header]: event.target.value.toUpperCase() })}
                    placeholder="Left out"
                  />
                </label>
                <p className="truncate text-muted">e.g. {csv.sampleRows[0]?.[csv.headers.indexOf(header)] ?? "—"}</p>
              </div>
            ))}
          </div>
          <GlobalTokens globals={globals} onChange={setGlobals} />
        </section>
      ) : null}

      <section aria-labelledby="batch-prompt-heading" className="space-y-3">
        <h2 id="batch-prompt-heading" className="text-lg font-semibold text-ink">
          {csv ? "3." : "2."} Prompt and model
        </h2>
        <div className="space-y-1.5">
          <label htmlFor={promptId} className="text-sm font-medium text-ink">
            Prompt
          </label>
          <textarea
            id={promptId}
            rows={3}
            value={prompt}
            onChange={(event) => setPrompt(event.target.value)}
            placeholder="Portrait of [FIRSTNAME] from [COMPANY|a startup], studio light"
            className={clsx(fieldClasses, "h-auto py-2.5")}
          />
          {missing.length > 0 ? (
            <p className="text-sm text-amber-800 dark:text-amber-200">
              Nothing fills {missing.map((name) => `[${name}]`).join(", ")} yet: map a column, add a global token, or
              give a fallback like [{missing[0]}|friend].
            </p>
          ) : null}
        </div>
        <div className="space-y-1.5">
          <label htmlFor={modelId} className="text-sm font-medium text-ink">
            Model
          </label>
          <select id={modelId} value={model} onChange={(event) => setModel(event.target.value)} className={fieldClasses}>
            {models.map((option) => (
              <option key={option.id} value={option.id}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
      </section>

      {problems.length > 0 ? (
        <ul role="alert" className="list-disc space-y-1 pl-5 text-sm text-rose-700 dark:text-rose-300">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      ) : null}

      <div className="flex flex-wrap gap-3">
        <Button
          variant="secondary"
          onClick={handlePreview}
          loading={preview.isPending}
          disabled={!request || prompt.trim() === "" || problems.length > 0}
        >
          Preview batch
        </Button>
        <Button onClick={() => void handleStart()} loading={starting} disabled={!currentReport?.valid}>
          {currentReport ? `Start batch · ${currentReport.estimate.totalCost} credits` : "Start batch"}
        </Button>
      </div>
      {checked && !currentReport ? (
        <p className="text-sm text-muted">You changed something since the preview; preview again to start.</p>
      ) : null}
      {checked ? <PreviewReport report={checked.report} /> : null}
    </Card>
  );
}

function GlobalTokens({ globals, onChange }: { globals: GlobalToken[]; onChange: (globals: GlobalToken[]) => void }) {
  const update = (index: number, change: Partial<GlobalToken>) =>
    onChange(globals.map((token, position) => (position === index ? { ...token, ...change } : token)));
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-ink">Global tokens (the same for every row)</legend>
      {globals.map((token, index) => (
        <div key={index} className="flex flex-wrap items-end gap-2">
          <label className="min-w-32 flex-1 space-y-1 text-sm">
            <span className="text-muted">Global token {index + 1} name</span>
            <input
              className={fieldClasses}
              value={token.name}
              onChange={(event) => update(index, { name: event.target.value.toUpperCase() })}
            />
          </label>
          <label className="min-w-40 flex-[2] space-y-1 text-sm">
            <span className="text-muted">Global token {index + 1} value</span>
            <input className={fieldClasses} value={token.value} onChange={(event) => update(index, { value: event.target.value })} />
          </label>
          <Button variant="ghost" onClick={() => onChange(globals.filter((_, position) => position !== index))}>
            Remove<span className="sr-only"> global token {index + 1}</span>
          </Button>
        </div>
      ))}
      <Button variant="secondary" size="sm" onClick={() => onChange([...globals, { name: "", value: "" }])}>
        Add global token
      </Button>
    </fieldset>
  );
}
