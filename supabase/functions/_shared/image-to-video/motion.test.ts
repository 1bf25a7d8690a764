import assert from "node:assert/strict";
import { croppedWindow, measureJitter, motionEffects, plannedWindow, zoompanFilter } from "./motion.ts";
import { frameSizes, supersampleFor } from "./render.ts";

const frames = 75;

for (const resolution of ["480p", "720p", "1080p"] as const) {
  const { width, height } = frameSizes[resolution];
  const k = supersampleFor(width);
  for (const effect of motionEffects) {
    Deno.test(`${effect} at ${resolution}: zoompan's window stays within ${(1.5 / k).toFixed(2)} output px of the plan`, () => {
      const jitter = measureJitter(effect, {
        frames,
        outputWidth: width,
        outputHeight: height,
        canvasWidth: width * k,
        canvasHeight: height * k,
        expressions: "ours",
      });
      // Rounding puts an edge half a canvas pixel off at most, a canvas pixel is 1/k of the
      // window's output width at zoom 1, and at most 1.3/k at the deepest zoom; a height
      // truncated from the width adds up to one more pixel to the bottom edge.
      assert.ok(jitter.maxErrorPx <= 1.5 / k + 1e-9, `error ${jitter.maxErrorPx}`);
      // Where an edge's planned motion turns or stops, rounding may step it one canvas pixel back.
      assert.ok(jitter.maxBackwardStepPx <= 1.3 / k + 1e-9, `backward step ${jitter.maxBackwardStepPx}`);
      if (effect !== "ken-burns") assert.equal(jitter.reversals, 0, "a straight move never steps back");
    });
  }
}

Deno.test("plain zoompan on the picture itself wobbles several times more, and steps back", () => {
  const { width, height } = frameSizes["720p"];
  const k = supersampleFor(width);
  const ours = measureJitter("ken-burns", {
    frames,
    outputWidth: width,
    outputHeight: height,
    canvasWidth: width * k,
    canvasHeight: height * k,
    expressions: "ours",
  });
  const plain = measureJitter("ken-burns", {
    frames,
    outputWidth: width,
    outputHeight: height,
    canvasWidth: 1024,
    canvasHeight: 576,
    expressions: "plain",
  });
  assert.ok(plain.maxErrorPx > 3 * ours.maxErrorPx, `${plain.maxErrorPx} vs ${ours.maxErrorPx}`);
  assert.ok(plain.reversals > ours.reversals, `${plain.reversals} vs ${ours.reversals} backward steps`);
  assert.ok(plain.maxBackwardStepPx > 2 * ours.maxBackwardStepPx);
});

Deno.test("the plan eases in and out and stays inside the canvas; the cropped window too", () => {
  const canvas = { width: 3840, height: 2160 };
  for (const effect of motionEffects) {
    for (let frame = 0; frame < frames; frame++) {
      for (
        const window of [
          plannedWindow(effect, frame, frames, canvas),
          croppedWindow(effect, frame, frames, canvas, "ours"),
        ]
      ) {
        assert.ok(window.x >= 0 && window.y >= 0, `${effect} ${frame}`);
        assert.ok(
          window.x + window.width <= canvas.width + 1e-9 && window.y + window.height <= canvas.height + 1e-9,
        );
      }
    }
    const travel = (a: number, b: number) => {
      const first = plannedWindow(effect, a, frames, canvas);
      const second = plannedWindow(effect, b, frames, canvas);
      return Math.abs(second.x - first.x) + Math.abs(second.y - first.y) +
        Math.abs(second.width - first.width);
    };
    assert.ok(travel(0, 1) < travel(36, 37) / 10, `${effect} starts slowly`);
    assert.ok(travel(73, 74) < travel(36, 37) / 10, `${effect} stops slowly`);
  }
  assert.equal(plannedWindow("zoom-in", 0, frames, canvas).zoom, 1);
  assert.equal(plannedWindow("zoom-in", frames - 1, frames, canvas).zoom, 1.3);
  assert.equal(plannedWindow("pan-left", 0, frames, canvas).x, canvas.width - canvas.width / 1.2);
  assert.equal(plannedWindow("pan-left", frames - 1, frames, canvas).x, 0);
});

Deno.test("the zoompan filter takes one frame for the whole duration at the output size", () => {
  const filter = zoompanFilter("ken-burns", { frames, width: 1280, height: 720, fps: 25 });
  assert.match(filter, /:d=75:s=1280x720:fps=25$/);
  assert.match(filter, /on\/74/);
});
