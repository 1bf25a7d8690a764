/**
 * Per-provider concurrency limits. The in-process semaphore bounds one worker; a limit across
 * workers (say, a Postgres table of leased slots) only has to implement ConcurrencyLimiter.
 */

export type Release = () => void;

export interface ConcurrencyLimiter {
  /** Resolves once a slot for `key` is free; the caller must call the release exactly once. */
  acquire(key: string, signal?: AbortSignal): Promise<Release>;
}

export class Semaphore {
  #inFlight = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(readonly limit: number) {
    if (!(limit >= 1)) throw new Error(`a semaphore needs a limit of at least 1, got ${limit}`);
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  get waiting(): number {
    return this.#waiting.length;
  }

  acquire(signal?: AbortSignal): Promise<Release> {
    signal?.throwIfAborted();
    if (this.#inFlight < this.limit) {
      this.#inFlight++;
      return Promise.resolve(this.#releaser());
    }
    return new Promise<Release>((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener("abort", onAbort);
        this.#inFlight++;
        resolve(this.#releaser());
      };
      const onAbort = () => {
        const index = this.#waiting.indexOf(grant);
        if (index >= 0) this.#waiting.splice(index, 1);
        reject(signal!.reason);
      };
      this.#waiting.push(grant);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  #releaser(): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#inFlight--;
      this.#waiting.shift()?.();
    };
  }
}

export function createInProcessLimiter(
  limits: Readonly<Record<string, number>>,
  fallbackLimit = 4,
): ConcurrencyLimiter {
  const semaphores = new Map<string, Semaphore>();
  return {
    acquire(key, signal) {
      let semaphore = semaphores.get(key);
      if (!semaphore) {
        semaphore = new Semaphore(limits[key] ?? fallbackLimit);
        semaphores.set(key, semaphore);
      }
      return semaphore.acquire(signal);
    },
  };
}
