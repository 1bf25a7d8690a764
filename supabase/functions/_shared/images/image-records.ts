/**
 * The one writer of `images` rows: generations, batch rows and uploads all record their image
 * here, so every row carries the same columns whoever made it.
 */
import type { Tx } from "../db/db.ts";

export interface ImageRecord {
  /** Chosen by the caller (the generation's, the batch row's or the upload's id). */
  id: string;
  userId: string;
  /** As typed, tokens included. */
  prompt: string;
  resolvedPrompt: string;
  tokens?: Record<string, string>;
  settings?: Record<string, unknown>;
  model: string;
  provider: string;
  providerModel?: string;
  storagePath: string;
  thumbnailPath: string;
  width: number;
  height: number;
  cost: number;
  generationTimeMs?: number;
  providerMetadata: Record<string, unknown>;
  feature: string;
  /** The image this one was made from (an upscale, an edit); the same owner's, checked by the database. */
  parentImageId?: string;
  /** The editor's edit list (or instruction) that made this image from its parent. */
  edits?: Record<string, unknown>;
}

/**
 * Inserts the image's row in the caller's transaction (under the user's claims or as the
 * service). Recording the same id again (a job that ran twice) adds nothing: false then.
 */
export async function recordImage(tx: Tx, image: ImageRecord): Promise<boolean> {
  const inserted = await tx.query(
    `insert into public.images (id, user_id, prompt, resolved_prompt, tokens, settings, model, provider,
        provider_model, storage_path, thumbnail_path, width, height, cost, generation_time_ms,
        provider_metadata, feature, parent_image_id, edits)
     values ($1, $2, $3, $4, $5::text::jsonb, $6::text::jsonb, $7, $8, $9, $10, $11, $12, $13, $14, $15,
        $16::text::jsonb, $17, $18, $19::text::jsonb)
     on conflict (id) do nothing
     returning id`,
    [
      image.id,
      image.userId,
      image.prompt,
      image.resolvedPrompt,
      JSON.stringify(image.tokens ?? {}),
      JSON.stringify(image.settings ?? {}),
      image.model,
      image.provider,
      image.providerModel ?? null,
      image.storagePath,
      image.thumbnailPath,
      image.width,
      image.height,
      image.cost,
      image.generationTimeMs ?? null,
      JSON.stringify(image.providerMetadata),
      image.feature,
      image.parentImageId ?? null,
      image.edits === undefined ? null : JSON.stringify(image.edits),
    ],
  );
  return inserted.length === 1;
}
