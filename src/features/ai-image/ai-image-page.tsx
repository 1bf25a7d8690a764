import { DndProvider } from "react-dnd";
import { HTML5Backend } from "react-dnd-html5-backend";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { SparklesIcon } from "@/components/ui/icons";
import { LoadErrorCard } from "@/components/ui/load-error-card";
import { useCreditBalance } from "@/data/account/get-credit-balance";
import { useImageModels } from "@/data/image-models/get-image-models";
import { CreditBalance } from "@/features/ai-image/components/credit-balance";
import { GenerateArea } from "@/features/ai-image/components/generate-area";
import { ModelSection } from "@/features/ai-image/components/model-section";
import { PersonalizationSection } from "@/features/ai-image/components/personalization-section";
import { PromptSection } from "@/features/ai-image/components/prompt-section";
import { ResultSection } from "@/features/ai-image/components/result-section";
import { StudioSkeleton } from "@/features/ai-image/components/studio-skeleton";
import { useStudioState } from "@/features/ai-image/hooks/use-studio-state";
import { defaultModel } from "@/features/ai-image/lib/model-settings";
import type { ImageModel } from "@domain/contracts/image-generation";

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

      {models.data
        ? (
          startModel ? <Studio models={models.data} startModel={startModel} /> : (
            <Card>
              <EmptyState
                icon={<SparklesIcon />}
                title="No image models are set up here"
                description="This server has no image provider configured yet. Once one is, its models appear here."
              />
            </Card>
          )
        )
        : models.isError
        ? (
          <LoadErrorCard
            what="the image models"
            error={models.error}
            retrying={models.isFetching}
            onRetry={() => void models.refetch()}
          />
        )
        : <StudioSkeleton />}
    </div>
  );
}

function Studio({ models, startModel }: { models: ImageModel[]; startModel: ImageModel }) {
  const studio = useStudioState(models, startModel);
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,26rem)] lg:items-start">
      <div className="space-y-6">
        <PromptSection studio={studio} />
        <PersonalizationSection studio={studio} />
        <ModelSection studio={studio} />
        <GenerateArea studio={studio} />
      </div>
      <ResultSection studio={studio} />
      <p aria-live="polite" className="sr-only">
        {studio.announcement}
      </p>
    </div>
  );
}
