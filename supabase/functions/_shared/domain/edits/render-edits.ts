/**
 * Renders an edit list: RGBA pixels in, RGBA pixels out, with no DOM and no I/O, so the editor
 * page, the batch "apply to all" and the server's size check all agree on what a list makes.
 * Text is the one thing pure code cannot draw well (fonts), so it goes through an injected port:
 * a canvas in the browser, anything that paints into the pixels elsewhere.
 */
import {
  type Adjustment,
  type CropStep,
  type EditList,
  type EditStep,
  maxCanvasPixels,
  maxCanvasSide,
  type TextStep,
} from "../contracts/image-editor.ts";
import { mergeTokenValues, promptSegments } from "../personalization-tokens.ts";

export interface Pixels {
  width: number;
  height: number;
  /** width × height × 4 bytes, RGBA, row-major. */
  data: Uint8ClampedArray;
}

/** A text layer with its tokens already resolved. */
export type ResolvedTextStep = TextStep & { resolvedText: string };

/** Paints one text layer into `target` in place. */
export type TextPainter = (target: Pixels, layer: ResolvedTextStep) => void;

export class EditListError extends Error {
  constructor(message: string, readonly details: Record<string, unknown> = {}) {
    super(message);
    this.name = "EditListError";
  }
}

export function blankPixels(width: number, height: number): Pixels {
  return { width, height, data: new Uint8ClampedArray(width * height * 4) };
}

function radians(degrees: number) {
  return (degrees * Math.PI) / 180;
}

function normalizedDegrees(degrees: number) {
  return ((degrees % 360) + 360) % 360;
}

/** The pixel box a crop step takes from a canvas of this size (at least 1 × 1). */
export function cropBox(step: CropStep, width: number, height: number) {
  const x = Math.min(width - 1, Math.round(step.x * width));
  const y = Math.min(height - 1, Math.round(step.y * height));
  return {
    x,
    y,
    width: Math.max(1, Math.min(width - x, Math.round(step.width * width))),
    height: Math.max(1, Math.min(height - y, Math.round(step.height * height))),
  };
}

function rotatedSize(degrees: number, width: number, height: number) {
  const turn = normalizedDegrees(degrees);
  if (turn === 0 || turn === 180) return { width, height };
  if (turn === 90 || turn === 270) return { width: height, height: width };
  const cos = Math.abs(Math.cos(radians(turn)));
  const sin = Math.abs(Math.sin(radians(turn)));
  // The tiny epsilon keeps float noise (100.00000001) from adding a whole empty column.
  return {
    width: Math.ceil(width * cos + height * sin - 1e-6),
    height: Math.ceil(width * sin + height * cos - 1e-6),
  };
}

/** The canvas size after one step. */
function sizeAfter(step: EditStep, width: number, height: number) {
  switch (step.type) {
    case "crop": {
      const box = cropBox(step, width, height);
      return { width: box.width, height: box.height };
    }
    case "rotate":
      return rotatedSize(step.degrees, width, height);
    case "resize":
      return { width: step.width, height: step.height };
    default:
      return { width, height };
  }
}

/**
 * The size of the canvas the list makes of a `width` × `height` image, checked at every step
 * against the canvas limits (an oversized canvas is refused before any pixel is touched).
 */
export function editedSize(edits: EditList, width: number, height: number) {
  let size = { width, height };
  edits.steps.forEach((step, index) => {
    size = sizeAfter(step, size.width, size.height);
    if (
      size.width > maxCanvasSide || size.height > maxCanvasSide || size.width * size.height > maxCanvasPixels
    ) {
      throw new EditListError(
        `Step ${
          index + 1
        } (${step.type}) makes a ${size.width}×${size.height} canvas: oversized canvas, the limit is ${maxCanvasSide} pixels on a side.`,
        { step: index, width: size.width, height: size.height, maxSide: maxCanvasSide },
      );
    }
  });
  return size;
}

/** Text layers with their tokens replaced by `tokens`; a token with no value and no fallback shows as typed. */
export function resolveTextLayers(edits: EditList, tokens: Record<string, string> = {}): ResolvedTextStep[] {
  const values = mergeTokenValues(tokens);
  return edits.steps.flatMap((step) => {
    if (step.type !== "text") return [];
    const resolvedText = promptSegments(step.text, values)
      .map((segment) =>
        segment.kind === "token" && segment.source === "missing" ? `[${segment.name}]` : segment.text
      )
      .join("");
    return [{ ...step, resolvedText }];
  });
}

