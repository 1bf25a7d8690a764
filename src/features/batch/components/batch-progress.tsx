import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DownloadIcon } from "@/components/ui/icons";
import { useBatchAction } from "@/features/batch/api/batch-action";
import type { Batch, BatchAction, BatchStatus } from "@domain/contracts/batch";
import { type BatchFile, downloadBatchFile } from "@/features/batch/api/download-batch-file";
import { formatEta } from "@/features/batch/lib/format-eta";
import { outOfCredits, useOfferCredits } from "@/lib/credits-offer";
import { showErrorToast } from "@/lib/error-toast";
import { creditsText } from "@domain/image-pricing";
import { CancelBatchDialog } from "@/features/batch/components/cancel-batch-dialog";

export const statusLabels: Record<BatchStatus, string> = {
  draft: "Draft",
  queued: "Queued",
  running: "Running",
  paused: "Paused",
  completed: "Completed",
  failed: "Failed",
  cancelled: "Cancelled",
};

const actionLabels: Record<BatchAction, string> = {
  start: "Start",
  pause: "Pause",
  resume: "Resume",
  cancel: "Cancel batch",
  "retry-failed": "Retry failed rows",
};

/** Which actions the server accepts in each status. */
function actionsFor(batch: Batch): BatchAction[] {
  switch (batch.status) {
    case "draft":
      return ["start", "cancel"];
    case "queued":
    case "running":
      return ["pause", "cancel"];
    case "paused":
      return ["resume", "cancel"];
    default:
      return batch.counts.failed > 0 ? ["retry-failed"] : [];
  }
}

/** A name-like column ("First name", "full_name") names the images by default; else the row number does. */
function defaultNameColumn(headers: readonly string[]): string {
  return headers.find((header) => /name/i.test(header)) ?? "";
}

/** The live state of one batch: the bar, counts and ETA, its controls and its downloads. */
export function BatchProgress({ batch }: { batch: Batch }) {
  const action = useBatchAction();
  const offerCredits = useOfferCredits();
  const [downloading, setDownloading] = useState<BatchFile>();
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  const headers = batch.headers ?? [];
  // "" is the row number: the server's naming when no nameColumn is asked for.
  const [nameColumn, setNameColumn] = useState(() => defaultNameColumn(headers));
  const percent = Math.round(batch.progress * 100);
  const eta = batch.status === "running" ? formatEta(batch.etaSeconds) : undefined;
  const hasResults = batch.counts.succeeded + batch.counts.failed > 0;

  function run(name: BatchAction) {
    action.mutate({ batchId: batch.id, action: name }, {
      onError: (error) => {
        const shortfall = outOfCredits(error);
        if (shortfall) offerCredits({ ...shortfall, resume: resumeOffer });
        else showErrorToast(error, { retry: () => run(name) });
      },
    });
  }

  const resumeOffer = { label: "Resume batch", run: () => run("resume") };
  // The worker pauses a batch with this reason when a row's debit is refused.
  const outOfCreditsPause = batch.status === "paused" && batch.pauseReason?.startsWith("Out of credits");

  async function download(file: BatchFile) {
    setDownloading(file);
    try {
      if (file === "images.zip" && nameColumn !== "") {
        await downloadBatchFile(batch.id, file, { nameColumn });
      } else await downloadBatchFile(batch.id, file);
    } catch (error) {
      showErrorToast(error, { retry: () => void download(file) });
    } finally {
      setDownloading(undefined);
    }
  }

  return (
    <Card className="space-y-4 p-4 sm:p-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-lg font-semibold text-ink">{batch.name}</h2>
        <p className="text-sm font-semibold text-ink" data-testid="batch-status">
          {statusLabels[batch.status]}
        </p>
      </div>
      <p className="text-sm text-muted">{batch.prompt}</p>
      <div>
        <div
          role="progressbar"
          aria-label="Batch progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={`${percent}%${eta ? `, ${eta}` : ""}`}
          className="h-3 overflow-hidden rounded-full bg-sunken"
        >
          <div
            className="h-full rounded-full bg-violet-600 transition-[width] duration-500"
            style={{ width: `${percent}%` }}
          />
        </div>
        <p className="mt-2 flex flex-wrap justify-between gap-2 text-sm text-muted" aria-live="polite">
          <span data-testid="batch-counts">
            {batch.counts.succeeded} succeeded · {batch.counts.failed} failed ·{" "}
            {batch.counts.queued + batch.counts.running}{" "}
            to go{batch.counts.cancelled > 0 ? ` · ${batch.counts.cancelled} cancelled` : ""}
          </span>
          <span>
            {percent}%{eta ? ` · ${eta}` : ""} · {creditsText(batch.spentCredits)} spent
          </span>
        </p>
      </div>
      {batch.pauseReason && batch.status === "paused"
        ? (
          <Alert tone="info" title="Paused">
            <p>{batch.pauseReason}</p>
            {outOfCreditsPause
              ? (
                <Button
                  size="sm"
                  className="mt-2"
                  onClick={() =>
                    offerCredits({ message: batch.pauseReason ?? undefined, resume: resumeOffer })}
                >
                  Add credits
                </Button>
              )
              : null}
          </Alert>
        )
        : null}
      {batch.error ? <Alert title="The batch stopped">{batch.error}</Alert> : null}
      <div className="flex flex-wrap gap-2">
        {actionsFor(batch).map((name) => (
          <Button
            key={name}
            variant={name === "cancel" ? "danger" : "secondary"}
            size="sm"
            loading={action.isPending && action.variables.action === name}
            disabled={action.isPending}
            onClick={() => (name === "cancel" ? setConfirmingCancel(true) : run(name))}
          >
            {actionLabels[name]}
          </Button>
        ))}
        <Button
          variant="secondary"
          size="sm"
          disabled={!hasResults}
          loading={downloading === "results.csv"}
          onClick={() => void download("results.csv")}
        >
          <DownloadIcon className="size-4" /> Results CSV
        </Button>
        <Button
          variant="secondary"
          size="sm"
          disabled={batch.counts.succeeded === 0}
          loading={downloading === "images.zip"}
          onClick={() => void download("images.zip")}
        >
          <DownloadIcon className="size-4" /> Images ZIP
        </Button>
        {headers.length > 0
          ? (
            <label className="flex items-center gap-2 text-sm text-muted">
              Name images by
              <select
                value={nameColumn}
                onChange={(event) => setNameColumn(event.target.value)}
                disabled={batch.counts.succeeded === 0}
                className="h-9 max-w-48 rounded-xl border border-line bg-surface px-3 text-sm text-ink shadow-sm focus:border-violet-500 focus:outline-none focus:ring-4 focus:ring-violet-500/20 disabled:cursor-not-allowed disabled:opacity-60"
              >
                <option value="">Row number</option>
                {headers.map((header) => <option key={header} value={header}>{header}</option>)}
              </select>
            </label>
          )
          : null}
      </div>
      {confirmingCancel
        ? (
          <CancelBatchDialog
            batch={batch}
            onClose={() => setConfirmingCancel(false)}
            onConfirm={() => {
              setConfirmingCancel(false);
              run("cancel");
            }}
          />
        )
        : null}
    </Card>
  );
}
