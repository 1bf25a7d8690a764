/**
 * One image from a plan: the provider's call, a WebP thumbnail, and both objects stored under
 * the image's id in its owner's folder. The interactive call and the batch row job both make
 * their images here, so both leave the same objects in the same places.
 */
import { imageExtensions } from "../images/image-info.ts";
import type { ImageRecord } from "../images/image-records.ts";
import { makeWebpThumbnail } from "../images/thumbnail.ts";
import type {
  ImageGenerationPlan,
  ImageGenerationResult,
  ImageGenerator,
} from "../providers/image-generator.ts";
import type { GeneratedImage, InstructionEdit, ReferenceImage } from "../providers/types.ts";
import type { ObjectStorage } from "../storage/object-storage.ts";

export interface ProduceImageDeps {
  generator: ImageGenerator;
  storage: ObjectStorage;
}

export interface ImageOrder {
  plan: ImageGenerationPlan;
  userId: string;
  /** Names the objects: a second attempt for the same id overwrites them, never adds. */
  imageId: string;
  /** Resolved, as the provider gets it. */
  prompt: string;
  referenceImage?: ReferenceImage;
  edit?: InstructionEdit;
  signal?: AbortSignal;
  onStage?: (stage: "generating" | "storing") => void;
  /** Hears each object once it is stored: what a caller that undoes a failure must remove. */
  onStored?: (path: string) => void;
}

export interface ProducedImage {
  result: ImageGenerationResult;
  image: GeneratedImage;
  storagePath: string;
  thumbnailPath: string;
}

export async function produceImage(deps: ProduceImageDeps, order: ImageOrder): Promise<ProducedImage> {
  const { generator, storage } = deps;
  order.onStage?.("generating");
  const result = await generator.run(order.plan, {
    prompt: order.prompt,
    referenceImage: order.referenceImage,
    edit: order.edit,
    signal: order.signal,
  });
  const image = result.images[0];
  order.onStage?.("storing");
  const thumbnail = await makeWebpThumbnail(image.bytes);
  const storagePath = `${order.userId}/${order.imageId}.${imageExtensions[image.mimeType] ?? "png"}`;
  const thumbnailPath = `${order.userId}/${order.imageId}.thumb.webp`;
  const stored = (path: string) => order.onStored?.(path);
  await Promise.all([
    storage.upload("images", storagePath, image.bytes, image.mimeType).then(() => stored(storagePath)),
    storage.upload("images", thumbnailPath, thumbnail.bytes, thumbnail.mimeType).then(() =>
      stored(thumbnailPath)
    ),
  ]);
  return { result, image, storagePath, thumbnailPath };
}

/** What a produced image's row says about how it was made; the caller adds whose and why. */
export function producedImageRecord(
  { result, image, storagePath, thumbnailPath }: ProducedImage,
  row:
    & Pick<
      ImageRecord,
      "id" | "userId" | "prompt" | "resolvedPrompt" | "tokens" | "feature" | "generationTimeMs"
    >
    & {
      providerMetadata?: Record<string, unknown>;
    },
): ImageRecord {
  return {
    ...row,
    settings: result.settings,
    model: result.model,
    provider: result.provider,
    providerModel: result.providerModel,
    storagePath,
    thumbnailPath,
    width: image.width,
    height: image.height,
    cost: result.credits,
    providerMetadata: { ...result.metadata, ...row.providerMetadata },
  };
}
