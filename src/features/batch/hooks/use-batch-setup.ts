import { useState } from "react";
import { useBatchAction } from "@/features/batch/api/batch-action";
import { useCreateBatch } from "@/features/batch/api/create-batch";
import { type BatchRequest, usePreviewBatch } from "@/features/batch/api/preview-batch";
import {
  defaultMapping,
  type GlobalToken,
  globalTokenValues,
  mappingProblems,
  unfedTokens,
} from "@/features/batch/lib/column-mapping";
import { type CsvFile, readCsvFile } from "@/features/batch/lib/read-csv-file";
import { findTokens } from "@domain/personalization-tokens";
import { showErrorToast } from "@/lib/error-toast";
import type { BatchPreview } from "@domain/contracts/batch";
import type { ModelOption } from "@domain/contracts/image-generation";

export type BatchSetupState = ReturnType<typeof useBatchSetup>;

/**
 * The batch being set up, before it exists on the server: the CSV, how its columns map to tokens,
 * the prompt and model, and the server's preview of exactly those inputs.
 */
export function useBatchSetup(models: ModelOption[], onStarted: (batchId: string) => void) {
  const [csv, setCsv] = useState<CsvFile>();
  const [readError, setReadError] = useState<string>();
  const [reading, setReading] = useState(false);
  // Only the columns someone edited; the rest follow the prompt's tokens as it is typed.
  const [editedMapping, setEditedMapping] = useState<Record<string, string>>({});
  const [globals, setGlobals] = useState<GlobalToken[]>([]);
  const [prompt, setPrompt] = useState("");
  const [model, setModel] = useState(models.find((option) => option.available)?.id ?? "");
  const [checked, setChecked] = useState<{ request: BatchRequest; report: BatchPreview }>();
  const preview = usePreviewBatch();
  const create = useCreateBatch();
  const startBatch = useBatchAction();
  const [starting, setStarting] = useState(false);

  async function readFile(file: File) {
    setReading(true);
    setReadError(undefined);
    setEditedMapping({});
    setChecked(undefined);
    try {
      setCsv(await readCsvFile(file));
    } catch (error) {
      // A refused file replaces the previous one: nobody should preview a file they just swapped out.
      setCsv(undefined);
      setReadError(error instanceof Error ? error.message : String(error));
    } finally {
      setReading(false);
    }
  }

  const mapping = csv
    ? {
      ...defaultMapping(csv.headers, [
        ...findTokens(prompt).map((token) => token.name),
        ...globals.map((token) => token.name),
      ]),
      ...editedMapping,
    }
    : {};

  function setColumnToken(column: string, token: string) {
    setEditedMapping((edited) => ({ ...edited, [column]: token }));
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
  const currentReport = checked && request && JSON.stringify(checked.request) === JSON.stringify(request)
    ? checked.report
    : undefined;

  const startBlockedBecause = !csv
    ? "Upload a CSV first."
    : prompt.trim() === ""
    ? "Write the prompt every row fills in."
    : !checked
    ? "Preview the batch first: it checks every row and shows the cost."
    : !currentReport
    ? "You changed something since the preview; preview again to start."
    : !currentReport.valid
    ? "Fix the problems the preview found, then preview again."
    : undefined;

  function runPreview() {
    if (!request) return;
    const sent = request;
    preview.mutate(sent, {
      onSuccess: (report) => setChecked({ request: sent, report }),
      onError: (error) => showErrorToast(error, { retry: runPreview }),
    });
  }

  async function start() {
    if (!request) return;
    setStarting(true);
    try {
      const batch = await create.mutateAsync(request);
      // Through the mutation, so the cache holds the started batch and its page starts polling.
      await startBatch.mutateAsync({ batchId: batch.id, action: "start" });
      onStarted(batch.id);
    } catch (error) {
      showErrorToast(error, { retry: () => void start() });
    } finally {
      setStarting(false);
    }
  }

  return {
    models,
    csv,
    readError,
    reading,
    mapping,
    setColumnToken,
    globals,
    setGlobals,
    prompt,
    setPrompt,
    model,
    setModel,
    request,
    problems,
    missing,
    checked,
    currentReport,
    startBlockedBecause,
    previewing: preview.isPending,
    starting,
    readFile,
    runPreview,
    start,
  };
}
