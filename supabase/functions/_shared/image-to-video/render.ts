/**
 * One render: a still image (or an AI clip) to an H.264 MP4 that browsers play, with the chosen
 * camera move, the image's aspect kept by cropping (cover) or padding (contain, over a blurred
 * copy of itself), an optional synthesised audio bed, and the watermark on previews.
 */
import type { VideoEffect, VideoFit, VideoResolution } from "../domain/video-options.ts";
import { runFfmpeg } from "./ffmpeg.ts";
import { isMotionEffect, zoompanFilter } from "./motion.ts";
import { watermarkImages } from "./watermark.ts";

export const frameSizes: Readonly<Record<VideoResolution, { width: number; height: number }>> = {
  "480p": { width: 854, height: 480 },
  "720p": { width: 1280, height: 720 },
  "1080p": { width: 1920, height: 1080 },
};

export const framesPerSecond = 25;

/**
 * How many times the output size the canvas fed to zoompan is: its window moves in whole canvas
 * pixels, so at k× a step is 1/k of an output pixel. About a 4K canvas: 4× at 480p, 3× at 720p,
 * 2× at 1080p, where more would make each frame's scaling cost more than the encoding.
 */
export function supersampleFor(outputWidth: number): number {
  return Math.max(2, Math.floor(3840 / outputWidth));
}

/** The rotate effect swings ±6°; a canvas 1.2× the frame keeps the corners filled at that angle. */
const rotateRadians = (6 * Math.PI) / 180;
const rotateCanvasScale = 1.2;

export interface RenderSpec {
  effect: VideoEffect;
  durationSeconds: number;
  resolution: VideoResolution;
  fit: VideoFit;
  includeAudio: boolean;
  watermark: boolean;
}

