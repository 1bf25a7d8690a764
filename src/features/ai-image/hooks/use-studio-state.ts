import { useEffect, useId, useLayoutEffect, useRef, useState } from "react";
import { useSearchParams } from "react-router-dom";
import { toast } from "sonner";
import { useGenerateImage } from "@/features/ai-image/api/generate-image";
import { useTokenSets } from "@/features/ai-image/api/get-token-sets";
import { tokenFieldName } from "@/features/ai-image/components/token-value-fields";
import { draftFromSearch } from "@/features/ai-image/lib/draft-from-search";
import { type ImageDraft, requestFromDraft } from "@/features/ai-image/lib/image-draft";
import { insertToken } from "@/features/ai-image/lib/insert-token";
import { choicesForModel } from "@/features/ai-image/lib/model-settings";
import { loadStoredDraft, saveStoredDraft } from "@/features/ai-image/lib/stored-draft";
import { useAuthSession } from "@/lib/auth-session";
import { outOfCredits, useOfferCredits } from "@/lib/credits-offer";
import { showErrorToast } from "@/lib/error-toast";
import { ValidationError } from "@/lib/function-errors";
import type { GeneratedImage, GenerationStage, ImageModel } from "@domain/contracts/image-generation";
import type { TokenSet } from "@domain/contracts/personalization-tokens";
import { findTokens, promptProblems } from "@domain/personalization-tokens";

/** Tokens offered before the person has any of their own: the ones a sales or marketing prompt needs most. */
const suggestedTokens = ["FIRSTNAME", "LASTNAME", "COMPANY", "JOBTITLE", "CITY"];

interface GenerationOutcome {
  image: GeneratedImage;
  /** What was on the page when Generate was pressed, for "Reuse settings". */
  draft: ImageDraft;
}

export type StudioState = ReturnType<typeof useStudioState>;

/**
 * Everything the studio holds between renders: the draft, the chosen token set, the generation
 * and its outcome, and where the focus goes as they change.
 */
export function useStudioState(models: ImageModel[], startModel: ImageModel) {
  const [searchParams] = useSearchParams();
  const auth = useAuthSession();
  const userId = auth.status === "signed-in" ? auth.user.id : null;
  const search = searchParams.toString();
  // A "Reuse settings" link (from the gallery) starts the page with that image's prompt and settings;
  // a reload of the same address brings back the draft as it was left, edits and all.
  const [draft, setDraft] = useState<ImageDraft>(() => {
    const stored = userId ? loadStoredDraft(sessionStorage, userId, search) : null;
    if (!stored) return draftFromSearch(searchParams, models, startModel);
    const storedModel = models.find((candidate) => candidate.id === stored.modelId && candidate.available) ??
      startModel;
    return { ...stored, modelId: storedModel.id, settings: choicesForModel(stored.settings, storedModel) };
  });
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
  const id = useId();
  const generation = useGenerateImage();
  const tokenSets = useTokenSets();
  const offerCredits = useOfferCredits();

  const model = models.find((candidate) => candidate.id === draft.modelId && candidate.available) ??
    startModel;
  const usedTokens = findTokens(draft.prompt);
  const problems = promptProblems(draft.prompt, draft.tokenValues);
  const missingTokens = new Set(
    problems.flatMap((problem) => (problem.kind === "missing-tokens" ? problem.names : [])),
  );
  const selectedSet = tokenSets.data?.find((tokenSet) => tokenSet.id === tokenSetId);
  const paletteTokens = [
    ...new Set([
      ...suggestedTokens,
      ...Object.keys(selectedSet?.tokens ?? {}),
      ...ownTokens,
      ...usedTokens.map((token) => token.name),
    ]),
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

  // Kept after a successful generation too: the page keeps showing the prompt for the next variation,
  // and a reload should show what the page showed.
  useEffect(() => {
    if (userId) saveStoredDraft(sessionStorage, userId, search, draft);
  }, [userId, search, draft]);

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
    const selection = offset !== null
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
    setDraft((current) => ({
      ...current,
      modelId: next.id,
      settings: choicesForModel(current.settings, next),
    }));

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
          const shortfall = outOfCredits(error);
          const retry = () => generate(snapshot);
          showErrorToast(error, {
            id: "generation",
            retry,
            action: shortfall
              ? {
                label: "Add credits",
                onClick: () =>
                  offerCredits({ ...shortfall, resume: { label: "Generate the image", run: retry } }),
              }
              : undefined,
          });
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

  return {
    models,
    draft,
    model,
    usedTokens,
    problems,
    missingTokens,
    paletteTokens,
    tokenSetId,
    stage,
    outcome,
    blocked,
    announcement,
    generating: generation.isPending,
    ids: { shortcut: `${id}-shortcut`, preview: `${id}-preview`, result: `${id}-result` },
    refs: { promptRef, tokenFieldsRef, resultHeadingRef, generateAreaRef },
    updateDraft,
    insertTokenName,
    addOwnToken,
    selectTokenSet,
    changeModel,
    onGenerate,
    reuse,
  };
}
