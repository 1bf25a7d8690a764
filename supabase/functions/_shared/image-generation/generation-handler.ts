import { requireUser } from "../http/auth.ts";
import { readJson } from "../http/body.ts";
import { ApiError, errorBody, notFound } from "../http/errors.ts";
import { methodNotAllowed } from "../http/handler.ts";
import { log } from "../log.ts";
import { createImageGenerator, type ImageGenerator } from "../providers/image-generator.ts";
import { type Runtime, supabaseUrl } from "../runtime.ts";
import { objectStorage } from "../storage/object-storage.ts";
import { type GenerationDeps, type GenerationStage, runGeneration, startGeneration } from "./generate-image.ts";
import { generationRequestSchema, maxRequestBytes } from "./generation-request.ts";

const generators = new WeakMap<Runtime, ImageGenerator>();

/** One generator per process, so the per-provider concurrency limits hold across requests. */
function depsFor(runtime: Runtime): GenerationDeps {
  let generator = generators.get(runtime);
  if (!generator) {
    generator = createImageGenerator({ env: (name) => runtime.env(name) });
    generators.set(runtime, generator);
  }
  return { runtime, generator, storage: objectStorage(runtime) };
}

function sse(event: string, data: unknown): Uint8Array {
  return new TextEncoder().encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

/** The same generation, its stages streamed as server-sent events; the last event is done or error. */
function streamGeneration(run: (onStage: (stage: GenerationStage) => void) => Promise<unknown>): Response {
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (event: string, data: unknown) => {
        try {
          controller.enqueue(sse(event, data));
        } catch {
          // The client went away; the generation still finishes and is kept.
        }
      };
      send("stage", { stage: "validating" });
      try {
        const result = await run((stage) => {
          if (stage !== "done") send("stage", { stage });
        });
        send("done", result);
      } catch (error) {
        const apiError = error instanceof ApiError
          ? error
          : new ApiError(500, "INTERNAL_ERROR", "Something went wrong on our side. Your credits were refunded.");
        if (!(error instanceof ApiError)) log.error("streamed generation failed", { error: String(error) });
        send("error", { status: apiError.status, ...errorBody(apiError) });
      }
      controller.close();
    },
  });
  return new Response(body, {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" },
  });
}

export function createGenerationHandler(getRuntime: () => Runtime) {
  return async (request: Request): Promise<Response> => {
    const runtime = getRuntime();
    const route = new URL(request.url).pathname.replace(/^\/image-generation/, "").replace(/\/$/, "");
    if (route === "/models") {
      if (request.method !== "GET") throw methodNotAllowed(["GET"]);
      await requireUser(request, supabaseUrl(runtime));
      return Response.json({ models: depsFor(runtime).generator.describeModels() });
    }
    if (route !== "") throw notFound(`image-generation has no route ${route}.`);
    if (request.method !== "POST") throw methodNotAllowed(["POST"]);

    const user = await requireUser(request, supabaseUrl(runtime));
    const body = await readJson(request, generationRequestSchema, maxRequestBytes);
    const deps = depsFor(runtime);
    const started = await startGeneration(deps, user, body);
    if ((request.headers.get("accept") ?? "").includes("text/event-stream")) {
      return streamGeneration((onStage) => runGeneration(deps, user, started, onStage));
    }
    return Response.json(await runGeneration(deps, user, started));
  };
}