export interface RenderJob {
  ffmpeg: string;
  /** A still image, or for ai-motion the provider's clip. */
  sourcePath: string;
  sourceKind: "image" | "video";
  /** Seconds of the clip, for ai-motion: it is stretched, never looped, to the asked duration. */
  sourceDurationSeconds?: number;
  outputPath: string;
  /** Where the watermark PNGs are written. */
  workDir: string;
  spec: RenderSpec;
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

export function frameCount(durationSeconds: number): number {
  return Math.max(1, Math.round(durationSeconds * framesPerSecond));
}

/** Fits the source to width×height: cover (crop) or contain over a blurred fill (pad). */
function fitFilter(input: string, fit: VideoFit, width: number, height: number, output: string): string {
  if (fit === "crop") {
    return `[${input}]scale=${width}:${height}:force_original_aspect_ratio=increase:flags=bicubic,` +
      `crop=${width}:${height},setsar=1[${output}]`;
  }
  // The fill is blurred small and scaled up, so the blur costs little at any size.
  const smallWidth = even(width / 8);
  const smallHeight = even(height / 8);
  return `[${input}]split=2[fill][picture];` +
    `[fill]scale=${smallWidth}:${smallHeight}:force_original_aspect_ratio=increase,crop=${smallWidth}:${smallHeight},` +
    `boxblur=6:2,scale=${width}:${height}:flags=bilinear,setsar=1[blurred];` +
    `[picture]scale=${width}:${height}:force_original_aspect_ratio=decrease:flags=bicubic,setsar=1[contained];` +
    `[blurred][contained]overlay=(W-w)/2:(H-h)/2[${output}]`;
}

function even(value: number): number {
  return Math.max(2, Math.round(value / 2) * 2);
}

/** A soft A-major pad with a slow swell, faded in and out; deterministic, no sample files. */
function audioBedSource(durationSeconds: number): string {
  const tones = [220, 277.18, 329.63, 440].map((hz, i) => `${(0.07 / (i + 1)).toFixed(3)}*sin(2*PI*${hz}*t)`)
    .join("+");
  return `aevalsrc=exprs='(${tones})*(0.75+0.25*sin(2*PI*0.25*t))':s=44100:d=${durationSeconds}`;
}

function audioFilter(durationSeconds: number): string {
  const fade = Math.min(1, durationSeconds / 4);
  return `lowpass=f=1800,afade=t=in:st=0:d=${fade},afade=t=out:st=${
    (durationSeconds - fade).toFixed(3)
  }:d=${fade}`;
}

/** The picture's filter chain, from the source (input 0) to [moving] at the output size. */
function pictureFilter(job: RenderJob, width: number, height: number, frames: number): string {
  const { effect, fit, durationSeconds } = job.spec;
  if (job.sourceKind === "video") {
    const stretch = Math.max(1, durationSeconds / (job.sourceDurationSeconds ?? durationSeconds));
    return `[0:v]setpts=${stretch.toFixed(6)}*(PTS-STARTPTS),fps=${framesPerSecond}[clip];` +
      fitFilter("clip", fit, width, height, "moving");
  }
  if (isMotionEffect(effect)) {
    // One frame in, `frames` out: zoompan never re-reads or re-scales the canvas per frame.
    const supersample = supersampleFor(width);
    return fitFilter("0:v", fit, width * supersample, height * supersample, "canvas") +
      `;[canvas]format=yuv420p,${
        zoompanFilter(effect, { frames, width, height, fps: framesPerSecond })
      }[moving]`;
  }
  const repeat = `loop=loop=${frames - 1}:size=1:start=0,setpts=N/${framesPerSecond}/TB`;
  if (effect === "rotate") {
    const canvasWidth = even(width * rotateCanvasScale);
    const canvasHeight = even(height * rotateCanvasScale);
    const p = `(n/${Math.max(1, frames - 1)})`;
    const angle = `${rotateRadians.toFixed(5)}*(2*${p}*${p}*(3-2*${p})-1)`;
    return fitFilter("0:v", fit, canvasWidth, canvasHeight, "canvas") +
      `;[canvas]format=yuv420p,${repeat},rotate=a='${angle}':ow=${width}:oh=${height}:bilinear=1[moving]`;
  }
  if (effect === "fade") {
    const fade = Math.min(1, durationSeconds / 3);
    return fitFilter("0:v", fit, width, height, "canvas") +
      `;[canvas]format=yuv420p,${repeat},fade=t=in:st=0:d=${fade},` +
      `fade=t=out:st=${(durationSeconds - fade).toFixed(3)}:d=${fade}[moving]`;
  }
  throw new Error(`effect "${effect}" needs a video source`);
}

/** The ffmpeg arguments for a render, and the watermark files it reads (written by renderVideo). */
export function renderArguments(job: RenderJob, watermarkPaths?: { color: string; alpha: string }): string[] {
  const { width, height } = frameSizes[job.spec.resolution];
  const frames = frameCount(job.spec.durationSeconds);
  const duration = frames / framesPerSecond;
  const inputs = ["-i", job.sourcePath];
  const filters = [pictureFilter(job, width, height, frames)];
  let picture = "moving";
  let nextInput = 1;
  if (job.spec.watermark) {
    if (!watermarkPaths) throw new Error("a watermarked render needs the watermark images");
    inputs.push("-i", watermarkPaths.color, "-i", watermarkPaths.alpha);
    filters.push(
      `[${nextInput}:v]format=rgb24[mark];[${
        nextInput + 1
      }:v]format=gray[markalpha];[mark][markalpha]alphamerge[watermark];` +
        `[${picture}][watermark]overlay=0:0:format=auto,format=yuv420p[marked]`,
    );
    picture = "marked";
    nextInput += 2;
  }
  const audio: string[] = [];
  if (job.spec.includeAudio) {
    inputs.push("-f", "lavfi", "-i", audioBedSource(duration));
    filters.push(`[${nextInput}:a]${audioFilter(duration)}[bed]`);
    audio.push("-map", "[bed]", "-c:a", "aac", "-b:a", "128k", "-ac", "2");
  } else {
    audio.push("-an");
  }
  // Previews are for looking, so they encode fast; the paid render takes the default care.
  const preset = job.spec.watermark ? "veryfast" : "medium";
  return [
    "-y",
    ...inputs,
    "-filter_complex",
    filters.join(";"),
    "-map",
    `[${picture}]`,
    ...audio,
    "-c:v",
    "libx264",
    "-preset",
    preset,
    "-crf",
    "23",
    "-pix_fmt",
    "yuv420p",
    "-r",
    String(framesPerSecond),
    "-frames:v",
    String(frames),
    "-t",
    duration.toFixed(3),
    "-movflags",
    "+faststart",
    job.outputPath,
  ];
}

/** Renders `job` to its output path with ffmpeg, reporting progress as it goes. */
export async function renderVideo(job: RenderJob): Promise<void> {
  let watermarkPaths: { color: string; alpha: string } | undefined;
  if (job.spec.watermark) {
    const { width, height } = frameSizes[job.spec.resolution];
    const images = await watermarkImages(width, height);
    watermarkPaths = {
      color: `${job.workDir}/watermark-color.png`,
      alpha: `${job.workDir}/watermark-alpha.png`,
    };
    await Deno.writeFile(watermarkPaths.color, images.color);
    await Deno.writeFile(watermarkPaths.alpha, images.alpha);
  }
  await runFfmpeg({
    ffmpeg: job.ffmpeg,
    args: renderArguments(job, watermarkPaths),
    durationSeconds: frameCount(job.spec.durationSeconds) / framesPerSecond,
    onProgress: job.onProgress,
    signal: job.signal,
  });
}
