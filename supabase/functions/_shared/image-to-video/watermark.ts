/**
 * The preview's watermark, drawn here with the bitmap font rather than by ffmpeg's drawtext:
 * the static ffmpeg has freetype but no default font, and a font file is one more thing to ship.
 * ffmpeg gets two PNGs of the frame's size, the colours and the alpha (as grey), and merges them.
 */
import { glyph, GLYPH_HEIGHT, GLYPH_WIDTH, toFontText } from "../images/bitmap-font.ts";
import { encodePngRgb } from "../images/png.ts";

export const watermarkText = "PERSONIFY PREVIEW";

export interface WatermarkBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where the watermark's band sits in a frame: across the middle, a sixth of the height. */
export function watermarkBox(width: number, height: number): WatermarkBox {
  const bandHeight = Math.round(height / 6);
  return { x: 0, y: Math.round((height - bandHeight) / 2), width, height: bandHeight };
}

/** White letters on a dark translucent band: readable on light and dark pictures alike. */
export async function watermarkImages(
  width: number,
  height: number,
): Promise<{ color: Uint8Array; alpha: Uint8Array }> {
  const color = new Uint8Array(width * height * 3);
  const alpha = new Uint8Array(width * height * 3);
  const band = watermarkBox(width, height);
  const paint = (x: number, y: number, value: number, opacity: number) => {
    const i = (y * width + x) * 3;
    color.fill(value, i, i + 3);
    alpha.fill(opacity, i, i + 3);
  };
  for (let y = band.y; y < band.y + band.height; y++) {
    for (let x = 0; x < width; x++) paint(x, y, 0, 110);
  }
  const text = toFontText(watermarkText);
  const advance = GLYPH_WIDTH + 1;
  const scale = Math.max(
    1,
    Math.floor(Math.min((width * 0.8) / (text.length * advance), (band.height * 0.6) / GLYPH_HEIGHT)),
  );
  const textWidth = (text.length * advance - 1) * scale;
  const left = Math.round((width - textWidth) / 2);
  const top = band.y + Math.round((band.height - GLYPH_HEIGHT * scale) / 2);
  [...text].forEach((char, index) => {
    const rows = glyph(char);
    for (let row = 0; row < GLYPH_HEIGHT; row++) {
      for (let column = 0; column < GLYPH_WIDTH; column++) {
        if (!(rows[row] & (1 << (GLYPH_WIDTH - 1 - column)))) continue;
        for (let dy = 0; dy < scale; dy++) {
          for (let dx = 0; dx < scale; dx++) {
            paint(left + (index * advance + column) * scale + dx, top + row * scale + dy, 255, 235);
          }
        }
      }
    }
  });
  return { color: await encodePngRgb(color, width, height), alpha: await encodePngRgb(alpha, width, height) };
}
