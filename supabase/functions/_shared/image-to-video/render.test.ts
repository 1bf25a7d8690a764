// Real renders with the real ffmpeg: every effect, the sizes, crop against pad, the audio bed and
// the watermark, checked by reading the MP4s back (container info and decoded frames).
import assert from "node:assert/strict";
import { encodePngRgb } from "../images/png.ts";
import {
  decodeFrameRgb,
  locateFfmpeg,
  type MediaInfo,
  parseMediaInfo,
  probeMedia,
  progressFraction,
} from "./ffmpeg.ts";
import type { VideoEffect } from "../domain/video-options.ts";
import { motionEffects } from "./motion.ts";
import { frameSizes, type RenderSpec, renderVideo } from "./render.ts";
import { watermarkBox } from "./watermark.ts";

const ffmpeg = locateFfmpeg();
const workDir = await Deno.makeTempDir({ prefix: "personify-render-test-" });

/** width×height RGB from a colour function, written as a PNG. */
async function writePng(
  name: string,
  width: number,
  height: number,
  colour: (x: number, y: number) => [number, number, number],
) {
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) rgb.set(colour(x, y), (y * width + x) * 3);
  }
  const path = `${workDir}/${name}.png`;
  await Deno.writeFile(path, await encodePngRgb(rgb, width, height));
  return path;
}

const texturedSource = await writePng("textured", 800, 600, (x, y) => [
  (x * 255) / 800,
  Math.hypot(x - 400, y - 300) % 50 < 25 ? 210 : 50,
  (y * 255) / 600,
]);
/** A tall picture: white with a thick red border, so crop and pad show different edges. */
const framedSource = await writePng("framed", 300, 600, (x, y) => {
  const border = x < 30 || x >= 270 || y < 60 || y >= 540;
  return border ? [220, 20, 20] : [245, 245, 245];
});

const base: RenderSpec = {
  effect: "zoom-in",
  durationSeconds: 1,
  resolution: "480p",
  fit: "crop",
  includeAudio: false,
  watermark: false,
};

async function render(
  name: string,
  spec: Partial<RenderSpec>,
  source = texturedSource,
): Promise<{ path: string; info: MediaInfo; progress: number[] }> {
  const path = `${workDir}/${name}.mp4`;
  const progress: number[] = [];
  await renderVideo({
    ffmpeg,
    sourcePath: source,
    sourceKind: "image",
    outputPath: path,
    workDir,
    spec: { ...base, ...spec },
    onProgress: (fraction) => progress.push(fraction),
  });
  return { path, info: await probeMedia(ffmpeg, path), progress };
}

function assertPlayable(info: MediaInfo, width: number, height: number, seconds: number) {
  assert.equal(info.video?.codec, "h264");
  assert.equal(info.video?.pixelFormat, "yuv420p");
  assert.deepEqual([info.video?.width, info.video?.height], [width, height]);
  assert.ok(
    Math.abs(info.durationSeconds - seconds) <= 0.1,
    `lasts ${info.durationSeconds} s, asked ${seconds} s`,
  );
}

function pixel(rgb: Uint8Array, width: number, x: number, y: number): [number, number, number] {
  const i = (y * width + x) * 3;
  return [rgb[i], rgb[i + 1], rgb[i + 2]];
}

function isRed([r, g, b]: [number, number, number]) {
  return r > 150 && g < 90 && b < 90;
}

function isWhite([r, g, b]: [number, number, number]) {
  return r > 200 && g > 200 && b > 200;
}

/** Mean absolute difference of two RGB frames over rows [top, bottom). */
function meanDifference(a: Uint8Array, b: Uint8Array, width: number, top: number, bottom: number): number {
  let sum = 0;
  for (let i = top * width * 3; i < bottom * width * 3; i++) sum += Math.abs(a[i] - b[i]);
  return sum / ((bottom - top) * width * 3);
}

