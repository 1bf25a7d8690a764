import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { BatchPreview } from "@domain/contracts/batch";
import { formatCredits } from "@/lib/format";
import { creditsText } from "@domain/image-pricing";
import { useOfferCredits } from "@/lib/credits-offer";

/**
 * The server's verdict on a batch before it runs: problems by row, resolved prompts, and the cost.
 * `onRecheck` previews again, so the estimate reflects credits bought from here.
 */
export function PreviewReport({ report, onRecheck }: { report: BatchPreview; onRecheck: () => void }) {
  const { estimate } = report;
  const offer = useOfferCredits();
  return (
    <section aria-labelledby="batch-preview-heading" className="space-y-4">
      <h2 id="batch-preview-heading" className="text-lg font-semibold text-ink">
        Preview
      </h2>
      <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
        <Figure label="Rows" value={formatCredits(report.rowCount)} />
        <Figure label="Cost per row" value={creditsText(estimate.costPerRow)} />
        <Figure
          label="Total cost"
          value={creditsText(estimate.totalCost)}
          testId="batch-total-cost"
        />
        <Figure label="Your balance" value={creditsText(estimate.balance)} />
      </dl>
      {!estimate.sufficient
        ? (
          <Alert tone="info" title="Not enough credits for every row">
            <p>The batch will pause when your credits run out; add credits and resume it.</p>
            <Button
              size="sm"
              className="mt-2"
              onClick={() =>
                offer({ required: estimate.totalCost, balance: estimate.balance, onPaid: onRecheck })}
            >
              Add credits
            </Button>
          </Alert>
        )
        : null}
      {report.warnings.length > 0
        ? (
          <Alert tone="info" title="About your CSV">
            <ul className="list-disc pl-4">
              {report.warnings.map((warning) => <li key={warning}>{warning}</li>)}
            </ul>
          </Alert>
        )
        : null}
      {report.issueCount > 0
        ? (
          <Alert
            title={`${report.issueCount} problem${report.issueCount === 1 ? "" : "s"} to fix before starting`}
          >
            <ul className="max-h-48 list-disc overflow-auto pl-4" aria-label="Problems by row">
              {report.issues.map((issue) => (
                <li key={`${issue.row ?? "all"}-${issue.code}-${issue.message}`}>{issue.message}</li>
              ))}
            </ul>
            {report.issueCount > report.issues.length
              ? <p className="mt-1">…and {report.issueCount - report.issues.length} more.</p>
              : null}
          </Alert>
        )
        : null}
      <div className="overflow-x-auto rounded-xl border border-line">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">The first rows' resolved prompts</caption>
          <thead className="bg-sunken text-muted">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">
                Row
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Prompt
              </th>
            </tr>
          </thead>
          <tbody>
            {report.preview.map((row) => (
              <tr key={row.rowNumber} className="border-t border-line">
                <td className="px-3 py-2 tabular-nums text-muted">{row.rowNumber}</td>
                <td className="px-3 py-2 text-ink">{row.resolvedPrompt}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="rounded-xl border border-line px-3 py-2">
      <dt className="text-muted">{label}</dt>
      <dd className="font-semibold text-ink" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}
