/**
 * The offline provider: a deterministic picture made from the prompt and settings, so every
 * feature works with no key and no network. Same input, same bytes: the palette and shapes
 * come from a hash of the input, and the prompt is written into the image with a bitmap font
 * under an "offline render" label, so nobody mistakes it for a model's output.
 */
import { glyph, GLYPH_HEIGHT, GLYPH_WIDTH, toFontText } from "../images/bitmap-font.ts";
import { crc32, encodePngRgb } from "../images/png.ts";
import type { ImageAdapter } from "./adapter.ts";
import { editOffline, OFFLINE_EDIT_LABEL } from "./local-edits.ts";
import type { ImageSettings, ReferenceImage } from "./types.ts";

export const OFFLINE_LABEL = "OFFLINE RENDER";

type Rgb = [number, number, number];

export interface Canvas {
  width: number;
  height: number;
  /** Clamped, so blending arithmetic rounds instead of wrapping. */
  rgb: Uint8Array;
}

export interface OfflineRenderInput {
  prompt: string;
  settings: ImageSettings;
  referenceImage?: ReferenceImage;
}

export interface OfflineRender {
  png: Uint8Array;
  width: number;
  height: number;
  seed: number;
}

/** FNV-1a over UTF-8: small, fast and stable across runtimes. */
function fnv1a(text: string, seed = 0x811c9dc5): number {
  let hash = seed >>> 0;
  for (const byte of new TextEncoder().encode(text)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash;
}

/** mulberry32: a seeded generator, so a given seed always draws the same picture. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hsl(hueDegrees: number, saturation: number, lightness: number): Rgb {
  const hue = ((hueDegrees % 360) + 360) % 360 / 360;
  const q = lightness < 0.5 ? lightness * (1 + saturation) : lightness + saturation - lightness * saturation;
  const p = 2 * lightness - q;
  const channel = (offset: number) => {
    let t = hue + offset;
    if (t < 0) t += 1;
    if (t > 1) t -= 1;
    const value = t < 1 / 6
      ? p + (q - p) * 6 * t
      : t < 1 / 2
      ? q
      : t < 2 / 3
      ? p + (q - p) * (2 / 3 - t) * 6
      : p;
    return Math.round(value * 255);
  };
  return [channel(1 / 3), channel(0), channel(-1 / 3)];
}

export function offlineImageSize(settings: ImageSettings): { width: number; height: number } {
  const longSide = Number(settings.size ?? "1024");
  const [across, down] = (settings.aspectRatio ?? "1:1").split(":").map(Number);
  return across >= down
    ? { width: longSide, height: Math.round((longSide * down) / across) }
    : { width: Math.round((longSide * across) / down), height: longSide };
}

/**
 * A gradient in flat bands: flat areas give rows that repeat, which deflate (and thus the whole
 * render) handles many times faster than smooth gradients, and the banding suits the pixel font.
 */
function paintBands(canvas: Canvas, from: Rgb, to: Rgb, angle: number, bands: number): void {
  const { width, height, rgb } = canvas;
  const dx = Math.cos(angle);
  const dy = Math.sin(angle);
  const corners = [0, width * dx, height * dy, width * dx + height * dy];
  const min = Math.min(...corners);
  const span = Math.max(...corners) - min || 1;
  const palette = Array.from({ length: bands }, (_, band): Rgb => {
    const t = band / (bands - 1);
    return [0, 1, 2].map((c) => from[c] + (to[c] - from[c]) * t) as Rgb;
  });
  const step = (dx / span) * bands;
  for (let y = 0; y < height; y++) {
    const start = ((y * dy - min) / span) * bands;
    let i = y * width * 3;
    let x = 0;
    // Walk the row run by run: one band lookup per run, not per pixel.
    while (x < width) {
      const band = Math.min(bands - 1, Math.max(0, Math.floor(start + x * step)));
      let runEnd = width;
      if (step > 0 && band < bands - 1) runEnd = Math.min(width, Math.ceil((band + 1 - start) / step));
      else if (step < 0 && band > 0) runEnd = Math.min(width, Math.ceil((band - start) / step));
      runEnd = Math.max(runEnd, x + 1);
      const [r, g, b] = palette[band];
      for (; x < runEnd; x++, i += 3) {
        rgb[i] = r;
        rgb[i + 1] = g;
        rgb[i + 2] = b;
      }
    }
  }
}

/**
 * Pixels of the annulus between `inner` and `outer` (inner 0 for a disc) with a one-pixel
 * anti-aliased edge. Rows are cut to the shape, and only edge pixels pay for a square root.
 */
function paintAnnulus(
  canvas: Canvas,
  cx: number,
  cy: number,
  inner: number,
  outer: number,
  color: Rgb,
  opacity: number,
) {
  const { width, height, rgb } = canvas;
  const reach = outer + 0.5;
  const solidOuter = Math.max(0, outer - 0.5) ** 2;
  const solidInner = inner > 0 ? (inner + 0.5) ** 2 : -1;
  const [r, g, b] = color.map((c) => c * opacity);
  const keep = 1 - opacity;
  for (let y = Math.max(0, Math.floor(cy - reach)); y <= Math.min(height - 1, Math.ceil(cy + reach)); y++) {
    const dy2 = (y - cy) * (y - cy);
    if (dy2 > reach * reach) continue;
    const half = Math.sqrt(reach * reach - dy2);
    const x0 = Math.max(0, Math.floor(cx - half));
    const x1 = Math.min(width - 1, Math.ceil(cx + half));
    let i = (y * width + x0) * 3;
    for (let x = x0; x <= x1; x++, i += 3) {
      const d2 = (x - cx) * (x - cx) + dy2;
      if (d2 <= solidOuter && d2 >= solidInner) {
        rgb[i] = rgb[i] * keep + r;
        rgb[i + 1] = rgb[i + 1] * keep + g;
        rgb[i + 2] = rgb[i + 2] * keep + b;
        continue;
      }
      const distance = Math.sqrt(d2);
      const coverage = Math.min(1, outer + 0.5 - distance, inner > 0 ? distance - inner + 0.5 : 1);
      if (coverage <= 0) continue;
      const alpha = opacity * coverage;
      rgb[i] += (color[0] - rgb[i]) * alpha;
      rgb[i + 1] += (color[1] - rgb[i + 1]) * alpha;
      rgb[i + 2] += (color[2] - rgb[i + 2]) * alpha;
    }
  }
}

export function shadeRect(
  canvas: Canvas,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  factor: number,
): void {
  const { width, height, rgb } = canvas;
  for (let y = Math.max(0, y0); y < Math.min(height, y1); y++) {
    for (
      let i = (y * width + Math.max(0, x0)) * 3, end = (y * width + Math.min(width, x1)) * 3;
      i < end;
      i++
    ) {
      rgb[i] *= factor;
    }
  }
}

function fillRect(canvas: Canvas, x0: number, y0: number, size: number, color: Rgb): void {
  const { width, height, rgb } = canvas;
  for (let y = Math.max(0, y0); y < Math.min(height, y0 + size); y++) {
    for (let x = Math.max(0, x0); x < Math.min(width, x0 + size); x++) {
      const i = (y * width + x) * 3;
      rgb[i] = color[0];
      rgb[i + 1] = color[1];
      rgb[i + 2] = color[2];
    }
  }
}

export function drawText(
  canvas: Canvas,
  text: string,
  x: number,
  y: number,
  scale: number,
  color: Rgb,
): void {
  const shadow = Math.max(1, Math.floor(scale / 2));
  for (const [offset, ink] of [[shadow, [0, 0, 0] as Rgb], [0, color]] as const) {
    let penX = x + offset;
    for (const char of text) {
      const rows = glyph(char);
      for (let row = 0; row < GLYPH_HEIGHT; row++) {
        for (let column = 0; column < GLYPH_WIDTH; column++) {
          if (rows[row] & (1 << (GLYPH_WIDTH - 1 - column))) {
            fillRect(canvas, penX + column * scale, y + offset + row * scale, scale, ink);
          }
        }
      }
      penX += (GLYPH_WIDTH + 1) * scale;
    }
  }
}

/** Greedy word wrap; the last line ends in "..." when the text does not fit. */
function wrap(text: string, columns: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (let word of text.split(" ").filter(Boolean)) {
    while (word.length > columns) {
      if (line) lines.push(line);
      lines.push(word.slice(0, columns));
      word = word.slice(columns);
      line = "";
    }
    if (!line) line = word;
    else if (line.length + 1 + word.length <= columns) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${kept[maxLines - 1].slice(0, columns - 3)}...`;
  return kept;
}

export async function renderOfflineImage(input: OfflineRenderInput): Promise<OfflineRender> {
  const { width, height } = offlineImageSize(input.settings);
  const identity = JSON.stringify([
    input.prompt,
    input.settings.aspectRatio,
    input.settings.size,
    input.settings.style ?? "",
    input.referenceImage ? crc32(input.referenceImage.bytes) : 0,
  ]);
  const seed = fnv1a(identity);
  const random = seededRandom(seed);
  const canvas: Canvas = { width, height, rgb: new Uint8Array(width * height * 3) };
  const shortSide = Math.min(width, height);

  const hue = random() * 360;
  paintBands(
    canvas,
    hsl(hue, 0.55, 0.16),
    hsl(hue + 40 + random() * 40, 0.6, 0.42),
    random() * Math.PI * 2,
    12,
  );
  const discs = 5 + Math.floor(random() * 3);
  for (let n = 0; n < discs; n++) {
    const cx = random() * width;
    const cy = random() * height;
    const radius = shortSide * (0.06 + random() * 0.22);
    const color = hsl(hue + 90 + random() * 180, 0.7, 0.6);
    // A faint halo ring around the disc gives depth without smooth gradients.
    paintAnnulus(canvas, cx, cy, radius, radius * 1.35, color, 0.18);
    paintAnnulus(canvas, cx, cy, 0, radius, color, 0.45 + random() * 0.35);
  }
  for (let n = 0; n < 2; n++) {
    const radius = shortSide * (0.15 + random() * 0.3);
    const thickness = Math.max(1.5, shortSide * 0.006);
    paintAnnulus(
      canvas,
      random() * width,
      random() * height,
      radius,
      radius + thickness,
      hsl(hue + 180, 0.5, 0.85),
      0.55,
    );
  }

  const scale = Math.max(1, Math.floor(shortSide / 256));
  const advance = (GLYPH_WIDTH + 1) * scale;
  const lineHeight = (GLYPH_HEIGHT + 4) * scale;
  const margin = 4 * advance;
  const columns = Math.max(8, Math.floor((width - 2 * margin) / advance));
  const maxLines = Math.max(1, Math.min(5, Math.floor(height / 3 / lineHeight)));
  const caption = wrap(toFontText(input.prompt), columns, maxLines);
  if (caption.length > 0) {
    const top = height - margin - caption.length * lineHeight;
    shadeRect(canvas, 0, top - lineHeight, width, height, 0.4);
    caption.forEach((line, index) =>
      drawText(canvas, line, margin, top + index * lineHeight, scale, [246, 244, 240])
    );
  }
  const labelScale = Math.max(1, Math.round(scale * 0.75));
  const labelPadding = 3 * labelScale;
  const labelWidth = OFFLINE_LABEL.length * (GLYPH_WIDTH + 1) * labelScale + 2 * labelPadding;
  shadeRect(
    canvas,
    margin / 2,
    margin / 2,
    margin / 2 + labelWidth,
    margin / 2 + (GLYPH_HEIGHT + 6) * labelScale,
    0.35,
  );
  drawText(
    canvas,
    OFFLINE_LABEL,
    margin / 2 + labelPadding,
    margin / 2 + 3 * labelScale,
    labelScale,
    hsl(hue + 180, 0.8, 0.75),
  );

  return { png: await encodePngRgb(canvas.rgb, width, height), width, height, seed };
}

export const generateOffline: ImageAdapter = async (request, { sleep, tuning }) => {
  if (tuning.localLatencyMs > 0) await sleep(tuning.localLatencyMs, request.signal);
  request.signal.throwIfAborted();
  if (request.edit && request.referenceImage) {
    const edited = await editOffline(request.prompt, request.referenceImage, request.edit.mask);
    return {
      images: [{ bytes: edited.png, mimeType: "image/png", width: edited.width, height: edited.height }],
      seed: edited.seed,
      metadata: { renderer: request.model.providerModel, label: OFFLINE_EDIT_LABEL.toLowerCase() },
    };
  }
  const render = await renderOfflineImage(request);
  return {
    images: [{ bytes: render.png, mimeType: "image/png", width: render.width, height: render.height }],
    seed: render.seed,
    metadata: { renderer: request.model.providerModel, label: OFFLINE_LABEL.toLowerCase() },
  };
};
