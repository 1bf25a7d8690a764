import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { Button, buttonStyles } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { AlertIcon } from "@/components/ui/icons";
import { Skeleton } from "@/components/ui/skeleton";
import { paths } from "@/config/paths";
import { accountKeys } from "@/data/account/account-keys";
import { useImageModels } from "@/data/image-models/get-image-models";
import { activeBatchPollMs, isBatchActive, useBatch } from "@/features/batch/api/get-batch";
import { batchKeys } from "@/features/batch/api/batch-keys";
import { BatchList } from "@/features/batch/components/batch-list";
import { BatchProgress } from "@/features/batch/components/batch-progress";
import { BatchSetup } from "@/features/batch/components/batch-setup";
import { ResultsTable } from "@/features/batch/components/results-table";
import { describeError } from "@/lib/describe-error";

/**
 * /batch-generation: a CSV in, one personalized image per row out. The open batch lives in the
 * URL (?batch=<id>) and its state on the server, so leaving and coming back, or opening the link
 * on another device, shows the same live batch.
 */
export default function BatchPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const { batchId } = paths.batch.parse(searchParams);

  return (
    <div className="mx-auto w-full max-w-5xl space-y-6 px-4 py-8 sm:px-6 sm:py-10">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-3xl font-bold tracking-tight text-ink sm:text-4xl">Batch generation</h1>
          <p className="mt-2 max-w-xl text-muted">
            Upload a CSV of contacts and get one personalized image per row.
          </p>
        </div>
        {batchId
          ? (
            <Link to={paths.batch.href()} className={buttonStyles({ variant: "secondary" })}>
              New batch
            </Link>
          )
          : null}
      </header>
      {batchId
        ? <OpenBatch batchId={batchId} />
        : <NewBatch onStarted={(id) => setSearchParams(paths.batch.search({ batchId: id }))} />}
      <BatchList />
    </div>
  );
}

function NewBatch({ onStarted }: { onStarted: (batchId: string) => void }) {
  const models = useImageModels();
  // A batch runs on the server's worker: only models that run here can be chosen; retired ones go.
  const listed = models.data?.filter((model) => !model.retired) ?? [];
  const available = listed.filter((model) => model.available);
  if (models.isPending) return <Skeleton className="h-96 w-full" />;
  if (models.isError || available.length === 0) {
    return (
      <Card>
        <EmptyState
          icon={<AlertIcon className="size-6" />}
          title="No image model is available"
          description={models.isError
            ? describeError(models.error).description
            : "Ask an admin to configure a provider."}
          action={models.isError
            ? (
              <Button variant="secondary" onClick={() => void models.refetch()}>
                Try again
              </Button>
            )
            : undefined}
        />
      </Card>
    );
  }
  return <BatchSetup models={listed} onStarted={onStarted} />;
}

function OpenBatch({ batchId }: { batchId: string }) {
  const batch = useBatch(batchId);
  const queryClient = useQueryClient();
  const active = batch.data ? isBatchActive(batch.data.status) : false;
  // Rows polled while running can be a beat behind the status that ended the run: catch up once.
  useEffect(() => {
    if (active) return;
    void queryClient.invalidateQueries({ queryKey: batchKeys.items(batchId) });
    void queryClient.invalidateQueries({ queryKey: batchKeys.list() });
    void queryClient.invalidateQueries({ queryKey: accountKeys.all });
  }, [active, batchId, queryClient]);
  if (batch.isPending) return <Skeleton className="h-64 w-full" />;
  if (batch.isError) {
    const { title, description } = describeError(batch.error);
    return (
      <Card>
        <EmptyState
          icon={<AlertIcon className="size-6" />}
          title={title}
          description={description}
          action={
            <Button variant="secondary" onClick={() => void batch.refetch()}>
              Try again
            </Button>
          }
        />
      </Card>
    );
  }
  return (
    <div className="space-y-4">
      <BatchProgress batch={batch.data} />
      <section aria-labelledby="batch-results-heading" className="space-y-2">
        <h2 id="batch-results-heading" className="text-lg font-semibold text-ink">
          Results
        </h2>
        <ResultsTable
          batchId={batchId}
          totalRows={batch.data.totalRows}
          pollMs={active ? activeBatchPollMs : false}
        />
      </section>
    </div>
  );
}
