import { Button } from "@/components/ui/button";
import { ModalDialog } from "@/components/ui/modal-dialog";
import type { Batch } from "@domain/contracts/batch";
import { formatCredits } from "@/lib/format";

function rowsText(count: number): string {
  return `${formatCredits(count)} ${count === 1 ? "row" : "rows"}`;
}

/**
 * Asks before a batch is cancelled, since it cannot be resumed afterwards. Only queued rows are
 * withdrawn (the server lets rows already generating finish), so that is the count it names.
 */
export function CancelBatchDialog({
  batch,
  onConfirm,
  onClose,
}: {
  batch: Batch;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const titleId = "cancel-batch-title";
  const left = batch.counts.queued;
  const running = batch.counts.running;
  return (
    <ModalDialog labelledBy={titleId} onClose={onClose} className="w-[min(28rem,calc(100vw-2rem))]">
      <div className="space-y-4 p-6">
        <h2 id={titleId} className="text-lg font-semibold">
          Cancel this batch?
        </h2>
        <div className="space-y-2 text-sm text-muted">
          <p>
            {left === 0
              ? "No rows are waiting, so nothing more will be charged."
              : `${rowsText(left)} left won't be generated, and you won't be charged for ${
                left === 1 ? "it" : "them"
              }.`}
          </p>
          {running > 0
            ? <p>{`${rowsText(running)} already generating will finish and be charged.`}</p>
            : null}
          <p>A cancelled batch can't be resumed.</p>
        </div>
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" size="sm" autoFocus onClick={onClose}>
            Keep batch
          </Button>
          <Button variant="danger" size="sm" onClick={onConfirm}>
            Cancel batch
          </Button>
        </div>
      </div>
    </ModalDialog>
  );
}
