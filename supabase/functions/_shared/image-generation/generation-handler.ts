/** The `image-generation` function (routes in domain/contracts/image-generation.ts). */
import * as contract from "../domain/contracts/image-generation.ts";
import { ApiError, errorBody } from "../http/errors.ts";
import { signedInUser, withRuntime } from "../http/middleware.ts";
import { createRouter } from "../http/router.ts";
import { log } from "../log.ts";
import { imageGeneratorFor } from "../providers/image-generator.ts";
import type { Runtime } from "../runtime.ts";
import { objectStorage } from "../storage/object-storage.ts";
import { type GenerationDeps, runGeneration, startGeneration } from "./generate-image.ts";
import { maxRequestBytes } from "./generation-request.ts";

function depsFor(runtime: Runtime): GenerationDeps {
  return { runtime, generator: imageGeneratorFor(runtime), storage: objectStorage(runtime) };
}

function sse(event: string, data: unknown): Uint8Array {
  return new TextEncoder().encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

/** The same generation, its stages streamed as server-sent events; the last event is done or error. */
function streamGeneration(
  run: (onStage: (stage: contract.GenerationStage) => void) => Promise<contract.GeneratedImage>,
): Response {
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (event: string, data: unknown) => {
        try {
          controller.enqueue(sse(event, data));
        } catch {
          // The client went away; the generation still finishes and is kept.
        }
      };
      send("stage", { stage: "validating" } satisfies contract.StageEvent);
      try {
        const result = await run((stage) => send("stage", { stage } satisfies contract.StageEvent));
        send("done", result);
      } catch (error) {
        const apiError = error instanceof ApiError ? error : new ApiError(
          500,
          "INTERNAL_ERROR",
          "Something went wrong on our side. Your credits were refunded.",
        );
        if (!(error instanceof ApiError)) log.error("streamed generation failed", { error: String(error) });
        send("error", { status: apiError.status, ...errorBody(apiError) } satisfies contract.StreamError);
      }
      controller.close();
    },
  });
  return new Response(body, {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" },
  });
}

export function createGenerationHandler(getRuntime: () => Runtime) {
  return createRouter({ basePath: "/image-generation" })
    .use(withRuntime(getRuntime))
    .use(signedInUser)
    .post("/", {
      body: contract.generationRequest,
      maxBodyBytes: maxRequestBytes,
      handle: async ({ runtime, user, body, request }) => {
        const deps = depsFor(runtime);
        // Everything that can refuse happens here, so a refusal is a plain HTTP error, not a stream.
        const started = await startGeneration(deps, user, body);
        if ((request.headers.get("accept") ?? "").includes("text/event-stream")) {
          return streamGeneration((onStage) => runGeneration(deps, user, started, onStage));
        }
        return await runGeneration(deps, user, started);
      },
    })
    .get("/models", {
      handle: ({ runtime }) => ({ models: imageGeneratorFor(runtime).describeModels() }),
    })
    .fetch;
}
