/**
 * The camera moves, as zoompan expressions and as the same trajectory in numbers (for the
 * jitter measurement). zoompan crops a window of whole pixels at whole-pixel offsets and scales it
 * to the frame; plainly used (x from the exact zoom, truncated), the window's edges wobble by up to
 * two pixels of its input and can step backwards: the well-known zoompan jitter. Here it is fed one
 * frame upscaled (render.ts supersampleFor), so a pixel of its input is a fraction of an output
 * pixel, and the expressions round rather than truncate: the zoom is chosen so that the window's
 * width is the nearest whole number, and the window is centred on the planned centre.
 */
import { type VideoEffect, videoEffects } from "../domain/video-options.ts";

/** The effects that are not camera moves over the still: render.ts makes these another way. */
const otherEffects = ["rotate", "fade", "ai-motion"] as const satisfies readonly VideoEffect[];
export type MotionEffect = Exclude<VideoEffect, (typeof otherEffects)[number]>;

export function isMotionEffect(effect: string): effect is MotionEffect {
  return (videoEffects as readonly string[]).includes(effect) &&
    !(otherEffects as readonly string[]).includes(effect);
}

export const motionEffects: readonly MotionEffect[] = videoEffects.filter(isMotionEffect);

/** How far the zooms go, and the zoom a pan holds so that there is room to move. */
const maxZoom = 1.3;
const panZoom = 1.2;

/**
 * A shot moves linearly (in eased time) from its first value to its second: the zoom (≥ 1), and
 * the window's left and top as a share of the room left around it (0 = at the left or top edge).
 */
interface Shot {
  zoom: [number, number];
  across: [number, number];
  down: [number, number];
}

const shots: Record<MotionEffect, Shot> = {
  "zoom-in": { zoom: [1, maxZoom], across: [0.5, 0.5], down: [0.5, 0.5] },
  "zoom-out": { zoom: [maxZoom, 1], across: [0.5, 0.5], down: [0.5, 0.5] },
  // The camera turns left: the window travels from the right edge to the left one.
  "pan-left": { zoom: [panZoom, panZoom], across: [1, 0], down: [0.5, 0.5] },
  "pan-right": { zoom: [panZoom, panZoom], across: [0, 1], down: [0.5, 0.5] },
  "pan-up": { zoom: [panZoom, panZoom], across: [0.5, 0.5], down: [1, 0] },
  "pan-down": { zoom: [panZoom, panZoom], across: [0.5, 0.5], down: [0, 1] },
  // Pan and zoom together: a slow push in while drifting from the upper left to the right.
  "ken-burns": { zoom: [1.05, 1.3], across: [0.15, 0.85], down: [0.35, 0.65] },
};

/** Ease in and out (smoothstep), so the camera starts and stops without a jolt. */
function ease(p: number): number {
  return p * p * (3 - 2 * p);
}

function easedExpression(frames: number): string {
  const p = `(on/${Math.max(1, frames - 1)})`;
  return `(${p}*${p}*(3-2*${p}))`;
}

function between([from, to]: [number, number], e: string): string {
  return from === to ? `${from}` : `(${from}+${to - from}*${e})`;
}

/**
 * The zoompan filter for `effect` over `frames` frames, fed one canvas frame and producing
 * `width`×`height` at `fps`. zoompan evaluates `zoom` first (clamped to 1..10), then crops
 * trunc(iw/zoom) × trunc(ih/zoom) at trunc(x), trunc(y). Here the left and right edges of the
 * planned window are each rounded to a whole pixel (rounding a steady motion keeps it steady),
 * the zoom is the one whose width spans exactly between them (the 0.001 keeps that width whole
 * through the division), and the window is centred vertically on the planned centre.
 */
export function zoompanFilter(
  effect: MotionEffect,
  options: { frames: number; width: number; height: number; fps: number },
): string {
  const shot = shots[effect];
  const e = easedExpression(options.frames);
  const exactZoom = between(shot.zoom, e);
  const left = `(iw-iw/${exactZoom})*${between(shot.across, e)}`;
  const right = `(${left}+iw/${exactZoom})`;
  const centreY = `((ih-ih/${exactZoom})*${between(shot.down, e)}+ih/(2*${exactZoom}))`;
  const z = `iw/(round(${right})-round(${left})+0.001)`;
  const x = `round(${left})`;
  const y = `round(${centreY}-floor(ih/zoom)/2)`;
  return `zoompan=z='${z}':x='${x}':y='${y}':d=${options.frames}:s=${options.width}x${options.height}:fps=${options.fps}`;
}

/** zoompan as it is usually written, x and y from the exact zoom: what the benchmark compares with. */
export function plainZoompanFilter(
  effect: MotionEffect,
  options: { frames: number; width: number; height: number; fps: number },
): string {
  const shot = shots[effect];
  const e = easedExpression(options.frames);
  const x = `(iw-iw/zoom)*${between(shot.across, e)}`;
  const y = `(ih-ih/zoom)*${between(shot.down, e)}`;
  return `zoompan=z='${
    between(shot.zoom, e)
  }':x='${x}':y='${y}':d=${options.frames}:s=${options.width}x${options.height}:fps=${options.fps}`;
}

