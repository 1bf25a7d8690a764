/**
 * An instruction edit ("make the background a beach at sunset"): the caller's image (and the mask
 * painted in the editor) goes to a model that edits images, through the one generation pipeline,
 * so it costs credits like a generation (reserve, refund on failure, rate limit, analytics) and
 * the result is a new image whose parent is the edited one. A provider's refusal is its 400
 * (CONTENT_POLICY) with the reservation refunded.
 */
import {
  type InstructionEditBody,
  maskProviders,
  type SavedVersion,
} from "../domain/contracts/image-editor.ts";
import { type GenerationDeps, runGeneration, startGeneration } from "../image-generation/generate-image.ts";
import type { UserClaims } from "../http/auth.ts";
import { badRequest } from "../http/errors.ts";
import { detectImageType } from "../images/image-info.ts";
import { findOwnImage, parsePngDataUrl } from "./editor-images.ts";

export async function runInstructionEdit(
  deps: GenerationDeps,
  user: UserClaims,
  body: InstructionEditBody,
): Promise<SavedVersion> {
  const mask = body.mask === undefined ? undefined : parsePngDataUrl("mask", body.mask);
  const plan = deps.generator.plan({ model: body.model, hasReferenceImage: true });
  if (mask && !maskProviders.includes(plan.model.provider)) {
    throw badRequest(
      `${plan.model.label} edits from the instruction alone; remove the mask or pick an OpenAI model.`,
      {
        field: "mask",
        model: plan.model.id,
      },
    );
  }
  const source = await deps.runtime.db.withClaims(user, (tx) => findOwnImage(tx, user.sub, body.imageId));
  const bytes = await deps.storage.download("images", source.storagePath);
  const mimeType = bytes ? detectImageType(bytes) : undefined;
  if (!bytes || !mimeType || mimeType === "image/gif") {
    throw new Error(`the image ${source.id} has no readable original`);
  }
  if (mask && (mask.width !== source.width || mask.height !== source.height)) {
    throw badRequest(
      `The mask is ${mask.width}×${mask.height}; it must be the image's size, ${source.width}×${source.height}.`,
      { field: "mask" },
    );
  }
  const started = await startGeneration(
    deps,
    user,
    { prompt: body.instruction, model: body.model, feature: "editor" },
    {
      image: { bytes, mimeType },
      mask: mask && { bytes: mask.bytes, mimeType: mask.mimeType },
      parentImageId: source.id,
      edits: { version: 1, instruction: body.instruction, model: plan.model.id, masked: Boolean(mask) },
    },
  );
  const result = await runGeneration(deps, user, started);
  return {
    image: {
      id: result.imageId,
      parentImageId: source.id,
      width: result.width,
      height: result.height,
      url: result.imageUrl,
      thumbnailUrl: result.thumbnailUrl,
      cost: result.cost,
      model: result.model,
    },
    balance: result.balance,
  };
}
