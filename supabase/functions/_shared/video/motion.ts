/**
 * The camera moves, as zoompan expressions and as the same trajectory in numbers (for the
 * jitter measurement). zoompan places its crop window at whole input pixels and sizes it in whole
 * pixels; it is fed one frame upscaled `supersample` times, so that rounding is a fraction of an
 * output pixel and the motion reads as continuous.
 */
export const motionEffects = ["zoom-in", "zoom-out", "pan-left", "pan-right", "pan-up", "pan-down", "ken-burns"] as const;
export type MotionEffect = (typeof motionEffects)[number];

export const videoEffects = [...motionEffects, "rotate", "fade", "ai-motion"] as const;
export type VideoEffect = (typeof videoEffects)[number];

export function isMotionEffect(effect: string): effect is MotionEffect {
  return (motionEffects as readonly string[]).includes(effect);
}

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
 * `width`×`height` at `fps`. zoompan evaluates `zoom` first, then x and y with it.
 */
export function zoompanFilter(effect: MotionEffect, options: { frames: number; width: number; height: number; fps: number }): string {
  const shot = shots[effect];
  const e = easedExpression(options.frames);
  const x = `(iw-iw/zoom)*${between(shot.across, e)}`;
  const y = `(ih-ih/zoom)*${between(shot.down, e)}`;
  return `zoompan=z='${between(shot.zoom, e)}':x='${x}':y='${y}':d=${options.frames}:s=${options.width}x${options.height}:fps=${options.fps}`;
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
  return { zoom, width, height, x: (canvas.width - width) * at(shot.across), y: (canvas.height - height) * at(shot.down) };
}

export interface JitterReport {
  /** Largest distance, in output pixels, between where an edge of the picture is and where it should be. */
  maxErrorPx: number;
  /** Largest frame-to-frame change of an edge's speed, in output pixels per frame. */
  maxAccelerationPx: number;
  /** Frames where an edge moved against the direction of travel. */
  reversals: number;
}

/**
 * What zoompan's whole-pixel window does to the planned trajectory on a canvas `supersample`
 * times the output: each frame's window is truncated to integers as zoompan does, and its edges
 * are compared with the exact plan, in output pixels.
 */
export function measureJitter(
  effect: MotionEffect,
  options: { frames: number; outputWidth: number; canvasWidth: number; canvasHeight: number },
): JitterReport {
  const toOutput = options.outputWidth / options.canvasWidth;
  const canvas = { width: options.canvasWidth, height: options.canvasHeight };
  const exact: number[][] = [];
  const rounded: number[][] = [];
  for (let frame = 0; frame < options.frames; frame++) {
    const window = plannedWindow(effect, frame, options.frames, canvas);
    const width = Math.trunc(window.width);
    const height = Math.trunc(window.height);
    const x = Math.trunc(Math.min(Math.max(window.x, 0), canvas.width - width));
    const y = Math.trunc(Math.min(Math.max(window.y, 0), canvas.height - height));
    exact.push([window.x, window.x + window.width, window.y, window.y + window.height].map((v) => v * toOutput));
    rounded.push([x, x + width, y, y + height].map((v) => v * toOutput));
  }
  let maxErrorPx = 0;
  let maxAccelerationPx = 0;
  let reversals = 0;
  for (let frame = 0; frame < options.frames; frame++) {
    for (let edge = 0; edge < 4; edge++) {
      maxErrorPx = Math.max(maxErrorPx, Math.abs(rounded[frame][edge] - exact[frame][edge]));
      if (frame >= 2) {
        const speed = rounded[frame][edge] - rounded[frame - 1][edge];
        const before = rounded[frame - 1][edge] - rounded[frame - 2][edge];
        maxAccelerationPx = Math.max(maxAccelerationPx, Math.abs(speed - before));
        const direction = Math.sign(exact[options.frames - 1][edge] - exact[0][edge]);
        if (direction !== 0 && Math.sign(speed) === -direction) reversals++;
      }
    }
  }
  return { maxErrorPx, maxAccelerationPx, reversals };
}
