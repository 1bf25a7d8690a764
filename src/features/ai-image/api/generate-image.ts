import { useMutation, useQueryClient } from "@tanstack/react-query";
import {
  type GeneratedImage,
  generatedImage,
  type GenerationStage,
  stageEvent,
} from "@domain/contracts/image-generation";
import { accountKeys } from "@/data/account/account-keys";
import { ServerError, UnexpectedResponseError } from "@/lib/function-errors";
import { streamFunction } from "@/lib/stream-function";

export interface GenerationRequest {
  /** As typed, tokens and all: the server resolves them (and stores both forms). */
  prompt: string;
  /** A catalog id or alias from /models. */
  model: string;
  tokens: Record<string, string>;
  /** Only settings the person chose; the server fills in the model's defaults. */
  settings: Record<string, string>;
  /** `data:image/…;base64,…` */
  referenceImage?: string;
}

/**
 * POST /functions/v1/image-generation as a stream: `onStage` hears each stage as the server
 * reaches it, and the promise settles with the image (or the typed error of a refusal or failure).
 */
export async function generateImage(
  request: GenerationRequest,
  { onStage, signal }: { onStage?: (stage: GenerationStage) => void; signal?: AbortSignal } = {},
): Promise<GeneratedImage> {
  for await (const { event, data } of streamFunction({ name: "image-generation", body: request, signal })) {
    if (event === "stage") {
      // A stage this version doesn't know yet is only progress: leave the last one showing.
      const stage = stageEvent.safeParse(data);
      if (stage.success) onStage?.(stage.data.stage);
    } else if (event === "done") {
      const image = generatedImage.safeParse(data);
      if (!image.success) {
        throw new UnexpectedResponseError(
          "image-generation",
          image.error.issues.map((issue) => issue.message).join("; "),
        );
      }
      return image.data;
    }
  }
  throw new ServerError(
    "image-generation",
    502,
    "INTERNAL_ERROR",
    "The generation stopped before it finished. If it went through, it will be in your gallery.",
  );
}

export interface GenerateImageVariables {
  request: GenerationRequest;
  onStage?: (stage: GenerationStage) => void;
  signal?: AbortSignal;
}

export function useGenerateImage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ request, onStage, signal }: GenerateImageVariables) =>
      generateImage(request, { onStage, signal }),
    onSuccess: (image) => {
      queryClient.setQueryData(accountKeys.creditBalance(), image.balance);
    },
    onError: () => {
      // A refusal changes nothing, but a failure after the charge was refunded: ask again rather than guess.
      void queryClient.invalidateQueries({ queryKey: accountKeys.creditBalance() });
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: accountKeys.all });
    },
  });
}
