import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ColumnMappingSection } from "@/features/batch/components/column-mapping-section";
import { CsvUploadSection } from "@/features/batch/components/csv-upload-section";
import { PreviewReport } from "@/features/batch/components/preview-report";
import { PromptModelSection } from "@/features/batch/components/prompt-model-section";
import { useBatchSetup } from "@/features/batch/hooks/use-batch-setup";
import type { ModelOption } from "@domain/contracts/image-generation";
import { creditsText } from "@domain/image-pricing";
import { useId } from "react";

/** Upload, map, preview and start: everything before a batch exists on the server. */
export function BatchSetup(
  { models, onStarted }: { models: ModelOption[]; onStarted: (batchId: string) => void },
) {
  const setup = useBatchSetup(models, onStarted);
  const { csv, problems, checked, currentReport, startBlockedBecause } = setup;
  const startHintId = useId();

  return (
    <Card className="space-y-6 p-4 sm:p-6">
      <CsvUploadSection setup={setup} />
      {csv ? <ColumnMappingSection setup={setup} csv={csv} /> : null}
      <PromptModelSection setup={setup} />

      {problems.length > 0
        ? (
          <ul role="alert" className="list-disc space-y-1 pl-5 text-sm text-rose-700 dark:text-rose-300">
            {problems.map((problem) => <li key={problem}>{problem}</li>)}
          </ul>
        )
        : null}

      <div className="flex flex-wrap gap-3">
        <Button
          variant="secondary"
          onClick={setup.runPreview}
          loading={setup.previewing}
          disabled={!setup.request || setup.prompt.trim() === "" || problems.length > 0}
        >
          Preview batch
        </Button>
        <Button
          onClick={() => void setup.start()}
          loading={setup.starting}
          disabled={startBlockedBecause !== undefined}
          aria-describedby={startBlockedBecause ? startHintId : undefined}
        >
          {currentReport ? `Start batch · ${creditsText(currentReport.estimate.totalCost)}` : "Start batch"}
        </Button>
      </div>
      {startBlockedBecause
        ? (
          <p id={startHintId} className="text-sm text-muted" data-testid="start-blocked-reason">
            {startBlockedBecause}
          </p>
        )
        : null}
      {checked ? <PreviewReport report={checked.report} onRecheck={setup.runPreview} /> : null}
    </Card>
  );
}
