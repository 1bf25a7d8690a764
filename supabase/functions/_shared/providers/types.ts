/** The image interface every provider adapter implements, and the data the catalog is made of. */

/** Reads a setting of the environment; injected so no code here reads globals. */
export type Env = (name: string) => string | undefined;
export type FetchFn = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** A provider is one account: one key, one base URL, one concurrency limit. */
export type ProviderName = "openai" | "google" | "replicate" | "local";

/** The wire format a model is called with; one adapter per API. */
export type ImageApi =
  | "openai-gpt-image"
  | "openai-dall-e"
  | "gemini-generate-content"
  | "imagen-predict"
  | "replicate-prediction"
  | "local-render";

export const SETTING_NAMES = [
  "aspectRatio",
  "size",
  "quality",
  "style",
  "background",
  "outputFormat",
  "dalleQuality",
  "dalleStyle",
] as const;
export type SettingName = typeof SETTING_NAMES[number];
export type ImageSettings = Partial<Record<SettingName, string>>;

export interface ImageModel {
  /** The catalog id, also what a result reports as the model that ran. */
  id: string;
  label: string;
  provider: ProviderName;
  api: ImageApi;
  /** The id the provider's API knows the model by. */
  providerModel: string;
  /** Accepted settings and their allowed values; a setting not listed is refused. */
  settings: Partial<Record<SettingName, readonly string[]>>;
  defaults: ImageSettings;
  /** For models sized by `size` in pixels: the size each aspect ratio stands for. */
  sizeForAspectRatio?: Readonly<Record<string, string>>;
  supportsReferenceImage: boolean;
  /** Set when the provider shuts the model down; from that day on naming it is an error. */
  retirement?: { on: string; successor: string };
}

export interface ReferenceImage {
  bytes: Uint8Array;
  mimeType: string;
}

export interface GeneratedImage {
  bytes: Uint8Array;
  mimeType: string;
  width: number;
  height: number;
}

/** What an adapter is asked: the settings are already validated and include the model's defaults. */
export interface AdapterRequest {
  model: ImageModel;
  prompt: string;
  settings: ImageSettings;
  referenceImage?: ReferenceImage;
  /** Set for an instruction edit: the reference image is the picture to change, not inspiration. */
  edit?: InstructionEdit;
  signal: AbortSignal;
}

export interface InstructionEdit {
  /** A PNG the size of the reference image; its fully transparent pixels mark where to edit. */
  mask?: ReferenceImage;
}

export interface AdapterResult {
  images: GeneratedImage[];
  revisedPrompt?: string;
  seed?: number;
  metadata: Record<string, unknown>;
}