for (const effect of [...motionEffects, "rotate", "fade"] as VideoEffect[]) {
  Deno.test(`${effect} renders a 480p H.264 MP4 of the asked duration`, async () => {
    const { info, progress } = await render(`effect-${effect}`, { effect, durationSeconds: 2 });
    assertPlayable(info, 854, 480, 2);
    assert.equal(info.video?.fps, 25);
    assert.equal(info.audio, undefined);
    assert.ok(
      progress.length > 0 && progress.every((value, i) => i === 0 || value >= progress[i - 1]),
      "progress only grows",
    );
  });
}

Deno.test("the camera moves: the first and last frames of a pan show different parts of the picture", async () => {
  const { path } = await render("moving", { effect: "pan-right", durationSeconds: 2 });
  const first = await decodeFrameRgb(ffmpeg, path, 0);
  const last = await decodeFrameRgb(ffmpeg, path, 1.9);
  assert.equal(first.length, 854 * 480 * 3);
  assert.ok(
    meanDifference(first, last, 854, 0, 480) > 10,
    "the last frame shows another part of the picture",
  );
});

Deno.test("720p and 1080p renders are exactly 1280×720 and 1920×1080", async () => {
  for (const resolution of ["720p", "1080p"] as const) {
    const { info } = await render(`size-${resolution}`, { resolution, durationSeconds: 1, effect: "fade" });
    assertPlayable(info, frameSizes[resolution].width, frameSizes[resolution].height, 1);
  }
});

Deno.test("durations with a decimal and the longest one keep to ±0.1 s", async () => {
  for (const durationSeconds of [1.5, 10]) {
    const { info } = await render(`duration-${durationSeconds}`, { durationSeconds, effect: "fade" });
    assertPlayable(info, 854, 480, durationSeconds);
  }
});

Deno.test("crop covers the frame with the picture; pad shows all of it over a blurred fill", async () => {
  const width = 854;
  const cropped = await render("fit-crop", { effect: "fade", durationSeconds: 3, fit: "crop" }, framedSource);
  const padded = await render("fit-pad", { effect: "fade", durationSeconds: 3, fit: "pad" }, framedSource);
  const croppedFrame = await decodeFrameRgb(ffmpeg, cropped.path, 1.5);
  const paddedFrame = await decodeFrameRgb(ffmpeg, padded.path, 1.5);
  // Cover: the tall picture's width spans the frame, so its side borders are at the frame's edges
  // and its top border is cut off.
  assert.ok(
    isRed(pixel(croppedFrame, width, 3, 240)),
    `crop left edge ${pixel(croppedFrame, width, 3, 240)}`,
  );
  assert.ok(
    isWhite(pixel(croppedFrame, width, 427, 3)),
    `crop top centre ${pixel(croppedFrame, width, 427, 3)}`,
  );
  // Contain: the whole height fits, so the top border shows at the top centre, and the sides are
  // the blurred fill, not the picture's crisp border.
  assert.ok(
    isRed(pixel(paddedFrame, width, 427, 10)),
    `pad top centre ${pixel(paddedFrame, width, 427, 10)}`,
  );
  assert.ok(
    isWhite(pixel(paddedFrame, width, 427, 240)),
    `pad centre ${pixel(paddedFrame, width, 427, 240)}`,
  );
  const side = pixel(paddedFrame, width, 60, 240);
  assert.ok(!isRed(side) || !isWhite(side), `pad side ${side}`);
  assert.ok(meanDifference(croppedFrame, paddedFrame, width, 0, 480) > 20, "the two fits look different");
});

Deno.test("an audio bed is an AAC track only when asked for", async () => {
  const withAudio = await render("audio-on", { includeAudio: true, durationSeconds: 2, effect: "zoom-out" });
  assert.equal(withAudio.info.audio?.codec, "aac");
  assertPlayable(withAudio.info, 854, 480, 2);
  const withoutAudio = await render("audio-off", {
    includeAudio: false,
    durationSeconds: 2,
    effect: "zoom-out",
  });
  assert.equal(withoutAudio.info.audio, undefined);
});

