import { useEffect, useId, useLayoutEffect, useRef, useState } from "react";
import { DndProvider } from "react-dnd";
import { HTML5Backend } from "react-dnd-html5-backend";
import { useSearchParams } from "react-router-dom";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ImagesIcon, SparklesIcon } from "@/components/ui/icons";
import { LoadErrorCard } from "@/components/ui/load-error-card";
import { useGenerateImage } from "@/features/ai-image/api/generate-image";
import type { GeneratedImage, GenerationStage } from "@domain/contracts/image-generation";
import { useCreditBalance } from "@/data/account/get-credit-balance";
import { useImageModels } from "@/data/image-models/get-image-models";
import type { ImageModel } from "@domain/contracts/image-generation";
import { useTokenSets } from "@/features/ai-image/api/get-token-sets";
import type { TokenSet } from "@domain/contracts/personalization-tokens";
import { CreditBalance } from "@/features/ai-image/components/credit-balance";
import { GenerationProgress, stageLabels } from "@/features/ai-image/components/generation-progress";
import { GenerationResult } from "@/features/ai-image/components/generation-result";
import { ModelPicker } from "@/features/ai-image/components/model-picker";
import { PromptEditor } from "@/features/ai-image/components/prompt-editor";
import { PromptPreview } from "@/features/ai-image/components/prompt-preview";
import { ReferenceImageField } from "@/features/ai-image/components/reference-image-field";
import { StudioSkeleton } from "@/features/ai-image/components/studio-skeleton";
import { TokenPalette } from "@/features/ai-image/components/token-palette";
import { TokenSetManager } from "@/features/ai-image/components/token-set-manager";
import { TokenValueFields, tokenFieldName } from "@/features/ai-image/components/token-value-fields";
import { draftFromSearch } from "@/features/ai-image/lib/draft-from-search";
import { requestFromDraft, type ImageDraft } from "@/features/ai-image/lib/image-draft";
import { insertToken } from "@/features/ai-image/lib/insert-token";
import { choicesForModel, defaultModel } from "@/features/ai-image/lib/model-settings";
import { findTokens, promptProblems } from "@domain/personalization-tokens";
import { showErrorToast } from "@/lib/error-toast";
import { ValidationError } from "@/lib/function-errors";

/** Tokens offered before the person has any of their own: the ones a sales or marketing prompt needs most. */
const suggestedTokens = ["FIRSTNAME", "LASTNAME", "COMPANY", "JOBTITLE", "CITY"];

/** /features/ai-image: one prompt with tokens, one model, one image. */
export default function AiImagePage() {
  return (
    // The HTML5 backend drags token chips into the prompt and takes reference images dropped from the desktop.
    <DndProvider backend={HTML5Backend}>
      <AiImageStudioPage />
    </DndProvider>
  );
}

function AiImageStudioPage() {
  const models = useImageModels();
  const balance = useCreditBalance();
  const startModel = models.data ? defaultModel(models.data) : undefined;

  return (
    <div className="mx-auto w-full max-w-6xl px-4 py-8 sm:px-6 sm:py-10">
      <header className="mb-6 flex flex-wrap items-start justify-between gap-4 sm:mb-8">
        <div>
          <h1 className="text-3xl font-bold tracking-tight text-ink sm:text-4xl">AI Image</h1>
          <p className="mt-2 max-w-xl text-muted">
            Write a prompt, personalize it with tokens, and generate it with the model of your choice.
          </p>
        </div>
        <CreditBalance balance={balance.data} failed={balance.isError} />
      </header>

      {models.data ? (
        startModel ? (
          <Studio models={models.data} startModel={startModel} />
        ) : (
          <Card>
            <EmptyState
              icon={<SparklesIcon />}
              title="No image models are set up here"
              description="This server has no image provider configured yet. Once one is, its models appear here."
            />
          </Card>
        )
      ) : models.isError ? (
        <LoadErrorCard what="the image models" error={models.error} retrying={models.isFetching} onRetry={() => void models.refetch()} />
      ) : (
        <StudioSkeleton />
      )}
    </div>
  );
}

interface GenerationOutcome {
  image: GeneratedImage;
  /** What was on the page when Generate was pressed, for "Reuse settings". */
  draft: ImageDraft;
}

