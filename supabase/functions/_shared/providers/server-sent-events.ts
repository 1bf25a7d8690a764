/**
 * Reads a provider's text/event-stream body (the WHATWG framing: LF, CRLF or CR line ends, `event:`
 * and multi-line `data:` fields, comments) with a limit on silence: a stream that sends nothing for
 * `idleTimeoutMs` is cancelled, which closes the connection. Aborting `signal` cancels it too.
 */

export interface ProviderEvent {
  /** "message" when the event named none. */
  event: string;
  data: string;
}

export interface ReadEventsOptions {
  idleTimeoutMs: number;
  signal: AbortSignal;
  /** The error to throw when the stream stalled. */
  onIdle: () => Error;
}

type ReadOutcome = ReadableStreamReadResult<Uint8Array> | { stalled: true } | { aborted: true };

export async function* readProviderEvents(
  body: ReadableStream<Uint8Array>,
  options: ReadEventsOptions,
): AsyncGenerator<ProviderEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let eventName = "";
  let dataLines: string[] = [];
  let finished = false;
  try {
    for (;;) {
      const outcome = await readWithin(reader, options);
      if ("stalled" in outcome) throw options.onIdle();
      if ("aborted" in outcome) throw options.signal.reason;
      if (outcome.done) {
        finished = true;
        buffer += decoder.decode();
        if (dataLines.length > 0) yield { event: eventName || "message", data: dataLines.join("\n") };
        return;
      }
      buffer += decoder.decode(outcome.value, { stream: true });
      // A trailing \r may be the first half of a \r\n split across chunks.
      const heldBack = buffer.endsWith("\r") ? "\r" : "";
      const lines = buffer.slice(0, buffer.length - heldBack.length).split(/\r\n|\r|\n/);
      buffer = (lines.pop() ?? "") + heldBack;
      for (const line of lines) {
        if (line === "") {
          if (dataLines.length > 0) yield { event: eventName || "message", data: dataLines.join("\n") };
          eventName = "";
          dataLines = [];
          continue;
        }
        if (line.startsWith(":")) continue;
        const colon = line.indexOf(":");
        const field = colon === -1 ? line : line.slice(0, colon);
        const value = colon === -1 ? "" : line.slice(colon + 1).replace(/^ /, "");
        if (field === "event") eventName = value;
        else if (field === "data") dataLines.push(value);
      }
    }
  } finally {
    // Stopped early (a stall, an abort, the caller stopped reading): close the connection now.
    if (!finished) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}

function readWithin(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  { idleTimeoutMs, signal }: ReadEventsOptions,
): Promise<ReadOutcome> {
  if (signal.aborted) return Promise.resolve({ aborted: true });
  return new Promise<ReadOutcome>((resolve, reject) => {
    const onAbort = () => settle({ aborted: true });
    const timer = setTimeout(() => settle({ stalled: true }), idleTimeoutMs);
    let settled = false;
    function settle(outcome: ReadOutcome) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
      resolve(outcome);
    }
    signal.addEventListener("abort", onAbort, { once: true });
    reader.read().then(settle, (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
      reject(error);
    });
  });
}
