/**
 * The offline provider's instruction edit: no model, so it does not pretend to follow the
 * instruction. It makes a visible, deterministic change to the picture it was given (a hue turn
 * and a stripe pattern, only where the mask is transparent when there is a mask) and writes the
 * instruction under an "offline edit" label, so the editor's whole round trip works offline and
 * nobody mistakes the result for a model's.
 */
import { GLYPH_HEIGHT, GLYPH_WIDTH, toFontText } from "../images/bitmap-font.ts";
import { crc32, encodePngRgb } from "../images/png.ts";
import { decode } from "../images/thumbnail.ts";
import { type Canvas, drawText, shadeRect } from "./local-images.ts";
import type { ReferenceImage } from "./types.ts";

export const OFFLINE_EDIT_LABEL = "OFFLINE EDIT";

export interface OfflineEdit {
  png: Uint8Array;
  width: number;
  height: number;
  seed: number;
}

function turnHue(r: number, g: number, b: number, cos: number, sin: number): [number, number, number] {
  return [
    (0.213 + cos * 0.787 - sin * 0.213) * r + (0.715 - cos * 0.715 - sin * 0.715) * g +
    (0.072 - cos * 0.072 + sin * 0.928) * b,
    (0.213 - cos * 0.213 + sin * 0.143) * r + (0.715 + cos * 0.285 + sin * 0.14) * g +
    (0.072 - cos * 0.072 - sin * 0.283) * b,
    (0.213 - cos * 0.213 - sin * 0.787) * r + (0.715 - cos * 0.715 + sin * 0.715) * g +
    (0.072 + cos * 0.928 + sin * 0.072) * b,
  ];
}

export async function editOffline(
  instruction: string,
  image: ReferenceImage,
  mask?: ReferenceImage,
): Promise<OfflineEdit> {
  const source = await decode(image.bytes);
  const editable = mask ? await decode(mask.bytes) : undefined;
  const seed = crc32(new TextEncoder().encode(instruction), crc32(image.bytes));
  const angle = ((30 + (seed % 300)) * Math.PI) / 180;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const { width, height } = source;
  const stripe = Math.max(8, Math.round(Math.min(width, height) / 24));
  const canvas: Canvas = { width, height, rgb: new Uint8Array(width * height * 3) };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      const alpha = source.data[p * 4 + 3] / 255;
      // Transparent source pixels show as white, as an image viewer shows them.
      let r = source.data[p * 4] * alpha + 255 * (1 - alpha);
      let g = source.data[p * 4 + 1] * alpha + 255 * (1 - alpha);
      let b = source.data[p * 4 + 2] * alpha + 255 * (1 - alpha);
      if (!editable || editable.data[p * 4 + 3] === 0) {
        [r, g, b] = turnHue(r, g, b, cos, sin);
        if (Math.floor((x + y) / stripe) % 2 === 0) {
          r += (255 - r) * 0.2;
          g += (255 - g) * 0.2;
          b += (255 - b) * 0.2;
        }
      }
      canvas.rgb[p * 3] = Math.max(0, Math.min(255, r));
      canvas.rgb[p * 3 + 1] = Math.max(0, Math.min(255, g));
      canvas.rgb[p * 3 + 2] = Math.max(0, Math.min(255, b));
    }
  }
  const scale = Math.max(1, Math.floor(Math.min(width, height) / 256));
  const advance = (GLYPH_WIDTH + 1) * scale;
  const lineHeight = (GLYPH_HEIGHT + 4) * scale;
  const margin = 2 * advance;
  const columns = Math.max(4, Math.floor((width - 2 * margin) / advance));
  const caption = toFontText(`${OFFLINE_EDIT_LABEL}: ${instruction}`);
  const text = caption.length > columns ? `${caption.slice(0, columns - 3)}...` : caption;
  shadeRect(canvas, 0, height - margin - 2 * lineHeight, width, height, 0.35);
  drawText(canvas, text, margin, height - margin - lineHeight, scale, [250, 240, 160]);
  return { png: await encodePngRgb(canvas.rgb, width, height), width, height, seed };
}
