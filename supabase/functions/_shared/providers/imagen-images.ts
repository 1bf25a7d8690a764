/**
 * Imagen's :predict method ({ instances, parameters } → predictions[].bytesBase64Encoded).
 * Google shut Imagen down in the Gemini API; this serves the endpoints that still run it
 * (LEGACY_IMAGE_MODELS). Imagen drops filtered images silently, so RAI reasons are requested.
 */
import { type ImageAdapter, imageFromBytes } from "./adapter.ts";
import { base64ToBytes } from "./base64.ts";
import { promptWithStyle } from "./styles.ts";

interface PredictResponse {
  predictions?: Array<
    { bytesBase64Encoded?: string; mimeType?: string; prompt?: string; raiFilteredReason?: string }
  >;
}

export const generateWithImagen: ImageAdapter = async (request, { access, http }) => {
  const { model, settings } = request;
  const parameters: Record<string, unknown> = {
    sampleCount: 1,
    aspectRatio: settings.aspectRatio,
    includeRaiReason: true,
    personGeneration: "allow_adult",
  };
  if (settings.size) parameters.sampleImageSize = settings.size;
  const answer = await http.request<PredictResponse>(
    `${access.baseUrl}/v1beta/models/${encodeURIComponent(model.providerModel)}:predict`,
    {
      method: "POST",
      headers: { "x-goog-api-key": access.apiKey, "content-type": "application/json" },
      body: JSON.stringify({
        instances: [{ prompt: promptWithStyle(request.prompt, settings.style) }],
        parameters,
      }),
    },
    { idempotent: false, signal: request.signal, read: (response) => response.json() },
  );
  const predictions = answer.predictions ?? [];
  const withImages = predictions.filter((prediction) => prediction.bytesBase64Encoded);
  if (withImages.length === 0) {
    const reason = predictions.find((prediction) => prediction.raiFilteredReason)?.raiFilteredReason;
    throw http.fail({
      kind: "content-policy",
      status: 200,
      code: "RAI_FILTERED",
      message: reason ?? "Every generated image was filtered.",
    });
  }
  return {
    images: withImages.map((prediction) =>
      imageFromBytes(model, base64ToBytes(prediction.bytesBase64Encoded!))
    ),
    revisedPrompt: withImages[0].prompt,
    metadata: {},
  };
};