function crop(source: Pixels, step: CropStep): Pixels {
  const box = cropBox(step, source.width, source.height);
  const out = blankPixels(box.width, box.height);
  for (let y = 0; y < box.height; y++) {
    const from = ((box.y + y) * source.width + box.x) * 4;
    out.data.set(source.data.subarray(from, from + box.width * 4), y * box.width * 4);
  }
  return out;
}

function copyPixel(source: Pixels, sx: number, sy: number, out: Pixels, x: number, y: number) {
  const from = (sy * source.width + sx) * 4;
  const to = (y * out.width + x) * 4;
  out.data[to] = source.data[from];
  out.data[to + 1] = source.data[from + 1];
  out.data[to + 2] = source.data[from + 2];
  out.data[to + 3] = source.data[from + 3];
}

/** Bilinear sample at a real position; outside the image is transparent. */
function sample(source: Pixels, fx: number, fy: number, out: Uint8ClampedArray, to: number) {
  const x0 = Math.floor(fx);
  const y0 = Math.floor(fy);
  const tx = fx - x0;
  const ty = fy - y0;
  let r = 0, g = 0, b = 0, a = 0;
  for (
    const [dx, dy, weight] of [[0, 0, (1 - tx) * (1 - ty)], [1, 0, tx * (1 - ty)], [0, 1, (1 - tx) * ty], [
      1,
      1,
      tx * ty,
    ]]
  ) {
    const sx = x0 + dx;
    const sy = y0 + dy;
    if (weight === 0 || sx < 0 || sy < 0 || sx >= source.width || sy >= source.height) continue;
    const i = (sy * source.width + sx) * 4;
    const alpha = source.data[i + 3] * weight;
    r += source.data[i] * alpha;
    g += source.data[i + 1] * alpha;
    b += source.data[i + 2] * alpha;
    a += alpha;
  }
  if (a > 0) {
    out[to] = r / a;
    out[to + 1] = g / a;
    out[to + 2] = b / a;
  }
  out[to + 3] = a;
}

function rotate(source: Pixels, degrees: number): Pixels {
  const turn = normalizedDegrees(degrees);
  const { width, height } = rotatedSize(turn, source.width, source.height);
  const out = blankPixels(width, height);
  if (turn === 0) out.data.set(source.data);
  else if (turn === 90 || turn === 180 || turn === 270) {
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        if (turn === 90) copyPixel(source, y, source.height - 1 - x, out, x, y);
        else if (turn === 180) copyPixel(source, source.width - 1 - x, source.height - 1 - y, out, x, y);
        else copyPixel(source, source.width - 1 - y, x, out, x, y);
      }
    }
  } else {
    // Each output pixel looks back into the source (inverse rotation about both centres).
    const cos = Math.cos(radians(turn));
    const sin = Math.sin(radians(turn));
    const cx = source.width / 2;
    const cy = source.height / 2;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const dx = x + 0.5 - width / 2;
        const dy = y + 0.5 - height / 2;
        sample(
          source,
          cx + dx * cos + dy * sin - 0.5,
          cy - dx * sin + dy * cos - 0.5,
          out.data,
          (y * width + x) * 4,
        );
      }
    }
  }
  return out;
}

function flip(source: Pixels, axis: "horizontal" | "vertical"): Pixels {
  const out = blankPixels(source.width, source.height);
  for (let y = 0; y < source.height; y++) {
    for (let x = 0; x < source.width; x++) {
      if (axis === "horizontal") copyPixel(source, source.width - 1 - x, y, out, x, y);
      else copyPixel(source, x, source.height - 1 - y, out, x, y);
    }
  }
  return out;
}

