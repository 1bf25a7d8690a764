import { createClient } from "@supabase/supabase-js";
import { describe, expect, it, vi } from "vitest";
import {
  createFunctionEventStream,
  type FunctionEvent,
  readServerSentEvents,
} from "@/lib/function-event-stream";
import {
  type FunctionHttpError,
  NetworkError,
  PaymentRequiredError,
  ServerError,
  UnexpectedResponseError,
  ValidationError,
} from "@/lib/function-errors";

const projectUrl = "http://127.0.0.1:54321";
let clientCount = 0;

/** A real supabase-js client whose network is `respond`, so the whole invoke path runs. */
function clientAnswering(respond: (request: Request) => Response) {
  const requests: Request[] = [];
  const supabase = createClient(projectUrl, "anon-key", {
    auth: {
      persistSession: false,
      autoRefreshToken: false,
      detectSessionInUrl: false,
      storageKey: `event-stream-test-${++clientCount}`,
    },
    global: {
      fetch: vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
        const request = new Request(input, init);
        requests.push(request);
        return respond(request);
      }),
    },
  });
  return { streamFunction: createFunctionEventStream(supabase.functions), requests };
}

/** A body that arrives in the given pieces, as a slow network delivers it. */
function bodyOf(...chunks: string[]) {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

const eventStream = (...chunks: string[]) =>
  new Response(bodyOf(...chunks), { headers: { "content-type": "text/event-stream; charset=utf-8" } });

async function collect<T>(events: AsyncIterable<T>) {
  const seen: T[] = [];
  let failure: unknown;
  try {
    for await (const event of events) seen.push(event);
  } catch (error) {
    failure = error;
  }
  return { seen, failure };
}

describe("readServerSentEvents", () => {
  it("parses named events, multi-line data and comments, split anywhere between chunks", async () => {
    const { seen } = await collect(
      readServerSentEvents(
        bodyOf(
          ": keep-alive\n\nevent: st",
          'age\ndata: {"a"\r',
          "\ndata: :1}\r\n\r\ndata:plain\n\n",
          "data: cut",
        ),
      ),
    );

    expect(seen).toEqual([
      { event: "stage", data: '{"a"\n:1}' },
      { event: "message", data: "plain" },
    ]);
  });
});

describe("streamFunction", () => {
  it("asks for an event stream and yields each event's JSON", async () => {
    const { streamFunction, requests } = clientAnswering(() =>
      eventStream('event: stage\ndata: {"stage":"generating"}\n\n', 'event: done\ndata: {"imageId":"i1"}\n\n')
    );

    const { seen, failure } = await collect(
      streamFunction({ name: "image-generation", body: { prompt: "A cat" } }),
    );

    expect(failure).toBeUndefined();
    expect(seen).toEqual<FunctionEvent[]>([
      { event: "stage", data: { stage: "generating" } },
      { event: "done", data: { imageId: "i1" } },
    ]);
    const [request] = requests;
    expect(request?.url).toBe(`${projectUrl}/functions/v1/image-generation`);
    expect(request?.headers.get("accept")).toBe("text/event-stream");
    expect(await request?.json()).toEqual({ prompt: "A cat" });
  });

  it("throws the typed error of a refusal that came before the stream opened", async () => {
    const { streamFunction } = clientAnswering(() =>
      Response.json(
        { error: "Not enough credits.", code: "INSUFFICIENT_CREDITS", details: { balance: 0, required: 1 } },
        { status: 402 },
      )
    );

    const { seen, failure } = await collect(streamFunction({ name: "image-generation" }));

    expect(seen).toEqual([]);
    expect(failure).toBeInstanceOf(PaymentRequiredError);
    expect((failure as FunctionHttpError).details).toEqual({ balance: 0, required: 1 });
  });

  it("turns an error event into the typed error its status stands for", async () => {
    const { streamFunction } = clientAnswering(() =>
      eventStream(
        'event: stage\ndata: {"stage":"generating"}\n\n',
        'event: error\ndata: {"status":400,"error":"Refused by the safety system.","code":"CONTENT_POLICY","details":{}}\n\n',
      )
    );

    const { seen, failure } = await collect(streamFunction({ name: "image-generation" }));

    expect(seen).toHaveLength(1);
    expect(failure).toBeInstanceOf(ValidationError);
    expect((failure as ValidationError).code).toBe("CONTENT_POLICY");
    expect((failure as ValidationError).message).toBe("Refused by the safety system.");
  });

  it("reports a 5xx error event as retryable", async () => {
    const { streamFunction } = clientAnswering(() =>
      eventStream('event: error\ndata: {"status":502,"error":"Provider failed.","code":"PROVIDER_ERROR"}\n\n')
    );

    const { failure } = await collect(streamFunction({ name: "image-generation" }));

    expect(failure).toBeInstanceOf(ServerError);
    expect((failure as ServerError).retryable).toBe(true);
  });

  it("refuses events that are not JSON, and an answer that is not a stream", async () => {
    const notJson = clientAnswering(() => eventStream("event: stage\ndata: generating\n\n"));
    expect((await collect(notJson.streamFunction({ name: "image-generation" }))).failure).toBeInstanceOf(
      UnexpectedResponseError,
    );

    const plainJson = clientAnswering(() => Response.json({ imageId: "i1" }));
    expect((await collect(plainJson.streamFunction({ name: "image-generation" }))).failure).toBeInstanceOf(
      UnexpectedResponseError,
    );
  });

  it("reports a connection that drops mid-stream as a NetworkError", async () => {
    const { streamFunction } = clientAnswering(
      () =>
        new Response(
          new ReadableStream({
            start(controller) {
              controller.enqueue(new TextEncoder().encode('event: stage\ndata: {"stage":"generating"}\n\n'));
            },
            // Fails only once the first event has been read, as a connection lost mid-way does.
            pull(controller) {
              controller.error(new TypeError("network error"));
            },
          }),
          { headers: { "content-type": "text/event-stream" } },
        ),
    );

    const { seen, failure } = await collect(streamFunction({ name: "image-generation" }));

    expect(seen).toHaveLength(1);
    expect(failure).toBeInstanceOf(NetworkError);
  });
});