/** The window zoompan crops for frame `frame`, in whole canvas pixels, with our expressions or the plain ones. */
export function croppedWindow(
  effect: MotionEffect,
  frame: number,
  frames: number,
  canvas: { width: number; height: number },
  expressions: "ours" | "plain",
): { x: number; y: number; width: number; height: number } {
  const exact = plannedWindow(effect, frame, frames, canvas);
  const zoom = expressions === "ours"
    ? Math.min(
      10,
      Math.max(1, canvas.width / (Math.round(exact.x + exact.width) - Math.round(exact.x) + 0.001)),
    )
    : exact.zoom;
  const width = Math.trunc(canvas.width / zoom);
  const height = Math.trunc(canvas.height / zoom);
  const x = expressions === "ours" ? Math.round(exact.x) : exact.x;
  const y = expressions === "ours"
    ? Math.round(exact.y + exact.height / 2 - Math.floor(canvas.height / zoom) / 2)
    : exact.y;
  return {
    x: Math.trunc(Math.min(Math.max(x, 0), Math.max(0, canvas.width - width))),
    y: Math.trunc(Math.min(Math.max(y, 0), Math.max(0, canvas.height - height))),
    width,
    height,
  };
}

/** The same trajectory in numbers: zoom and the exact window on a canvas of the given size. */
export function plannedWindow(
  effect: MotionEffect,
  frame: number,
  frames: number,
  canvas: { width: number; height: number },
): { zoom: number; x: number; y: number; width: number; height: number } {
  const e = ease(frame / Math.max(1, frames - 1));
  const at = ([from, to]: [number, number]) => from + (to - from) * e;
  const shot = shots[effect];
  const zoom = Math.min(10, Math.max(1, at(shot.zoom)));
  const width = canvas.width / zoom;
  const height = canvas.height / zoom;
  return {
    zoom,
    width,
    height,
    x: (canvas.width - width) * at(shot.across),
    y: (canvas.height - height) * at(shot.down),
  };
}

export interface JitterReport {
  /** Largest distance, in output pixels, between where an edge of the frame samples the picture and where the plan says. */
  maxErrorPx: number;
  /** Largest frame-to-frame change of an edge's step, in output pixels: how unevenly it moves. */
  maxAccelerationPx: number;
  /** Steps where an edge moved against the plan's direction (near a turn or a stop, rounding can). */
  reversals: number;
  /** The largest of those backward steps, in output pixels. */
  maxBackwardStepPx: number;
}

/**
 * What zoompan's whole-pixel window does to the planned trajectory on a canvas of the given size:
 * each frame's window as zoompan crops it (croppedWindow) against the exact plan, edge by edge, in
 * output pixels (a canvas pixel is output width / window width output pixels).
 */
export function measureJitter(
  effect: MotionEffect,
  options: {
    frames: number;
    outputWidth: number;
    outputHeight: number;
    canvasWidth: number;
    canvasHeight: number;
    expressions: "ours" | "plain";
  },
): JitterReport {
  const canvas = { width: options.canvasWidth, height: options.canvasHeight };
  // Edges (left, right, top, bottom) in canvas pixels, and each frame's canvas-to-output scale.
  const exact: number[][] = [];
  const cropped: number[][] = [];
  const scale: number[][] = [];
  for (let frame = 0; frame < options.frames; frame++) {
    const window = plannedWindow(effect, frame, options.frames, canvas);
    const { x, y, width, height } = croppedWindow(effect, frame, options.frames, canvas, options.expressions);
    exact.push([window.x, window.x + window.width, window.y, window.y + window.height]);
    cropped.push([x, x + width, y, y + height]);
    const across = options.outputWidth / window.width;
    const down = options.outputHeight / window.height;
    scale.push([across, across, down, down]);
  }
  const errorAt = (frame: number, edge: number) =>
    (cropped[frame][edge] - exact[frame][edge]) * scale[frame][edge];
  let maxErrorPx = 0;
  let maxAccelerationPx = 0;
  let reversals = 0;
  let maxBackwardStepPx = 0;
  for (let frame = 0; frame < options.frames; frame++) {
    for (let edge = 0; edge < 4; edge++) {
      maxErrorPx = Math.max(maxErrorPx, Math.abs(errorAt(frame, edge)));
      if (frame < 2) continue;
      const step = errorAt(frame, edge) - errorAt(frame - 1, edge);
      const before = errorAt(frame - 1, edge) - errorAt(frame - 2, edge);
      maxAccelerationPx = Math.max(maxAccelerationPx, Math.abs(step - before));
      const planned = exact[frame][edge] - exact[frame - 1][edge];
      const actual = cropped[frame][edge] - cropped[frame - 1][edge];
      if (Math.abs(planned) > 1e-9 && Math.sign(actual) === -Math.sign(planned)) {
        reversals++;
        maxBackwardStepPx = Math.max(maxBackwardStepPx, Math.abs(actual) * scale[frame][edge]);
      }
    }
  }
  return { maxErrorPx, maxAccelerationPx, reversals, maxBackwardStepPx };
}
