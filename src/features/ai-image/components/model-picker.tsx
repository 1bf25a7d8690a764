import { Link } from "react-router-dom";
import type { ImageModel } from "@domain/contracts/image-generation";
import { creditsText } from "@domain/image-pricing";
import { groupByReason, providersHelpHref, unavailableText } from "@/data/image-models/model-availability";
import { SelectField } from "@/features/ai-image/components/select-field";
import {
  chooseSetting,
  creditsForChoices,
  orderedSettings,
  providerLabel,
  type SettingChoices,
  settingLabel,
  settingValueLabel,
  sizeFollowsAspectRatio,
} from "@/features/ai-image/lib/model-settings";

/**
 * The model, and the settings that model accepts (only those, with its allowed values). Models
 * whose provider isn't set up here are listed but can't be chosen, with the key they need and a
 * link to how to set it; retired ones are left out. The price follows the chosen settings.
 */
export function ModelPicker({
  models,
  model,
  choices,
  onModelChange,
  onChoicesChange,
}: {
  models: ImageModel[];
  model: ImageModel;
  choices: SettingChoices;
  onModelChange: (model: ImageModel) => void;
  onChoicesChange: (choices: SettingChoices) => void;
}) {
  const current = models.filter((candidate) => !candidate.retired);
  const ready = current.filter((candidate) => candidate.available);
  const notSetUp = current.filter((candidate) => !candidate.available);
  const credits = creditsForChoices(model, choices);

  return (
    <div className="space-y-4">
      <SelectField
        label="Model"
        value={model.id}
        onChange={(event) => {
          const next = ready.find((candidate) => candidate.id === event.target.value);
          if (next) onModelChange(next);
        }}
        hint={
          <>
            {model.providerLabel ?? providerLabel(model.provider)} ·{" "}
            {model.supportsReferenceImage ? "can follow a reference image" : "works from the prompt alone"}
            {credits === undefined ? null : (
              <>
                {" · "}
                <span className="font-medium text-ink" data-testid="model-cost">
                  {creditsText(credits)} an image
                </span>
              </>
            )}
          </>
        }
      >
        {ready.map((candidate) => (
          <option key={candidate.id} value={candidate.id}>
            {candidate.label}
          </option>
        ))}
        {groupByReason(notSetUp).map(([reason, group]) => (
          <optgroup key={reason} label={`Not set up: ${reason}`}>
            {group.map((candidate) => (
              <option key={candidate.id} value={candidate.id} disabled>
                {candidate.label}
              </option>
            ))}
          </optgroup>
        ))}
      </SelectField>
      {notSetUp.length > 0
        ? (
          <p className="text-sm text-muted" data-testid="models-not-set-up">
            {notSetUp.length === 1 ? "One model isn't" : `${notSetUp.length} models aren't`}{" "}
            set up on this server yet ({[
              ...new Set(notSetUp.map((candidate) => unavailableText(candidate.unavailableReason))),
            ].join(", ")}).{" "}
            <Link
              to={providersHelpHref}
              className="font-medium text-violet-700 underline dark:text-violet-300"
            >
              How to enable a provider
            </Link>
          </p>
        )
        : null}

      {orderedSettings(model).length > 0
        ? (
          <fieldset className="grid gap-4 sm:grid-cols-2">
            <legend className="sr-only">Settings for {model.label}</legend>
            {orderedSettings(model).map(([name, setting]) => {
              const automaticSize = name === "size" && sizeFollowsAspectRatio(model);
              const shownDefault = automaticSize ? undefined : setting.default;
              return (
                <SelectField
                  key={`${model.id}-${name}`}
                  label={settingLabel(name, model)}
                  value={choices[name] ?? shownDefault ?? ""}
                  onChange={(event) =>
                    onChoicesChange(chooseSetting(choices, model, name, event.target.value))}
                >
                  {shownDefault === undefined
                    ? (
                      <option value="">
                        {automaticSize
                          ? "Automatic (fits the aspect ratio)"
                          : name === "style"
                          ? "None"
                          : "Automatic"}
                      </option>
                    )
                    : null}
                  {setting.allowed.map((value) => (
                    <option key={value} value={value}>
                      {settingValueLabel(name, value, model)}
                      {value === shownDefault ? " (default)" : ""}
                    </option>
                  ))}
                </SelectField>
              );
            })}
          </fieldset>
        )
        : null}
    </div>
  );
}