Deno.test("the preview carries the watermark across the middle; the full render does not", async () => {
  const spec = { effect: "ken-burns" as const, durationSeconds: 2 };
  const marked = await render("watermarked", { ...spec, watermark: true });
  const clean = await render("clean", { ...spec, watermark: false });
  const markedFrame = await decodeFrameRgb(ffmpeg, marked.path, 1);
  const cleanFrame = await decodeFrameRgb(ffmpeg, clean.path, 1);
  const box = watermarkBox(854, 480);
  const inBand = meanDifference(markedFrame, cleanFrame, 854, box.y + 2, box.y + box.height - 2);
  const above = meanDifference(markedFrame, cleanFrame, 854, 0, box.y - 8);
  const below = meanDifference(markedFrame, cleanFrame, 854, box.y + box.height + 8, 480);
  assert.ok(inBand > 25, `the band differs by ${inBand.toFixed(1)}`);
  assert.ok(
    above < 4 && below < 4,
    `outside the band the frames agree (${above.toFixed(1)}, ${below.toFixed(1)})`,
  );
  // The letters: near-white pixels in the band of the preview, none the clean render would explain.
  let lettersMarked = 0;
  let lettersClean = 0;
  for (let y = box.y; y < box.y + box.height; y++) {
    for (let x = 0; x < 854; x++) {
      if (isWhite(pixel(markedFrame, 854, x, y)) && !isWhite(pixel(cleanFrame, 854, x, y))) lettersMarked++;
      if (isWhite(pixel(cleanFrame, 854, x, y)) && !isWhite(pixel(markedFrame, 854, x, y))) lettersClean++;
    }
  }
  assert.ok(lettersMarked > 2000, `${lettersMarked} letter pixels in the preview`);
  assert.equal(lettersClean, 0);
});

Deno.test("an AI clip shorter than asked is stretched, not looped, and fitted to the frame", async () => {
  const clip = `${workDir}/clip.mp4`;
  const made = await new Deno.Command(ffmpeg, {
    args: [
      "-loglevel",
      "error",
      "-y",
      "-f",
      "lavfi",
      "-i",
      "testsrc2=s=640x360:r=24:d=2",
      "-c:v",
      "libx264",
      "-preset",
      "ultrafast",
      "-pix_fmt",
      "yuv420p",
      clip,
    ],
  }).output();
  assert.ok(made.success);
  const path = `${workDir}/ai.mp4`;
  await renderVideo({
    ffmpeg,
    sourcePath: clip,
    sourceKind: "video",
    sourceDurationSeconds: 2,
    outputPath: path,
    workDir,
    spec: { ...base, effect: "ai-motion", durationSeconds: 3, resolution: "720p", watermark: true },
  });
  assertPlayable(await probeMedia(ffmpeg, path), 1280, 720, 3);
});

Deno.test("ffmpeg's reports are read: -progress lines and the -i summary", () => {
  assert.equal(progressFraction("out_time_us=1500000", 3), 0.5);
  assert.equal(progressFraction("out_time_ms=3000000", 3), 1);
  assert.equal(progressFraction("frame=12", 3), undefined);
  const info = parseMediaInfo(`Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'a.mp4':
  Duration: 00:00:03.02, start: 0.000000, bitrate: 900 kb/s
    Stream #0:0(und): Video: h264 (High) (avc1 / 0x31637661), yuv420p, 1280x720 [SAR 1:1 DAR 16:9], 800 kb/s, 25 fps, 25 tbr, 12800 tbn, 50 tbc (default)
    Stream #0:1(und): Audio: aac (LC) (mp4a / 0x6134706D), 44100 Hz, stereo, fltp, 128 kb/s (default)`);
  assert.deepEqual(info, {
    durationSeconds: 3.02,
    video: { codec: "h264", pixelFormat: "yuv420p", width: 1280, height: 720, fps: 25 },
    audio: { codec: "aac" },
  });
  assert.throws(() => parseMediaInfo("/tmp/x: Invalid data found when processing input"));
});

Deno.test({
  name: "clean up the renders",
  fn: async () => await Deno.remove(workDir, { recursive: true }),
});
