/** What every adapter receives besides the request, and helpers they share. */
import { readImageInfo } from "../images/image-info.ts";
import type { ProviderAccess } from "./provider-config.ts";
import type { ProviderHttp, Sleep } from "./provider-http.ts";
import { providerBadResponseError } from "./provider-errors.ts";
import type { AdapterRequest, AdapterResult, GeneratedImage, ImageModel } from "./types.ts";

export interface AdapterTuning {
  /** How often a Replicate prediction that is still running is polled. */
  replicatePollIntervalMs: number;
  /** How long a Replicate prediction may run before we cancel it and answer 504. */
  replicateMaxWaitMs: number;
  /** Artificial delay of the offline renderer, for benchmarks (LOCAL_IMAGE_LATENCY_MS). */
  localLatencyMs: number;
}

export interface AdapterContext {
  access: ProviderAccess;
  http: ProviderHttp;
  sleep: Sleep;
  now: () => number;
  tuning: AdapterTuning;
}

export type ImageAdapter = (request: AdapterRequest, context: AdapterContext) => Promise<AdapterResult>;

/** An image from a provider, typed and sized from its own header rather than from what the provider claims. */
export function imageFromBytes(model: ImageModel, bytes: Uint8Array): GeneratedImage {
  const info = readImageInfo(bytes);
  if (!info) {
    throw providerBadResponseError(
      model.provider,
      model.id,
      "the image data is not a PNG, JPEG, WebP or GIF",
    );
  }
  return { bytes, mimeType: info.mimeType, width: info.width, height: info.height };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
