// npm run bench:video — our render of a 3 s 720p ken-burns video (renderVideo: the media worker's
// ffmpeg command, fed one supersampled frame) against a bare ffmpeg command rendering the same
// camera move from the same image the usual way (`-loop 1` and zoompan with d=1 on the source),
// both with libx264's defaults (medium, CRF 23) and yuv420p. The image is a 1024×576 render of the
// offline `local` provider, as the app generates it. Repetitions alternate ours and bare so that
// the shared machine's load falls on both alike; prints both medians and the ratio (target ≤ 1.3),
// in wall time and in CPU time (this process's and its children's, from /proc/self/stat: what
// other work on the machine does not inflate), then the jitter of each: where zoompan's
// whole-pixel window puts the picture's edges against the planned trajectory, in output pixels,
// modelled and measured in the encoded frames.
// BENCH_REPEATS=5 by default.
import { renderOfflineImage } from "../../supabase/functions/_shared/providers/local-images.ts";
import { locateFfmpeg, probeMedia } from "../../supabase/functions/_shared/image-to-video/ffmpeg.ts";
import { encodePngRgb } from "../../supabase/functions/_shared/images/png.ts";
import {
  measureJitter,
  plainZoompanFilter,
  plannedWindow,
} from "../../supabase/functions/_shared/image-to-video/motion.ts";
import {
  frameCount,
  frameSizes,
  framesPerSecond,
  renderVideo,
  supersampleFor,
} from "../../supabase/functions/_shared/image-to-video/render.ts";

const repeats = Number(Deno.env.get("BENCH_REPEATS") ?? "5");
const durationSeconds = 3;
const { width, height } = frameSizes["720p"];
const frames = frameCount(durationSeconds);
const ffmpeg = locateFfmpeg();
const workDir = await Deno.makeTempDir({ prefix: "personify-bench-video-" });

const image = await renderOfflineImage({
  prompt: "A lighthouse on a cliff at golden hour, waves below",
  settings: { aspectRatio: "16:9", size: "1024" } as Parameters<typeof renderOfflineImage>[0]["settings"],
});
const imagePath = `${workDir}/source.png`;
await Deno.writeFile(imagePath, image.png);

// The same trajectory, evaluated per output frame: with -loop 1 and d=1 zoompan's `on` counts
// output frames exactly as it does with one input frame and d=75.
const supersample = supersampleFor(width);
const bareFilter = plainZoompanFilter("ken-burns", { frames, width, height, fps: framesPerSecond }).replace(
  `:d=${frames}:`,
  ":d=1:",
);
const bareArgs = (source: string, output: string) => [
  "-hide_banner",
  "-loglevel",
  "error",
  "-y",
  "-loop",
  "1",
  "-i",
  source,
  "-vf",
  bareFilter,
  "-t",
  String(durationSeconds),
  "-c:v",
  "libx264",
  "-pix_fmt",
  "yuv420p",
  output,
];

interface Timing {
  wallMs: number;
  cpuMs: number;
}

/** CPU time of this process and of the children it has waited for, in ms (clock ticks of 10 ms). */
function cpuMs(): number {
  const fields = Deno.readTextFileSync("/proc/self/stat").replace(/^.*\) /, "").split(" ").map(Number);
  // After the command name: utime, stime, cutime, cstime are fields 14–17 of the whole line.
  return (fields[11] + fields[12] + fields[13] + fields[14]) * 10;
}

async function timed(run: () => Promise<void>): Promise<Timing> {
  const cpuBefore = cpuMs();
  const started = performance.now();
  await run();
  return { wallMs: performance.now() - started, cpuMs: cpuMs() - cpuBefore };
}

function renderOurs(source: string, output: string): Promise<void> {
  return renderVideo({
    ffmpeg,
    sourcePath: source,
    sourceKind: "image",
    outputPath: output,
    workDir,
    spec: {
      effect: "ken-burns",
      durationSeconds,
      resolution: "720p",
      fit: "crop",
      includeAudio: false,
      watermark: false,
    },
  });
}

async function renderBare(source: string, output: string): Promise<void> {
  const result = await new Deno.Command(ffmpeg, {
    args: bareArgs(source, output),
    stdout: "null",
    stderr: "piped",
  }).output();
  if (!result.success) throw new Error(new TextDecoder().decode(result.stderr));
}

const timeOurs = () => timed(() => renderOurs(imagePath, `${workDir}/ours.mp4`));
const timeBare = () => timed(() => renderBare(imagePath, `${workDir}/bare.mp4`));

/**
 * Jitter as it shows in the encoded frames: the same move over a picture that is white left of
 * x = 500 and black right of it; in each decoded frame the edge is found to a fraction of a pixel
 * on the middle row and compared with where the planned window puts it.
 */
