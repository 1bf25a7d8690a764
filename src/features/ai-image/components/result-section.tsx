import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ImagesIcon } from "@/components/ui/icons";
import { GenerationProgress } from "@/features/ai-image/components/generation-progress";
import { GenerationResult } from "@/features/ai-image/components/generation-result";
import type { StudioState } from "@/features/ai-image/hooks/use-studio-state";

/** The running generation's progress, then the image it made. */
export function ResultSection({ studio }: { studio: StudioState }) {
  const { outcome, ids } = studio;
  const { resultHeadingRef } = studio.refs;
  return (
    <section aria-labelledby={ids.result} className="lg:sticky lg:top-24">
      <Card className="space-y-4 p-5 sm:p-6">
        <h2
          id={ids.result}
          ref={resultHeadingRef}
          tabIndex={-1}
          className="text-lg font-semibold text-ink focus:outline-none"
        >
          Result
        </h2>
        {studio.generating ? <GenerationProgress stage={studio.stage} /> : outcome
          ? (
            <GenerationResult
              image={outcome.image}
              modelLabel={studio.models.find((candidate) => candidate.id === outcome.image.model)?.label ??
                outcome.image.model}
              onReuse={() => studio.reuse(outcome.draft)}
            />
          )
          : (
            <EmptyState
              icon={<ImagesIcon />}
              title="Your image will appear here"
              description="Write a prompt, fill in its tokens and press Generate."
            />
          )}
      </Card>
    </section>
  );
}
