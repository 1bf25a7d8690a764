import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

/**
 * Starts a command in its own process group, so stopping it also stops whatever it started, and
 * keeps its output for failure messages.
 */
export function startProcess(command, args, { env, cwd, onLine } = {}) {
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on("line", (line) => {
      output += `${line}\n`;
      onLine?.(line);
    });
  }
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  return {
    child,
    exited,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        return; // already gone
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {
          // exited meanwhile
        }
      }, 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Runs a command to completion; rejects with its output when it fails. */
export async function runToCompletion(command, args, options = {}) {
  const started = startProcess(command, args, options);
  const { code, signal } = await started.exited;
  if (code !== 0) {
    throw new Error(`${command} ${args.join(" ")} failed (${signal ?? code}):\n${started.output()}`);
  }
  return started.output();
}