async function measuredEdgeJitter(
  render: (source: string, output: string) => Promise<void>,
  canvasWidth: number,
) {
  const sourceWidth = 1024;
  const sourceHeight = 576;
  const edge = 500;
  const rgb = new Uint8Array(sourceWidth * sourceHeight * 3);
  for (let y = 0; y < sourceHeight; y++) rgb.fill(255, y * sourceWidth * 3, (y * sourceWidth + edge) * 3);
  const source = `${workDir}/edge.png`;
  await Deno.writeFile(source, await encodePngRgb(rgb, sourceWidth, sourceHeight));
  const output = `${workDir}/edge.mp4`;
  await render(source, output);
  const decoded = await new Deno.Command(ffmpeg, {
    args: ["-loglevel", "error", "-i", output, "-f", "rawvideo", "-pix_fmt", "gray", "pipe:1"],
    stdout: "piped",
  }).output();
  const canvas = { width: canvasWidth, height: (canvasWidth * sourceHeight) / sourceWidth };
  const edgeOnCanvas = (edge * canvasWidth) / sourceWidth;
  const errors: number[] = [];
  for (let frame = 0; frame < frames; frame++) {
    const row = decoded.stdout.subarray(
      (frame * height + height / 2) * width,
      (frame * height + height / 2 + 1) * width,
    );
    const x = row.findIndex((value, i) => i < width - 1 && value >= 128 && row[i + 1] < 128);
    const measured = x + (row[x] - 128) / (row[x] - row[x + 1]) + 0.5;
    const window = plannedWindow("ken-burns", frame, frames, canvas);
    errors.push(measured - ((edgeOnCanvas - window.x) * width) / window.width);
  }
  const maxError = Math.max(...errors.map(Math.abs));
  const maxWobble = Math.max(
    ...errors.slice(2).map((error, i) => Math.abs(error - 2 * errors[i + 1] + errors[i])),
  );
  return `max edge offset ${maxError.toFixed(2)} px, max frame-to-frame wobble ${maxWobble.toFixed(2)} px`;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

try {
  await timeOurs();
  await timeBare();
  const ours: Timing[] = [];
  const bare: Timing[] = [];
  for (let i = 0; i < repeats; i++) {
    ours.push(await timeOurs());
    bare.push(await timeBare());
  }
  const oursInfo = await probeMedia(ffmpeg, `${workDir}/ours.mp4`);
  const bareInfo = await probeMedia(ffmpeg, `${workDir}/bare.mp4`);
  const seconds = (ms: number) => (ms / 1000).toFixed(2);
  const summary = (timings: Timing[], key: keyof Timing) =>
    `median ${seconds(median(timings.map((t) => t[key])))} s [${
      timings.map((t) => seconds(t[key])).join(", ")
    }]`;
  const wallRatio = median(ours.map((t) => t.wallMs)) / median(bare.map((t) => t.wallMs));
  const cpuRatio = median(ours.map((t) => t.cpuMs)) / median(bare.map((t) => t.cpuMs));
  const jitter = (canvasWidth: number, canvasHeight: number, expressions: "ours" | "plain") =>
    measureJitter("ken-burns", {
      frames,
      outputWidth: width,
      outputHeight: height,
      canvasWidth,
      canvasHeight,
      expressions,
    });
  const oursJitter = jitter(width * supersample, height * supersample, "ours");
  const bareJitter = jitter(image.width, image.height, "plain");
  const describe = (report: ReturnType<typeof jitter>) =>
    `max edge error ${report.maxErrorPx.toFixed(2)} px, max change of step ${
      report.maxAccelerationPx.toFixed(2)
    } px, ` +
    `${report.reversals} backward steps`;
  console.info(
    `source image: ${image.width}×${image.height} (offline provider); output ${width}×${height}, ${durationSeconds} s, ${frames} frames`,
  );
  console.info(
    `ours: ${oursInfo.video?.width}×${oursInfo.video?.height} ${
      oursInfo.durationSeconds.toFixed(2)
    } s; bare: ${bareInfo.video?.width}×${bareInfo.video?.height} ${bareInfo.durationSeconds.toFixed(2)} s`,
  );
  console.info(
    `ours (renderVideo, ${supersample}× canvas), ${repeats} runs: wall ${summary(ours, "wallMs")}; CPU ${
      summary(ours, "cpuMs")
    }`,
  );
  console.info(
    `bare (ffmpeg -loop 1, zoompan d=1), ${repeats} runs: wall ${summary(bare, "wallMs")}; CPU ${
      summary(bare, "cpuMs")
    }`,
  );
  console.info(
    `ratio ours / bare: wall ${wallRatio.toFixed(2)}, CPU ${cpuRatio.toFixed(2)} (target ≤ 1.30: ${
      wallRatio <= 1.3 ? "met" : "NOT met"
    } in wall time, ${cpuRatio <= 1.3 ? "met" : "NOT met"} in CPU time)`,
  );
  console.info(
    `real-time factor (wall / video length): ours ${
      (median(ours.map((t) => t.wallMs)) / 1000 / durationSeconds).toFixed(2)
    }, bare ${(median(bare.map((t) => t.wallMs)) / 1000 / durationSeconds).toFixed(2)}`,
  );
  console.info(`jitter ours, planned window as zoompan crops it: ${describe(oursJitter)}`);
  console.info(`jitter bare, planned window as zoompan crops it: ${describe(bareJitter)}`);
  console.info(
    `jitter ours, measured in the encoded frames: ${await measuredEdgeJitter(
      renderOurs,
      width * supersample,
    )}`,
  );
  console.info(`jitter bare, measured in the encoded frames: ${await measuredEdgeJitter(renderBare, 1024)}`);
} finally {
  await Deno.remove(workDir, { recursive: true });
}
