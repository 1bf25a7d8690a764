import { Card } from "@/components/ui/card";
import { PromptEditor } from "@/features/ai-image/components/prompt-editor";
import { PromptPreview } from "@/features/ai-image/components/prompt-preview";
import { SectionHeading } from "@/features/ai-image/components/section-heading";
import { TokenPalette } from "@/features/ai-image/components/token-palette";
import type { StudioState } from "@/features/ai-image/hooks/use-studio-state";

/** The prompt, the tokens to drop into it, and how it reads with their values. */
export function PromptSection({ studio }: { studio: StudioState }) {
  const { draft, problems, blocked, ids } = studio;
  return (
    <Card className="space-y-5 p-5 sm:p-6">
      <SectionHeading title="Prompt" />
      <TokenPalette
        names={studio.paletteTokens}
        onInsert={studio.insertTokenName}
        onAddToken={studio.addOwnToken}
      />
      <PromptEditor
        value={draft.prompt}
        onChange={(prompt) => studio.updateDraft({ prompt })}
        textareaRef={studio.refs.promptRef}
        onDropToken={studio.insertTokenName}
        onSubmitShortcut={studio.onGenerate}
        invalid={blocked && problems.some((problem) => problem.kind !== "missing-tokens")}
        describedBy={ids.shortcut}
      />
      <PromptPreview
        id={ids.preview}
        prompt={draft.prompt}
        tokenValues={draft.tokenValues}
        emphasize={blocked}
      />
    </Card>
  );
}
