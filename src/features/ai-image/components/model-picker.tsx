import type { ImageModel } from "@domain/contracts/image-generation";
import { SelectField } from "@/features/ai-image/components/select-field";
import {
  chooseSetting,
  orderedSettings,
  providerLabel,
  type SettingChoices,
  settingLabel,
  settingValueLabel,
  sizeFollowsAspectRatio,
} from "@/features/ai-image/lib/model-settings";

/**
 * The model, and the settings that model accepts (only those, with its allowed values). Models
 * whose provider isn't set up here are listed but can't be chosen; retired ones are left out.
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

  return (
    <div className="space-y-4">
      <SelectField
        label="Model"
        value={model.id}
        onChange={(event) => {
          const next = ready.find((candidate) => candidate.id === event.target.value);
          if (next) onModelChange(next);
        }}
        hint={`${providerLabel(model.provider)} · ${
          model.supportsReferenceImage ? "can follow a reference image" : "works from the prompt alone"
        }`}
      >
        {ready.map((candidate) => (
          <option key={candidate.id} value={candidate.id}>
            {candidate.label}
          </option>
        ))}
        {notSetUp.length > 0
          ? (
            <optgroup label="Not set up on this server">
              {notSetUp.map((candidate) => (
                <option key={candidate.id} value={candidate.id} disabled>
                  {candidate.label}
                </option>
              ))}
            </optgroup>
          )
          : null}
      </SelectField>

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
                  label={settingLabel(name)}
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
                      {settingValueLabel(name, value)}
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
