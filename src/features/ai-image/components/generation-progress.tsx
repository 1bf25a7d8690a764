import clsx from "clsx";
import { CheckIcon, SparklesIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import { type GenerationStage, generationStages } from "@domain/contracts/image-generation";

export const stageLabels: Record<GenerationStage, string> = {
  validating: "Checking your request",
  generating: "Creating the image",
  storing: "Saving it to your gallery",
};

/** The generation's stages as the server reports them: done, under way, still to come. */
export function GenerationProgress({ stage }: { stage: GenerationStage }) {
  const current = generationStages.indexOf(stage);
  return (
    <div className="space-y-5">
      <div
        aria-hidden="true"
        className="relative grid aspect-square place-items-center overflow-hidden rounded-xl bg-linear-to-r from-sunken via-line/70 to-sunken bg-[length:200%_100%] animate-shimmer"
      >
        <SparklesIcon className="size-10 text-violet-500 motion-safe:animate-pulse" />
      </div>
      <p role="status" className="sr-only">
        {stageLabels[stage]}…
      </p>
      <ol aria-label="Progress" className="space-y-2">
        {generationStages.map((step, index) => {
          const state = index < current ? "done" : index === current ? "current" : "upcoming";
          return (
            <li
              key={step}
              aria-current={state === "current" ? "step" : undefined}
              className={clsx(
                "flex items-center gap-3 text-sm",
                state === "upcoming" ? "text-muted" : "text-ink",
                state === "current" && "font-semibold",
              )}
            >
              <span
                className={clsx(
                  "grid size-6 shrink-0 place-items-center rounded-full",
                  state === "done" &&
                    "bg-emerald-100 text-emerald-700 dark:bg-emerald-500/20 dark:text-emerald-300",
                  state === "current" &&
                    "bg-violet-100 text-violet-700 dark:bg-violet-500/20 dark:text-violet-200",
                  state === "upcoming" && "border border-line",
                )}
              >
                {state === "done"
                  ? <CheckIcon className="size-4" />
                  : state === "current"
                  ? <Spinner className="size-3.5" />
                  : null}
              </span>
              {stageLabels[step]}
              {state === "done" ? <span className="sr-only">{" (done)"}</span> : null}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
