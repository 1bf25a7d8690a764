import { Card } from "@/components/ui/card";
import { SectionHeading } from "@/features/ai-image/components/section-heading";
import { TokenSetManager } from "@/features/ai-image/components/token-set-manager";
import { TokenValueFields } from "@/features/ai-image/components/token-value-fields";
import type { StudioState } from "@/features/ai-image/hooks/use-studio-state";

/** A value for each token of the prompt, and the saved sets they can come from. */
export function PersonalizationSection({ studio }: { studio: StudioState }) {
  const { draft } = studio;
  return (
    <Card className="space-y-5 p-5 sm:p-6">
      <SectionHeading
        title="Personalization"
        description="A value for each token in your prompt. Save them as a set to use them again."
      />
      <TokenSetManager
        selectedId={studio.tokenSetId}
        onSelect={studio.selectTokenSet}
        values={draft.tokenValues}
      />
      <TokenValueFields
        tokens={studio.usedTokens}
        values={draft.tokenValues}
        onChange={(token, value) =>
          studio.updateDraft({ tokenValues: { ...draft.tokenValues, [token]: value } })}
        missing={studio.missingTokens}
        showErrors={studio.blocked}
        containerRef={studio.refs.tokenFieldsRef}
      />
    </Card>
  );
}
