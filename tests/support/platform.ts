export interface SpawnedPlatform {
  url: string;
  anonKey: string;
  serviceRoleKey: string;
  dataDir: string;
  /** Everything the platform printed, for assertions and for failure messages. */
  output(): string;
  close(): Promise<void>;
}

const mainModule = new URL("../../supabase/local/main.ts", import.meta.url);

/**
 * Starts the local platform as its own Deno process on a free port with a fresh data dir, as
 * `npm run platform` does. It uses DATABASE_URL when the environment sets it.
 */
export async function spawnPlatform(
  options: { env?: Record<string, string>; dataDir?: string } = {},
): Promise<SpawnedPlatform> {
  const dataDir = options.dataDir ?? await Deno.makeTempDir({ prefix: "personify-platform-" });
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", mainModule.pathname, "--port", "0", "--data", dataDir],
    env: options.env,
    stdout: "piped",
    stderr: "piped",
  }).spawn();

  let printed = "";
  const collect = async (stream: ReadableStream<Uint8Array>, onLine?: (line: string) => void) => {
    let partial = "";
    for await (const text of stream.pipeThrough(new TextDecoderStream())) {
      printed += text;
      const lines = (partial + text).split("\n");
      partial = lines.pop() ?? "";
      for (const line of lines) onLine?.(line);
    }
  };
  const ready = Promise.withResolvers<string>();
  const stdoutDone = collect(child.stdout, (line) => {
    const match = /^ready (\S+)$/.exec(line);
    if (match) ready.resolve(match[1]);
  });
  const stderrDone = collect(child.stderr);
  child.status.then((status) =>
    ready.reject(new Error(`platform exited (${status.code}) before ready:\n${printed}`))
  );

  const timeout = setTimeout(
    () => ready.reject(new Error(`platform not ready in 60 s:\n${printed}`)),
    60_000,
  );
  let url: string;
  try {
    url = await ready.promise;
  } catch (error) {
    child.kill("SIGKILL");
    await Promise.allSettled([child.status, stdoutDone, stderrDone]);
    throw error;
  } finally {
    clearTimeout(timeout);
  }
  const key = (label: string) => new RegExp(`${label}:\\s+(\\S+)`).exec(printed)?.[1] ?? "";

  return {
    url,
    anonKey: key("anon key"),
    serviceRoleKey: key("service_role key"),
    dataDir,
    output: () => printed,
    async close() {
      try {
        child.kill("SIGTERM");
      } catch {
        // already gone
      }
      await Promise.allSettled([child.status, stdoutDone, stderrDone]);
      if (!options.dataDir) await Deno.remove(dataDir, { recursive: true }).catch(() => {});
    },
  };
}