/** Box filter down, bilinear up: good enough for an editor and the same everywhere. */
function resize(source: Pixels, width: number, height: number): Pixels {
  const out = blankPixels(width, height);
  const scaleX = source.width / width;
  const scaleY = source.height / height;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const to = (y * width + x) * 4;
      if (scaleX <= 1 && scaleY <= 1) {
        sample(
          source,
          Math.min(source.width - 1, Math.max(0, (x + 0.5) * scaleX - 0.5)),
          Math.min(source.height - 1, Math.max(0, (y + 0.5) * scaleY - 0.5)),
          out.data,
          to,
        );
        continue;
      }
      const x0 = Math.floor(x * scaleX);
      const x1 = Math.max(x0 + 1, Math.floor((x + 1) * scaleX));
      const y0 = Math.floor(y * scaleY);
      const y1 = Math.max(y0 + 1, Math.floor((y + 1) * scaleY));
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = y0; sy < y1; sy++) {
        for (let sx = x0; sx < x1; sx++) {
          const i = (sy * source.width + sx) * 4;
          const alpha = source.data[i + 3];
          r += source.data[i] * alpha;
          g += source.data[i + 1] * alpha;
          b += source.data[i + 2] * alpha;
          a += alpha;
        }
      }
      if (a > 0) {
        out.data[to] = r / a;
        out.data[to + 1] = g / a;
        out.data[to + 2] = b / a;
      }
      out.data[to + 3] = a / ((y1 - y0) * (x1 - x0));
    }
  }
  return out;
}

type ColourMatrix = readonly [number, number, number, number, number, number, number, number, number];

/** The matrices of the CSS Filter Effects spec (saturate, hue-rotate, sepia, grayscale). */
function saturateMatrix(s: number): ColourMatrix {
  return [
    0.213 + 0.787 * s,
    0.715 - 0.715 * s,
    0.072 - 0.072 * s,
    0.213 - 0.213 * s,
    0.715 + 0.285 * s,
    0.072 - 0.072 * s,
    0.213 - 0.213 * s,
    0.715 - 0.715 * s,
    0.072 + 0.928 * s,
  ];
}

function hueMatrix(degrees: number): ColourMatrix {
  const cos = Math.cos(radians(degrees));
  const sin = Math.sin(radians(degrees));
  return [
    0.213 + cos * 0.787 - sin * 0.213,
    0.715 - cos * 0.715 - sin * 0.715,
    0.072 - cos * 0.072 + sin * 0.928,
    0.213 - cos * 0.213 + sin * 0.143,
    0.715 + cos * 0.285 + sin * 0.14,
    0.072 - cos * 0.072 - sin * 0.283,
    0.213 - cos * 0.213 - sin * 0.787,
    0.715 - cos * 0.715 + sin * 0.715,
    0.072 + cos * 0.928 + sin * 0.072,
  ];
}

const sepiaMatrix: ColourMatrix = [0.393, 0.769, 0.189, 0.349, 0.686, 0.168, 0.272, 0.534, 0.131];

function mapColours(
  source: Pixels,
  map: (r: number, g: number, b: number) => [number, number, number],
): Pixels {
  const out = blankPixels(source.width, source.height);
  const data = source.data;
  for (let i = 0; i < data.length; i += 4) {
    const [r, g, b] = map(data[i], data[i + 1], data[i + 2]);
    out.data[i] = r;
    out.data[i + 1] = g;
    out.data[i + 2] = b;
    out.data[i + 3] = data[i + 3];
  }
  return out;
}

function withMatrix(m: ColourMatrix) {
  return (r: number, g: number, b: number): [number, number, number] => [
    m[0] * r + m[1] * g + m[2] * b,
    m[3] * r + m[4] * g + m[5] * b,
    m[6] * r + m[7] * g + m[8] * b,
  ];
}

/** Horizontal then vertical box blur of the given radius, edges clamped. */
function boxBlur(source: Pixels, radius: number): Pixels {
  if (radius < 1) return { ...source, data: source.data.slice() };
  const pass = (input: Pixels, horizontal: boolean) => {
    const out = blankPixels(input.width, input.height);
    const { width, height } = input;
    const span = 2 * radius + 1;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        let r = 0, g = 0, b = 0, a = 0;
        for (let k = -radius; k <= radius; k++) {
          const sx = horizontal ? Math.min(width - 1, Math.max(0, x + k)) : x;
          const sy = horizontal ? y : Math.min(height - 1, Math.max(0, y + k));
          const i = (sy * width + sx) * 4;
          r += input.data[i];
          g += input.data[i + 1];
          b += input.data[i + 2];
          a += input.data[i + 3];
        }
        const to = (y * width + x) * 4;
        out.data[to] = r / span;
        out.data[to + 1] = g / span;
        out.data[to + 2] = b / span;
        out.data[to + 3] = a / span;
      }
    }
    return out;
  };
  return pass(pass(source, true), false);
}

