/**
 * The vision interface (DESIGN.md §6): a set of images in, themed albums out. Gemini answers when
 * its key is set; otherwise the offline organiser groups by prompt and colour. Whatever a
 * provider answers is normalised here, so that every image lands in exactly one album.
 */
import { z } from "zod";
import { ApiError } from "../../http/errors.ts";
import { isProviderLive, PROVIDERS } from "../provider-config.ts";
import type { RetryPolicy, Sleep } from "../provider-http.ts";
import type { Env, FetchFn } from "../types.ts";

export interface VisionImage {
  id: string;
  /** The prompt the image was rendered from (the file name for an upload). */
  prompt: string;
  /** Null when the image has no readable thumbnail: it is organised by its prompt alone. */
  thumbnail: { bytes: Uint8Array; mimeType: string } | null;
}

export interface VisionAlbum {
  title: string;
  description: string;
  imageIds: string[];
}

export interface VisionAnswer {
  albums: VisionAlbum[];
}

export type VisionProvider = "google" | "local";

export interface VisionOrganiser {
  provider: VisionProvider;
  model: string;
  organiseIntoAlbums(images: VisionImage[], options?: { signal?: AbortSignal }): Promise<VisionAnswer>;
}

export interface VisionOptions {
  env: Env;
  fetch?: FetchFn;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  sleep?: Sleep;
  random?: () => number;
  now?: () => number;
}

export const maxTitleLength = 120;
export const maxDescriptionLength = 1000;

/** What a provider's JSON must look like before it is normalised. */
export const visionAnswerSchema = z.object({
  albums: z.array(z.object({
    title: z.string().trim().min(1),
    description: z.string().trim().default(""),
    imageIds: z.array(z.string()),
  })).min(1),
});

/** A provider answered, but with nothing we can use. */
export function unusableAnswerError(provider: VisionProvider, model: string, problem: string): ApiError {
  return new ApiError(
    502,
    "PROVIDER_ERROR",
    `${PROVIDERS[provider].label} returned an unusable album answer: ${problem}.`,
    { provider, model, reason: "unusable-answer" },
  );
}

function clip(text: string, max: number): string {
  const clean = text.replace(/\s+/g, " ").trim();
  return clean.length > max ? `${clean.slice(0, max - 1).trimEnd()}…` : clean;
}

export const remainingAlbumTitle = "More from this selection";

/**
 * Every requested image in exactly one album: ids the provider made up are dropped, an id it
 * used twice stays in its first album, albums left empty go, and the images it forgot are
 * collected in one more album at the end.
 */
export function normaliseAlbums(
  answer: z.infer<typeof visionAnswerSchema>,
  imageIds: readonly string[],
): VisionAnswer {
  const requested = new Set(imageIds);
  const placed = new Set<string>();
  const albums: VisionAlbum[] = [];
  for (const album of answer.albums) {
    const ids: string[] = [];
    for (const id of album.imageIds) {
      if (!requested.has(id) || placed.has(id)) continue;
      placed.add(id);
      ids.push(id);
    }
    if (ids.length === 0) continue;
    albums.push({
      title: clip(album.title, maxTitleLength),
      description: clip(album.description, maxDescriptionLength),
      imageIds: ids,
    });
  }
  const missing = imageIds.filter((id) => !placed.has(id));
  if (missing.length > 0) {
    albums.push({
      title: remainingAlbumTitle,
      description: "Images that did not fit any of the other themes.",
      imageIds: missing,
    });
  }
  return { albums };
}

/** Gemini when the Google AI key is set (the same liveness rule as image generation), else offline. */
export function visionProviderFor(env: Env): VisionProvider {
  return isProviderLive("google", env) ? "google" : "local";
}
