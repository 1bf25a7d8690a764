import type { GenerationRequest } from "../domain/contracts/image-generation.ts";
import { detectImageType } from "../images/image-info.ts";
import { ApiError, badRequest } from "../http/errors.ts";
import {
  findTokens,
  maxResolvedPromptLength,
  mergeTokenValues,
  resolvePrompt,
} from "../domain/personalization-tokens.ts";
import type { ReferenceImage } from "../providers/types.ts";

export const maxReferenceImageBytes = 10 * 1024 * 1024;
/** A 10 MB image as a base64 data URL, plus room for the rest of the request. */
export const maxRequestBytes = Math.ceil((maxReferenceImageBytes * 4) / 3) + 256 * 1024;

export interface PreparedPrompt {
  prompt: string;
  resolvedPrompt: string;
  tokens: Record<string, string>;
}

/** Resolves the tokens; a token with no value and no fallback is an error naming it. */
export function preparePrompt(request: GenerationRequest): PreparedPrompt {
  const values = mergeTokenValues(request.tokens);
  const resolved = resolvePrompt(request.prompt, values);
  if (resolved.missing.length > 0) {
    const names = resolved.missing.map((name) => `[${name}]`).join(", ");
    throw badRequest(
      `No value for ${names}: fill it in or give it a fallback like [${resolved.missing[0]}|friend].`,
      {
        missingTokens: resolved.missing,
      },
    );
  }
  if (resolved.text.length === 0) throw badRequest("The prompt is empty once its tokens are resolved.");
  if (resolved.text.length > maxResolvedPromptLength) {
    throw badRequest(
      `The prompt is ${resolved.text.length} characters once its tokens are resolved; the limit is ${maxResolvedPromptLength}.`,
      { length: resolved.text.length, maxLength: maxResolvedPromptLength },
    );
  }
  const used = new Set(findTokens(request.prompt).map((token) => token.name));
  const tokens = Object.fromEntries([...values].filter(([name]) => used.has(name)));
  return { prompt: request.prompt, resolvedPrompt: resolved.text, tokens };
}

const dataUrlPattern = /^data:([a-z]+\/[a-z0-9.+-]+);base64,([A-Za-z0-9+/=\s]*)$/i;

/** A reference image from a data URL: at most 10 MB (413 above) and really an image. */
export function parseReferenceImage(dataUrl: string): ReferenceImage {
  const match = dataUrlPattern.exec(dataUrl);
  if (!match) throw badRequest("referenceImage must be a data URL: data:image/png;base64,…");
  const base64 = match[2].replace(/\s+/g, "");
  const approximateBytes = Math.floor((base64.length * 3) / 4);
  if (approximateBytes > maxReferenceImageBytes) {
    throw new ApiError(413, "PAYLOAD_TOO_LARGE", "The reference image is larger than 10 MB.", {
      maxBytes: maxReferenceImageBytes,
    });
  }
  let bytes: Uint8Array;
  try {
    bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  } catch {
    throw badRequest("referenceImage is not valid base64.");
  }
  const mimeType = detectImageType(bytes);
  if (!mimeType || mimeType === "image/gif") {
    throw badRequest("The reference image must be a PNG, JPEG or WebP image.", {
      accepted: ["png", "jpeg", "webp"],
    });
  }
  return { bytes, mimeType };
}