/** Unsharp mask: the image plus `amount` of its difference from a 1 px blur. */
function sharpen(source: Pixels, amount: number): Pixels {
  const blurred = boxBlur(source, 1);
  const out = blankPixels(source.width, source.height);
  const k = amount / 50;
  for (let i = 0; i < source.data.length; i += 4) {
    for (let c = 0; c < 3; c++) {
      out.data[i + c] = source.data[i + c] + k * (source.data[i + c] - blurred.data[i + c]);
    }
    out.data[i + 3] = source.data[i + 3];
  }
  return out;
}

function adjust(source: Pixels, adjustment: Adjustment, amount: number): Pixels {
  switch (adjustment) {
    case "brightness": {
      const factor = 1 + amount / 100;
      return mapColours(source, (r, g, b) => [r * factor, g * factor, b * factor]);
    }
    case "contrast": {
      const factor = 1 + amount / 100;
      const c = (v: number) => (v - 128) * factor + 128;
      return mapColours(source, (r, g, b) => [c(r), c(g), c(b)]);
    }
    case "saturation":
      return mapColours(source, withMatrix(saturateMatrix(1 + amount / 100)));
    case "hue":
      return mapColours(source, withMatrix(hueMatrix(amount)));
    case "blur":
      return boxBlur(source, Math.round(amount));
    case "sharpen":
      return sharpen(source, amount);
  }
}

function filter(source: Pixels, name: string): Pixels {
  switch (name) {
    case "grayscale":
      return mapColours(source, withMatrix(saturateMatrix(0)));
    case "sepia":
      return mapColours(source, withMatrix(sepiaMatrix));
    case "invert":
      return mapColours(source, (r, g, b) => [255 - r, 255 - g, 255 - b]);
    case "vintage": {
      const sepia = withMatrix(sepiaMatrix);
      return mapColours(source, (r, g, b) => {
        const [sr, sg, sb] = sepia(r, g, b);
        // Half sepia, lifted blacks: the faded print look.
        return [0.5 * (r + sr) * 0.9 + 20, 0.5 * (g + sg) * 0.9 + 20, 0.5 * (b + sb) * 0.9 + 20];
      });
    }
    case "warm":
      return mapColours(source, (r, g, b) => [r + 20, g + 5, b - 20]);
    case "cool":
      return mapColours(source, (r, g, b) => [r - 20, g + 5, b + 20]);
    default:
      throw new EditListError(`There is no filter named ${name}.`);
  }
}

function applyStep(
  source: Pixels,
  step: EditStep,
  layers: Map<string, ResolvedTextStep>,
  paint: TextPainter,
) {
  switch (step.type) {
    case "crop":
      return crop(source, step);
    case "rotate":
      return rotate(source, step.degrees);
    case "flip":
      return flip(source, step.axis);
    case "resize":
      return resize(source, step.width, step.height);
    case "adjust":
      return adjust(source, step.adjustment, step.amount);
    case "filter":
      return filter(source, step.name);
    case "text": {
      const out = { ...source, data: source.data.slice() };
      paint(out, layers.get(step.id) ?? { ...step, resolvedText: step.text });
      return out;
    }
  }
}

export interface RenderOptions {
  paintText: TextPainter;
  /** The token values text layers are resolved with (the image's own, or a batch row's). */
  tokens?: Record<string, string>;
  /** Render only the first `upTo` steps (the editor's before/after and history previews). */
  upTo?: number;
}

/** Runs the edit list over `source`; the source is never changed. */
export function renderEdits(source: Pixels, edits: EditList, options: RenderOptions): Pixels {
  const steps = edits.steps.slice(0, options.upTo ?? edits.steps.length);
  editedSize({ ...edits, steps }, source.width, source.height);
  const layers = new Map(resolveTextLayers(edits, options.tokens).map((layer) => [layer.id, layer]));
  let pixels: Pixels = { ...source, data: source.data.slice() };
  for (const step of steps) pixels = applyStep(pixels, step, layers, options.paintText);
  return pixels;
}
