import { Button } from "@/components/ui/button";
import { SparklesIcon } from "@/components/ui/icons";
import { stageLabels } from "@/features/ai-image/components/generation-progress";
import type { StudioState } from "@/features/ai-image/hooks/use-studio-state";

/** The Generate button, what stops it, and the stage it has reached while it runs. */
export function GenerateArea({ studio }: { studio: StudioState }) {
  const { blocked, problems, generating } = studio;
  const { generateAreaRef } = studio.refs;
  return (
    <div ref={generateAreaRef} className="space-y-2">
      {blocked && problems.length > 0
        ? (
          <p role="alert" className="text-center text-sm font-medium text-rose-700 dark:text-rose-300">
            {studio.missingTokens.size > 0
              ? "Fill in the highlighted values first."
              : "Fix the prompt first: see the preview."}
          </p>
        )
        : null}
      <Button size="lg" className="w-full" onClick={studio.onGenerate} loading={generating}>
        {generating ? null : <SparklesIcon className="size-5" />}
        {generating ? `${stageLabels[studio.stage]}…` : "Generate image"}
      </Button>
      <p id={studio.ids.shortcut} className="text-center text-xs text-muted">
        Ctrl + Enter in the prompt generates too. The cost depends on the model and is shown with the image.
      </p>
    </div>
  );
}
