import { Card } from "@/components/ui/card";
import { ModelPicker } from "@/features/ai-image/components/model-picker";
import { ReferenceImageField } from "@/features/ai-image/components/reference-image-field";
import { SectionHeading } from "@/features/ai-image/components/section-heading";
import type { StudioState } from "@/features/ai-image/hooks/use-studio-state";

/** The model, the settings it takes, and a reference image where it accepts one. */
export function ModelSection({ studio }: { studio: StudioState }) {
  const { model, draft } = studio;
  return (
    <Card className="space-y-5 p-5 sm:p-6">
      <SectionHeading title="Model and settings" />
      <ModelPicker
        models={studio.models}
        model={model}
        choices={draft.settings}
        onModelChange={studio.changeModel}
        onChoicesChange={(settings) => studio.updateDraft({ settings })}
      />
      <ReferenceImageField
        image={draft.referenceImage}
        onChange={(referenceImage) => studio.updateDraft({ referenceImage })}
        supported={model.supportsReferenceImage}
        modelLabel={model.label}
      />
    </Card>
  );
}
