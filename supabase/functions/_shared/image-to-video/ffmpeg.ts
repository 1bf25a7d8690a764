/**
 * The ffmpeg binary: where it is, running it with progress, and reading what it made. Rendering
 * always happens in this child process, never on the thread that serves requests.
 */
import type { Env } from "../providers/types.ts";
import { processEnv } from "../runtime.ts";

const bundledFfmpeg = new URL("../../../../node_modules/@ffmpeg-installer/linux-x64/ffmpeg", import.meta.url);

/** FFMPEG_PATH when set, else the binary `npm install` put in node_modules, else `ffmpeg` on PATH. */
export function locateFfmpeg(env: Env = processEnv): string {
  const configured = env("FFMPEG_PATH")?.trim();
  if (configured) return configured;
  if (bundledFfmpeg.protocol === "file:") {
    try {
      if (Deno.statSync(bundledFfmpeg).isFile) return bundledFfmpeg.pathname;
    } catch {
      // not installed (another platform's optional package): fall back to the system's
    }
  }
  return "ffmpeg";
}

export class FfmpegError extends Error {
  override name = "FfmpegError";
}

export interface RunOptions {
  ffmpeg: string;
  args: string[];
  /** Output duration in seconds, to turn `out_time` into a fraction. */
  durationSeconds?: number;
  /** Called with 0..1 as ffmpeg reports progress. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/** "out_time_us=1234567" lines from `-progress pipe:1`; ffmpeg 4.1's out_time_ms is in µs too. */
export function progressFraction(line: string, durationSeconds: number): number | undefined {
  const match = /^out_time_(?:us|ms)=(\d+)$/.exec(line.trim());
  if (!match || durationSeconds <= 0) return undefined;
  return Math.min(1, Number(match[1]) / 1_000_000 / durationSeconds);
}

/** Runs ffmpeg to the end; rejects with its last lines of stderr when it fails. */
export async function runFfmpeg(options: RunOptions): Promise<void> {
  const child = new Deno.Command(options.ffmpeg, {
    args: [
      "-hide_banner",
      "-nostdin",
      "-loglevel",
      "error",
      "-progress",
      "pipe:1",
      "-nostats",
      ...options.args,
    ],
    stdout: "piped",
    stderr: "piped",
    signal: options.signal,
  }).spawn();
  const readProgress = (async () => {
    let partial = "";
    for await (const text of child.stdout.pipeThrough(new TextDecoderStream())) {
      const lines = (partial + text).split("\n");
      partial = lines.pop() ?? "";
      for (const line of lines) {
        const fraction = options.durationSeconds
          ? progressFraction(line, options.durationSeconds)
          : undefined;
        if (fraction !== undefined) options.onProgress?.(fraction);
      }
    }
  })();
  const stderr = new Response(child.stderr).text();
  const [status, errors] = await Promise.all([child.status, stderr, readProgress]);
  if (!status.success) {
    const tail = errors.trim().split("\n").slice(-5).join("\n");
    throw new FfmpegError(
      `ffmpeg exited with ${status.code}${status.signal ? ` (${status.signal})` : ""}: ${tail}`,
    );
  }
}

export interface MediaInfo {
  durationSeconds: number;
  video?: { width: number; height: number; codec: string; pixelFormat: string; fps: number };
  audio?: { codec: string };
}

/** Reads `ffmpeg -i` output: the container duration and the first video and audio streams. */
export function parseMediaInfo(text: string): MediaInfo {
  const duration = /Duration: (\d+):(\d+):(\d+(?:\.\d+)?)/.exec(text);
  if (!duration) throw new FfmpegError(`not a media file: ${text.trim().split("\n").slice(-1)[0] ?? ""}`);
  const info: MediaInfo = {
    durationSeconds: Number(duration[1]) * 3600 + Number(duration[2]) * 60 + Number(duration[3]),
  };
  const videoLine = /Stream #\d+:\d+[^:]*: Video: .*/.exec(text)?.[0];
  const video = videoLine
    ? /Video: (\w+)[^,]*, (\w+)[^,]*?(?:\([^)]*\))?, (\d+)x(\d+)/.exec(videoLine)
    : null;
  if (video) {
    info.video = {
      codec: video[1],
      pixelFormat: video[2],
      width: Number(video[3]),
      height: Number(video[4]),
      fps: Number(/, ([\d.]+) fps/.exec(videoLine!)?.[1] ?? 0),
    };
  }
  const audio = /Stream #\d+:\d+[^:]*: Audio: (\w+)/.exec(text);
  if (audio) info.audio = { codec: audio[1] };
  return info;
}

/** What a media file holds, from `ffmpeg -i` (the static build ships no ffprobe). */
export async function probeMedia(ffmpeg: string, path: string): Promise<MediaInfo> {
  const output = await new Deno.Command(ffmpeg, {
    args: ["-hide_banner", "-nostdin", "-i", path],
    stdout: "null",
    stderr: "piped",
  })
    .output();
  return parseMediaInfo(new TextDecoder().decode(output.stderr));
}

/** One frame at `seconds` as raw RGB, for checking what a render shows. */
export async function decodeFrameRgb(ffmpeg: string, path: string, seconds: number): Promise<Uint8Array> {
  const output = await new Deno.Command(ffmpeg, {
    args: [
      "-hide_banner",
      "-nostdin",
      "-loglevel",
      "error",
      "-ss",
      String(seconds),
      "-i",
      path,
      "-frames:v",
      "1",
      "-f",
      "rawvideo",
      "-pix_fmt",
      "rgb24",
      "pipe:1",
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!output.success) throw new FfmpegError(new TextDecoder().decode(output.stderr));
  return output.stdout;
}
