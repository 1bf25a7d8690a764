import { beforeEach, describe, expect, it, vi } from "vitest";
import { generateImage } from "@/features/ai-image/api/generate-image";
import type { GenerationStage } from "@domain/contracts/image-generation";
import type { FunctionEvent } from "@/lib/function-event-stream";
import { ServerError, UnexpectedResponseError } from "@/lib/function-errors";

const streamFunction = vi.hoisted(() => vi.fn());
vi.mock("@/lib/stream-function", () => ({ streamFunction }));

const request = { prompt: "A lighthouse", model: "local-render", tokens: {}, settings: {} };
const image = {
  imageId: "image-1",
  imageUrl: "https://storage.example/image-1.png",
  thumbnailUrl: "https://storage.example/image-1.thumb.webp",
  generationTime: 12,
  model: "local-render",
  requestedModel: "local-render",
  provider: "local",
  cost: 1,
  balance: 99,
  width: 512,
  height: 512,
  prompt: "A lighthouse",
  resolvedPrompt: "A lighthouse",
};

function streaming(...events: FunctionEvent[]) {
  streamFunction.mockImplementationOnce(async function* () {
    yield* events;
  });
}

async function failureOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the generation to fail");
}

describe("generateImage", () => {
  beforeEach(() => streamFunction.mockReset());

  it("reports each known stage and resolves with the finished image", async () => {
    streaming(
      { event: "stage", data: { stage: "validating" } },
      { event: "stage", data: { stage: "thinking-harder" } },
      { event: "stage", data: { stage: "generating" } },
      { event: "done", data: image },
    );
    const stages: GenerationStage[] = [];

    expect(await generateImage(request, { onStage: (stage) => stages.push(stage) })).toEqual(image);
    expect(stages).toEqual(["validating", "generating"]);
    expect(streamFunction).toHaveBeenCalledWith(
      expect.objectContaining({ name: "image-generation", body: request }),
    );
  });

  it("refuses a result that is not the documented shape", async () => {
    streaming({ event: "done", data: { ...image, imageUrl: 42 } });

    expect(await failureOf(generateImage(request))).toBeInstanceOf(UnexpectedResponseError);
  });

  it("fails with a retryable error when the stream ends without a result", async () => {
    streaming({ event: "stage", data: { stage: "generating" } });

    const error = await failureOf(generateImage(request));
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).message).toMatch(/gallery/);
  });
});
