import clsx from "clsx";
import { useId } from "react";
import { Link } from "react-router-dom";
import { groupByReason, providersHelpHref } from "@/data/image-models/model-availability";
import { creditsText } from "@domain/image-pricing";
import { fieldClasses } from "@/features/batch/components/field-classes";
import type { BatchSetupState } from "@/features/batch/hooks/use-batch-setup";

/** The prompt every row fills in, with what nothing feeds yet, and the model that draws it. */
export function PromptModelSection({ setup }: { setup: BatchSetupState }) {
  const promptId = useId();
  const modelId = useId();
  const { missing } = setup;
  const ready = setup.models.filter((option) => option.available);
  const notSetUp = setup.models.filter((option) => !option.available);
  const chosen = ready.find((option) => option.id === setup.model);
  return (
    <section aria-labelledby="batch-prompt-heading" className="space-y-3">
      <h2 id="batch-prompt-heading" className="text-lg font-semibold text-ink">
        {setup.csv ? "3." : "2."} Prompt and model
      </h2>
      <div className="space-y-1.5">
        <label htmlFor={promptId} className="text-sm font-medium text-ink">
          Prompt
        </label>
        <textarea
          id={promptId}
          rows={3}
          value={setup.prompt}
          onChange={(event) => setup.setPrompt(event.target.value)}
          placeholder="Portrait of [FIRSTNAME] from [COMPANY|a startup], studio light"
          className={clsx(fieldClasses, "h-auto py-2.5")}
        />
        {missing.length > 0
          ? (
            <p className="text-sm text-amber-800 dark:text-amber-200">
              Nothing fills {missing.map((name) => `[${name}]`).join(", ")}{" "}
              yet: map a column, add a global token, or give a fallback like [{missing[0]}|friend].
            </p>
          )
          : null}
      </div>
      <div className="space-y-1.5">
        <label htmlFor={modelId} className="text-sm font-medium text-ink">
          Model
        </label>
        <select
          id={modelId}
          value={setup.model}
          onChange={(event) => setup.setModel(event.target.value)}
          aria-describedby={`${modelId}-hint`}
          className={fieldClasses}
        >
          {ready.map((option) => (
            <option key={option.id} value={option.id}>
              {option.label}
            </option>
          ))}
          {groupByReason(notSetUp).map(([reason, group]) => (
            <optgroup key={reason} label={`Not set up: ${reason}`}>
              {group.map((option) => (
                <option key={option.id} value={option.id} disabled>
                  {option.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        <p id={`${modelId}-hint`} className="text-sm text-muted">
          {chosen?.credits === undefined ? null : (
            <span data-testid="batch-model-cost">
              {`${creditsText(chosen.credits)} for each row's image. `}
            </span>
          )}
          {notSetUp.length > 0
            ? (
              <>
                {notSetUp.length === 1 ? "One model needs" : `${notSetUp.length} models need`}{" "}
                a provider key on the server:{" "}
                <Link
                  to={providersHelpHref}
                  className="font-medium text-violet-700 underline dark:text-violet-300"
                >
                  how to enable them
                </Link>
                .
              </>
            )
            : null}
        </p>
      </div>
    </section>
  );
}
