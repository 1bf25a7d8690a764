/**
 * The entry point for image generation: plan a call (resolve the model, validate settings,
 * price it) before any credits move, then run it through the provider's adapter under that
 * provider's concurrency limit. Take the runtime's one generator (imageGeneratorFor) so that the
 * limits are shared by everything that runs there.
 */
import { badRequest } from "../http/errors.ts";
import { log } from "../log.ts";
import type { AdapterTuning, ImageAdapter } from "./adapter.ts";
import {
  describeImageModels,
  IMAGE_MODELS,
  type ImageModelDescription,
  isRetired,
  resolveImageModel,
  validateImageSettings,
} from "./catalog.ts";
import { type ConcurrencyLimiter, createInProcessLimiter } from "./concurrency.ts";
import { createPostgresLimiter } from "./postgres-limiter.ts";
import { classifyGoogleFailure } from "./google-errors.ts";
import { generateWithGemini } from "./gemini-images.ts";
import { generateWithImagen } from "./imagen-images.ts";
import { generateOffline } from "./local-images.ts";
import { classifyOpenAiFailure, generateWithOpenAi } from "./openai-images.ts";
import { imageCredits } from "./pricing.ts";
import { providerAccess } from "./provider-config.ts";
import { failureFromStatus } from "./provider-errors.ts";
import {
  DEFAULT_RETRY_POLICY,
  type FailureClassifier,
  ProviderHttp,
  type RetryPolicy,
  type Sleep,
  sleep as realSleep,
} from "./provider-http.ts";
import { classifyReplicateFailure, generateWithReplicate } from "./replicate-images.ts";
import type { Runtime } from "../runtime.ts";
import type {
  Env,
  FetchFn,
  GeneratedImage,
  ImageApi,
  ImageModel,
  ImageSettings,
  InstructionEdit,
  ProviderName,
  ReferenceImage,
} from "./types.ts";

const ADAPTERS: Readonly<Record<ImageApi, ImageAdapter>> = {
  "openai-gpt-image": generateWithOpenAi,
  "openai-dall-e": generateWithOpenAi,
  "gemini-generate-content": generateWithGemini,
  "imagen-predict": generateWithImagen,
  "replicate-prediction": generateWithReplicate,
  "local-render": generateOffline,
};

const CLASSIFIERS: Readonly<Record<ProviderName, FailureClassifier>> = {
  openai: classifyOpenAiFailure,
  google: classifyGoogleFailure,
  replicate: classifyReplicateFailure,
  local: (status) => failureFromStatus(status),
};

const DEFAULT_CONCURRENCY: Readonly<Record<ProviderName, number>> = {
  openai: 8,
  google: 8,
  replicate: 8,
  local: 16,
};

/** Per HTTP attempt. GPT Image at high quality can take over a minute; Replicate's wait header holds up to 60 s. */
export const DEFAULT_TIMEOUTS_MS: Readonly<Record<ProviderName, number>> = {
  openai: 150_000,
  google: 120_000,
  replicate: 75_000,
  local: 30_000,
};

export interface ImageGeneratorOptions {
  env: Env;
  fetch?: FetchFn;
  /** Defaults to an in-process semaphore per provider; pass a cross-worker limiter to share limits. */
  limiter?: ConcurrencyLimiter;
  concurrency?: Partial<Record<ProviderName, number>>;
  timeoutsMs?: Partial<Record<ProviderName, number>>;
  retry?: Partial<RetryPolicy>;
  tuning?: Partial<Omit<AdapterTuning, "localLatencyMs">>;
  now?: () => number;
  sleep?: Sleep;
  random?: () => number;
}

export interface ImageGenerationRequest {
  /** An alias (openai, gemini, imagen, …) or a catalog id; the default is the offline renderer. */
  model?: string;
  /** Untrusted: validated against the model's catalog row. */
  settings?: unknown;
  hasReferenceImage?: boolean;
}

export interface ImageGenerationPlan {
  model: ImageModel;
  requestedModel: string;
  /** Retired models an alias was carried past. */
  replacedModels: string[];
  /** The settings that will be sent: validated, with the model's defaults filled in. */
  settings: ImageSettings;
  /** Credits for one image: reserve these before running. */
  credits: number;
}

export interface ImageGenerationInput {
  prompt: string;
  referenceImage?: ReferenceImage;
  /** With `referenceImage`: change that picture as the prompt says (the editor's instruction edit). */
  edit?: InstructionEdit;
  signal?: AbortSignal;
}

export interface ImageGenerationResult {
  images: GeneratedImage[];
  /** The catalog id of the model that ran. */
  model: string;
  requestedModel: string;
  provider: ProviderName;
  providerModel: string;
  settings: ImageSettings;
  credits: number;
  revisedPrompt?: string;
  seed?: number;
  durationMs: number;
  metadata: Record<string, unknown>;
}

export interface ImageGenerator {
  plan(request: ImageGenerationRequest): ImageGenerationPlan;
  run(plan: ImageGenerationPlan, input: ImageGenerationInput): Promise<ImageGenerationResult>;
  /** plan + run, for callers with nothing to do in between. */
  generate(request: ImageGenerationRequest & ImageGenerationInput): Promise<ImageGenerationResult>;
  describeModels(): ImageModelDescription[];
}