function Studio({ models, startModel }: { models: ImageModel[]; startModel: ImageModel }) {
  const [searchParams] = useSearchParams();
  // A "Reuse settings" link (from the gallery) starts the page with that image's prompt and settings.
  const [draft, setDraft] = useState<ImageDraft>(() => draftFromSearch(searchParams, models, startModel));
  const [tokenSetId, setTokenSetId] = useState<string | null>(null);
  const [ownTokens, setOwnTokens] = useState<string[]>([]);
  const [stage, setStage] = useState<GenerationStage>("validating");
  const [outcome, setOutcome] = useState<GenerationOutcome | null>(null);
  /** A Generate press found problems: show them as errors rather than gentle warnings. */
  const [blocked, setBlocked] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const promptRef = useRef<HTMLTextAreaElement>(null);
  const tokenFieldsRef = useRef<HTMLDivElement>(null);
  const resultHeadingRef = useRef<HTMLHeadingElement>(null);
  const generateAreaRef = useRef<HTMLDivElement>(null);
  const wasGenerating = useRef(false);
  const caretAfterInsert = useRef<number | null>(null);
  const generationAbort = useRef<AbortController | null>(null);
  const ids = useId();
  const generation = useGenerateImage();
  const tokenSets = useTokenSets();

  const model = models.find((candidate) => candidate.id === draft.modelId && candidate.available) ?? startModel;
  const usedTokens = findTokens(draft.prompt);
  const problems = promptProblems(draft.prompt, draft.tokenValues);
  const missingTokens = new Set(problems.flatMap((problem) => (problem.kind === "missing-tokens" ? problem.names : [])));
  const selectedSet = tokenSets.data?.find((tokenSet) => tokenSet.id === tokenSetId);
  const paletteTokens = [
    ...new Set([...suggestedTokens, ...Object.keys(selectedSet?.tokens ?? {}), ...ownTokens, ...usedTokens.map((token) => token.name)]),
  ];

  // A token inserted by a chip leaves the caret right after it, ready to keep typing.
  useLayoutEffect(() => {
    const caret = caretAfterInsert.current;
    const textarea = promptRef.current;
    if (caret === null || !textarea) return;
    caretAfterInsert.current = null;
    textarea.focus();
    textarea.setSelectionRange(caret, caret);
  }, [draft.prompt]);

  // Leaving the page stops listening; the server still finishes, and the image lands in the gallery.
  useEffect(() => () => generationAbort.current?.abort(), []);

  // The Generate button is disabled while it runs, which drops keyboard focus to the page; after a
  // failure (a success moves focus to the result) it goes back to the button, unless it went elsewhere.
  useEffect(() => {
    if (generation.isPending) {
      wasGenerating.current = true;
      return;
    }
    if (wasGenerating.current && document.activeElement === document.body) {
      generateAreaRef.current?.querySelector("button")?.focus();
    }
    wasGenerating.current = false;
  }, [generation.isPending]);

  const updateDraft = (changes: Partial<ImageDraft>) => setDraft((current) => ({ ...current, ...changes }));

  const insertTokenName = (name: string, offset: number | null = null) => {
    const textarea = promptRef.current;
    const selection =
      offset !== null
        ? { start: offset, end: offset }
        : textarea
          ? { start: textarea.selectionStart, end: textarea.selectionEnd }
          : { start: draft.prompt.length, end: draft.prompt.length };
    const inserted = insertToken(draft.prompt, selection, name);
    caretAfterInsert.current = inserted.caret;
    updateDraft({ prompt: inserted.text });
    setAnnouncement(`Inserted [${name}] into the prompt.`);
  };

  const addOwnToken = (name: string) => {
    setOwnTokens((current) => (current.includes(name) ? current : [...current, name]));
    insertTokenName(name);
  };

  const selectTokenSet = (tokenSet: TokenSet | null) => {
    setTokenSetId(tokenSet?.id ?? null);
    if (tokenSet) updateDraft({ tokenValues: { ...tokenSet.tokens } });
  };

  const changeModel = (next: ImageModel) =>
    setDraft((current) => ({ ...current, modelId: next.id, settings: choicesForModel(current.settings, next) }));

  const generate = (snapshot: ImageDraft) => {
    const snapshotModel = models.find((candidate) => candidate.id === snapshot.modelId) ?? model;
    const controller = new AbortController();
    generationAbort.current = controller;
    setStage("validating");
    setAnnouncement("");
    generation.mutate(
      { request: requestFromDraft(snapshot, snapshotModel), onStage: setStage, signal: controller.signal },
      {
        onSuccess: (image) => {
          setOutcome({ image, draft: snapshot });
          const cost = `${image.cost} ${image.cost === 1 ? "credit" : "credits"}`;
          setAnnouncement(`Your image is ready. It used ${cost}; ${image.balance} left.`);
          resultHeadingRef.current?.focus();
        },
        onError: (error) => {
          if (controller.signal.aborted) return;
          if (error instanceof ValidationError && "missingTokens" in error.details) setBlocked(true);
          showErrorToast(error, { id: "generation", retry: () => generate(snapshot) });
        },
      },
    );
  };

  const onGenerate = () => {
    if (generation.isPending) return;
    if (problems.length > 0) {
      setBlocked(true);
      const firstMissing = [...missingTokens][0];
      const field = firstMissing
        ? tokenFieldsRef.current?.querySelector<HTMLInputElement>(`[name="${tokenFieldName(firstMissing)}"]`)
        : null;
      (field ?? promptRef.current)?.focus();
      return;
    }
    setBlocked(false);
    generate(draft);
  };

  const reuse = (snapshot: ImageDraft) => {
    setDraft(snapshot);
    setBlocked(false);
    toast.success("The prompt and settings of that image are back");
    promptRef.current?.focus();
  };

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,26rem)] lg:items-start">
      <div className="space-y-6">
        <Card className="space-y-5 p-5 sm:p-6">
          <SectionHeading title="Prompt" />
          <TokenPalette names={paletteTokens} onInsert={insertTokenName} onAddToken={addOwnToken} />
          <PromptEditor
            value={draft.prompt}
            onChange={(prompt) => updateDraft({ prompt })}
            textareaRef={promptRef}
            onDropToken={insertTokenName}
            onSubmitShortcut={onGenerate}
            invalid={blocked && problems.some((problem) => problem.kind !== "missing-tokens")}
            describedBy={`${ids}-shortcut`}
          />
          <PromptPreview id={`${ids}-preview`} prompt={draft.prompt} tokenValues={draft.tokenValues} emphasize={blocked} />
        </Card>

        <Card className="space-y-5 p-5 sm:p-6">
          <SectionHeading
            title="Personalization"
            description="A value for each token in your prompt. Save them as a set to use them again."
          />
          <TokenSetManager selectedId={tokenSetId} onSelect={selectTokenSet} values={draft.tokenValues} />
          <TokenValueFields
            tokens={usedTokens}
            values={draft.tokenValues}
            onChange={(token, value) => updateDraft({ tokenValues: { ...draft.tokenValues, [token]: value } })}
            missing={missingTokens}
            showErrors={blocked}
            containerRef={tokenFieldsRef}
          />
        </Card>

        <Card className="space-y-5 p-5 sm:p-6">
          <SectionHeading title="Model and settings" />
          <ModelPicker
            models={models}
            model={model}
            choices={draft.settings}
            onModelChange={changeModel}
            onChoicesChange={(settings) => updateDraft({ settings })}
          />
          <ReferenceImageField
            image={draft.referenceImage}
            onChange={(referenceImage) => updateDraft({ referenceImage })}
            supported={model.supportsReferenceImage}
            modelLabel={model.label}
          />
        </Card>

        <div ref={generateAreaRef} className="space-y-2">
          {blocked && problems.length > 0 ? (
            <p role="alert" className="text-center text-sm font-medium text-rose-700 dark:text-rose-300">
              {missingTokens.size > 0 ? "Fill in the highlighted values first." : "Fix the prompt first: see the preview."}
            </p>
          ) : null}
          <Button size="lg" className="w-full" onClick={onGenerate} loading={generation.isPending}>
            {generation.isPending ? null : <SparklesIcon className="size-5" />}
            {generation.isPending ? `${stageLabels[stage]}…` : "Generate image"}
          </Button>
          <p id={`${ids}-shortcut`} className="text-center text-xs text-muted">
            Ctrl + Enter in the prompt generates too. The cost depends on the model and is shown with the image.
          </p>
        </div>
      </div>

      <section aria-labelledby={`${ids}-result`} className="lg:sticky lg:top-24">
        <Card className="space-y-4 p-5 sm:p-6">
          <h2 id={`${ids}-result`} ref={resultHeadingRef} tabIndex={-1} className="text-lg font-semibold text-ink focus:outline-none">
            Result
          </h2>
          {generation.isPending ? (
            <GenerationProgress stage={stage} />
          ) : outcome ? (
            <GenerationResult
              image={outcome.image}
              modelLabel={models.find((candidate) => candidate.id === outcome.image.model)?.label ?? outcome.image.model}
              onReuse={() => reuse(outcome.draft)}
            />
          ) : (
            <EmptyState
              icon={<ImagesIcon />}
              title="Your image will appear here"
              description="Write a prompt, fill in its tokens and press Generate."
            />
          )}
        </Card>
      </section>
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </div>
  );
}

function SectionHeading({ title, description }: { title: string; description?: string }) {
  return (
    <div>
      <h2 className="text-lg font-semibold text-ink">
        {title}
      </h2>
      {description ? <p className="mt-1 text-sm text-muted">{description}</p> : null}
    </div>
  );
}

