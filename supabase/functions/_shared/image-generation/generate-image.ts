import { refundCredits, reserveCredits } from "../credits/credits.ts";
import type { JwtClaims } from "../db/db.ts";
import type {
  GeneratedImage,
  GenerationRequest,
  GenerationStage,
} from "../domain/contracts/image-generation.ts";
import { ApiError } from "../http/errors.ts";
import { recordImage } from "../images/image-records.ts";
import { log } from "../log.ts";
import type { ImageGenerator } from "../providers/image-generator.ts";
import { enforceRateLimit } from "../rate-limit/rate-limit.ts";
import type { Runtime } from "../runtime.ts";
import type { ReferenceImage } from "../providers/types.ts";
import type { ObjectStorage } from "../storage/object-storage.ts";
import { parseReferenceImage, preparePrompt } from "./generation-request.ts";
import { producedImageRecord, produceImage } from "./produce-image.ts";

const generationRateLimit = { name: "image-generation", limit: 100, windowSeconds: 60 };
const signedUrlSeconds = 3600;

/** An instruction edit: the picture to change, where (the mask), and the version it becomes. */
export interface EditSource {
  image: ReferenceImage;
  mask?: ReferenceImage;
  parentImageId: string;
  /** Kept on the new image's row, so the edit can be read back and replayed. */
  edits: Record<string, unknown>;
}

export interface GenerationDeps {
  runtime: Runtime;
  generator: ImageGenerator;
  storage: ObjectStorage;
}

/**
 * Everything that can refuse the request, then the credits: validation, rate limit, model and
 * settings, price, and the reservation. Bad input ends here with a 4xx and nothing written; a
 * streamed call answers these refusals with a plain HTTP status before its stream opens.
 */
export async function startGeneration(
  deps: GenerationDeps,
  user: JwtClaims & { sub: string },
  request: GenerationRequest,
  editSource?: EditSource,
) {
  const prepared = preparePrompt(request);
  const referenceImage = editSource?.image ??
    (request.referenceImage ? parseReferenceImage(request.referenceImage) : undefined);
  const plan = deps.generator.plan({
    model: request.model,
    settings: request.settings ?? {},
    hasReferenceImage: Boolean(referenceImage),
  });
  await enforceRateLimit(deps.runtime.db, generationRateLimit, user.sub);
  const imageId = crypto.randomUUID();
  const { balanceAfter } = await reserveCredits(deps.runtime.db, {
    userId: user.sub,
    amount: plan.credits,
    reason: "generation",
    referenceId: imageId,
    description: `Image with ${plan.model.label}`,
  });
  return {
    imageId,
    balanceAfter,
    prepared,
    referenceImage,
    plan,
    feature: request.feature ?? "ai-image",
    editSource,
  };
}

/**
 * With the credits reserved: calls the provider, stores the original and a thumbnail, and records the
 * image and its analytics event. A failure after the reservation refunds it, removes what was
 * stored and records the error, so nothing half-written stays behind.
 */
export async function runGeneration(
  deps: GenerationDeps,
  user: JwtClaims & { sub: string },
  started: Awaited<ReturnType<typeof startGeneration>>,
  onStage: (stage: GenerationStage) => void = () => {},
): Promise<GeneratedImage> {
  const { runtime, storage } = deps;
  const { imageId, balanceAfter, prepared, referenceImage, plan, feature, editSource } = started;
  const stored: string[] = [];
  const startedAt = performance.now();
  try {
    const produced = await produceImage(deps, {
      plan,
      userId: user.sub,
      imageId,
      prompt: prepared.resolvedPrompt,
      referenceImage,
      edit: editSource ? { mask: editSource.mask } : undefined,
      onStage,
      onStored: (path) => stored.push(path),
    });
    const { result, image, storagePath, thumbnailPath } = produced;
    const generationTime = Math.round(performance.now() - startedAt);
    await runtime.db.withClaims(user, async (tx) => {
      await recordImage(tx, {
        ...producedImageRecord(produced, {
          id: imageId,
          userId: user.sub,
          prompt: prepared.prompt,
          resolvedPrompt: prepared.resolvedPrompt,
          tokens: prepared.tokens,
          generationTimeMs: generationTime,
          providerMetadata: {
            ...(result.revisedPrompt ? { revisedPrompt: result.revisedPrompt } : {}),
            ...(result.seed !== undefined ? { seed: result.seed } : {}),
            requestedModel: result.requestedModel,
          },
          feature,
        }),
        ...(editSource ? { parentImageId: editSource.parentImageId, edits: editSource.edits } : {}),
      });
      await tx.query(
        `insert into public.usage_analytics (user_id, event_type, feature, model, provider, credits, duration_ms, success, metadata)
         values ($1, 'image.generated', $2, $3, $4, $5, $6, true, $7::text::jsonb)`,
        [
          user.sub,
          feature,
          result.model,
          result.provider,
          result.credits,
          generationTime,
          JSON.stringify({ imageId }),
        ],
      );
    });
    const [imageUrl, thumbnailUrl] = await storage.signedUrls(
      "images",
      [storagePath, thumbnailPath],
      signedUrlSeconds,
    );
    return {
      imageId,
      imageUrl,
      thumbnailUrl,
      generationTime,
      model: result.model,
      requestedModel: result.requestedModel,
      provider: result.provider,
      cost: result.credits,
      balance: balanceAfter,
      width: image.width,
      height: image.height,
      prompt: prepared.prompt,
      resolvedPrompt: prepared.resolvedPrompt,
      revisedPrompt: result.revisedPrompt,
    };
  } catch (error) {
    await undoGeneration(deps, user, imageId, stored, plan.model.id, error);
    throw error;
  }
}

async function undoGeneration(
  { runtime, storage }: GenerationDeps,
  user: JwtClaims & { sub: string },
  imageId: string,
  stored: string[],
  model: string,
  error: unknown,
) {
  const code = error instanceof ApiError ? error.code : "INTERNAL_ERROR";
  const cleanups = await Promise.allSettled([
    storage.remove("images", stored),
    refundCredits(runtime.db, {
      userId: user.sub,
      referenceId: imageId,
      description: "Refund: generation failed",
    }),
    runtime.db.asService((tx) =>
      tx.query(
        `insert into public.usage_analytics (user_id, event_type, feature, model, success, error_code, metadata)
         values ($1, 'image.generation_failed', 'ai-image', $2, false, $3, $4::text::jsonb)`,
        [
          user.sub,
          model,
          code,
          JSON.stringify({ imageId, message: String((error as Error)?.message ?? error).slice(0, 500) }),
        ],
      )
    ),
  ]);
  for (const cleanup of cleanups) {
    if (cleanup.status === "rejected") {
      log.error("cleanup after a failed generation failed", { imageId, error: String(cleanup.reason) });
    }
  }
}