function refuseReferenceImage(model: ImageModel, now: Date): never {
  const accepting = IMAGE_MODELS.filter((m) => m.supportsReferenceImage && !isRetired(m, now)).map((m) =>
    m.id
  );
  throw badRequest(`${model.id} does not take a reference image. Models that do: ${accepting.join(", ")}.`, {
    model: model.id,
    setting: "referenceImage",
    modelsAcceptingReferenceImage: accepting,
  });
}

export function createImageGenerator(options: ImageGeneratorOptions): ImageGenerator {
  const env = options.env;
  const fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const limiter = options.limiter ??
    createInProcessLimiter({ ...DEFAULT_CONCURRENCY, ...options.concurrency });

  function plan(request: ImageGenerationRequest): ImageGenerationPlan {
    const today = new Date(now());
    const resolved = resolveImageModel(request.model, env, today);
    const settings = validateImageSettings(resolved.model, request.settings);
    if (request.hasReferenceImage && !resolved.model.supportsReferenceImage) {
      refuseReferenceImage(resolved.model, today);
    }
    return {
      model: resolved.model,
      requestedModel: resolved.requested,
      replacedModels: resolved.replaced,
      settings,
      credits: imageCredits(resolved.model, settings),
    };
  }

  async function run(plan: ImageGenerationPlan, input: ImageGenerationInput): Promise<ImageGenerationResult> {
    const { model, settings } = plan;
    if (input.referenceImage && !model.supportsReferenceImage) refuseReferenceImage(model, new Date(now()));
    const signal = input.signal ?? new AbortController().signal;
    const access = providerAccess(model.provider, env);
    const http = new ProviderHttp({
      provider: model.provider,
      model: model.id,
      fetch: fetchFn,
      timeoutMs: options.timeoutsMs?.[model.provider] ?? DEFAULT_TIMEOUTS_MS[model.provider],
      retry,
      classify: CLASSIFIERS[model.provider],
      secrets: [access.apiKey],
      sleep,
      random,
      now,
    });
    const tuning: AdapterTuning = {
      replicatePollIntervalMs: options.tuning?.replicatePollIntervalMs ?? 1_000,
      replicateMaxWaitMs: options.tuning?.replicateMaxWaitMs ?? 180_000,
      localLatencyMs: Math.max(0, Number(env("LOCAL_IMAGE_LATENCY_MS") ?? 0) || 0),
    };
    const release = await limiter.acquire(model.provider, signal);
    const started = now();
    try {
      const output = await ADAPTERS[model.api](
        {
          model,
          prompt: input.prompt,
          settings,
          referenceImage: input.referenceImage,
          edit: input.edit,
          signal,
        },
        { access, http, sleep, now, tuning },
      );
      const durationMs = now() - started;
      log.info("image generated", {
        model: model.id,
        provider: model.provider,
        durationMs,
        credits: plan.credits,
      });
      return {
        images: output.images,
        model: model.id,
        requestedModel: plan.requestedModel,
        provider: model.provider,
        providerModel: model.providerModel,
        settings,
        credits: plan.credits,
        revisedPrompt: output.revisedPrompt,
        seed: output.seed,
        durationMs,
        metadata: plan.replacedModels.length
          ? { ...output.metadata, replacedModels: plan.replacedModels }
          : output.metadata,
      };
    } finally {
      release();
    }
  }

  return {
    plan,
    run,
    // async so that a refused plan is a rejection like every other failure.
    generate: async (request) =>
      await run(plan({ ...request, hasReferenceImage: Boolean(request.referenceImage) }), request),
    describeModels: () => describeImageModels(env, new Date(now())),
  };
}

/** PROVIDER_CONCURRENCY_LOCAL=10 and the like override a provider's default cap. */
function providerLimits(env: Env): Record<ProviderName, number> {
  const limits = { ...DEFAULT_CONCURRENCY };
  for (const provider of Object.keys(limits) as ProviderName[]) {
    const override = Number(env(`PROVIDER_CONCURRENCY_${provider.toUpperCase()}`));
    if (Number.isInteger(override) && override >= 1) limits[provider] = override;
  }
  return limits;
}

export interface GeneratorScope {
  /**
   * "postgres": the limits are slots leased from Postgres, held by every worker process together
   * (the job workers, whose rows would otherwise multiply a provider's load by the worker count).
   * "in-process" (the default): they hold within this process, which is all a request needs.
   */
  limits?: "in-process" | "postgres";
}

const generators = {
  "in-process": new WeakMap<Runtime, ImageGenerator>(),
  postgres: new WeakMap<Runtime, ImageGenerator>(),
};

/** The runtime's one generator of its kind, so that its limits hold across requests and jobs. */
export function imageGeneratorFor(runtime: Runtime, scope: GeneratorScope = {}): ImageGenerator {
  const kind = scope.limits ?? "in-process";
  let generator = generators[kind].get(runtime);
  if (!generator) {
    const env: Env = (name) => runtime.env(name);
    const limits = providerLimits(env);
    generator = createImageGenerator(
      kind === "postgres"
        ? { env, limiter: createPostgresLimiter({ db: runtime.db, limits }) }
        : { env, concurrency: limits },
    );
    generators[kind].set(runtime, generator);
  }
  return generator;
}
