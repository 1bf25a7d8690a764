// Draws the Personify app icons (PNG for the PWA manifest and iOS, SVG for the favicon) from one
// description of the mark, so every size stays in step. Run `node scripts/draw-icons.mjs` after
// changing the mark; the output in public/ is committed.
import { mkdirSync, writeFileSync } from "node:fs";
import { crc32, deflateSync } from "node:zlib";

const publicDir = new URL("../public/", import.meta.url);
const gradientStops = [
  { at: 0, color: [124, 58, 237] }, // violet-600
  { at: 0.55, color: [192, 38, 211] }, // fuchsia-600
  { at: 1, color: [249, 115, 22] }, // orange-500
];

/**
 * The mark: a large four-point sparkle with a small one beside it, in a unit square. A sparkle is
 * the superellipse |x|^p + |y|^p <= 1 with p < 1, which gives the concave sides of a glint.
 */
const sparkles = [
  { cx: 0.45, cy: 0.55, radius: 0.3, exponent: 0.55 },
  { cx: 0.73, cy: 0.27, radius: 0.12, exponent: 0.55 },
];

function insideSparkle(x, y, sparkle) {
  const dx = Math.abs(x - sparkle.cx) / sparkle.radius;
  const dy = Math.abs(y - sparkle.cy) / sparkle.radius;
  return dx ** sparkle.exponent + dy ** sparkle.exponent <= 1;
}

function insideRoundedSquare(x, y, cornerRadius) {
  const qx = Math.max(Math.abs(x - 0.5) - (0.5 - cornerRadius), 0);
  const qy = Math.max(Math.abs(y - 0.5) - (0.5 - cornerRadius), 0);
  return qx * qx + qy * qy <= cornerRadius * cornerRadius;
}

function gradientAt(t) {
  const upper = gradientStops.findIndex((stop) => stop.at >= t);
  if (upper <= 0) return gradientStops[0].color;
  const from = gradientStops[upper - 1];
  const to = gradientStops[upper];
  const mix = (t - from.at) / (to.at - from.at);
  return from.color.map((channel, index) => channel + (to.color[index] - channel) * mix);
}

/**
 * @param size pixel width and height
 * @param cornerRadius 0 for a full-bleed square (maskable and iOS icons, whose platform crops them)
 * @param markScale how much of the square the mark spans; maskable icons keep it inside the safe zone
 */
function drawIcon(size, { cornerRadius, markScale }) {
  const samplesPerAxis = 4;
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let backgroundCoverage = 0;
      let markCoverage = 0;
      for (let sy = 0; sy < samplesPerAxis; sy++) {
        for (let sx = 0; sx < samplesPerAxis; sx++) {
          const x = (px + (sx + 0.5) / samplesPerAxis) / size;
          const y = (py + (sy + 0.5) / samplesPerAxis) / size;
          if (!insideRoundedSquare(x, y, cornerRadius)) continue;
          backgroundCoverage++;
          const markX = 0.5 + (x - 0.5) / markScale;
          const markY = 0.5 + (y - 0.5) / markScale;
          if (sparkles.some((sparkle) => insideSparkle(markX, markY, sparkle))) markCoverage++;
        }
      }
      const samples = samplesPerAxis * samplesPerAxis;
      const background = gradientAt(((px + py) / 2) / size);
      const markShare = markCoverage / Math.max(backgroundCoverage, 1);
      const offset = (py * size + px) * 4;
      for (let channel = 0; channel < 3; channel++) {
        rgba[offset + channel] = Math.round(background[channel] * (1 - markShare) + 255 * markShare);
      }
      rgba[offset + 3] = Math.round((backgroundCoverage / samples) * 255);
    }
  }
  return encodePng(size, rgba);
}

function pngChunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, checksum]);
}

function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  const rowLength = size * 4;
  const scanlines = Buffer.alloc((rowLength + 1) * size);
  for (let row = 0; row < size; row++) {
    // Each scanline starts with filter type 0 (none).
    rgba.copy(scanlines, row * (rowLength + 1) + 1, row * rowLength, (row + 1) * rowLength);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", header),
    pngChunk("IDAT", deflateSync(scanlines, { level: 9 })),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

function sparklePath(sparkle, viewBox) {
  const points = [];
  const steps = 96;
  for (let step = 0; step < steps; step++) {
    const angle = (step / steps) * 2 * Math.PI;
    // Parametric superellipse: x = r·sgn(cos)·|cos|^(2/p), y likewise with sin.
    const reach = (value) => Math.sign(value) * Math.abs(value) ** (2 / sparkle.exponent);
    const x = sparkle.cx + sparkle.radius * reach(Math.cos(angle));
    const y = sparkle.cy + sparkle.radius * reach(Math.sin(angle));
    points.push(`${(x * viewBox).toFixed(2)} ${(y * viewBox).toFixed(2)}`);
  }
  return `M${points.join("L")}Z`;
}

function drawFaviconSvg() {
  const viewBox = 64;
  const stops = gradientStops
    .map(({ at, color }) => `<stop offset="${at}" stop-color="rgb(${color.join(",")})"/>`)
    .join("");
  const paths = sparkles.map((sparkle) => `<path d="${sparklePath(sparkle, viewBox)}" fill="#fff"/>`).join(
    "",
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${viewBox} ${viewBox}">` +
    `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">${stops}</linearGradient></defs>` +
    `<rect width="${viewBox}" height="${viewBox}" rx="${viewBox * 0.22}" fill="url(#g)"/>${paths}</svg>\n`;
}

mkdirSync(new URL("icons/", publicDir), { recursive: true });
const outputs = {
  "icons/pwa-192.png": drawIcon(192, { cornerRadius: 0.22, markScale: 1 }),
  "icons/pwa-512.png": drawIcon(512, { cornerRadius: 0.22, markScale: 1 }),
  "icons/maskable-512.png": drawIcon(512, { cornerRadius: 0, markScale: 0.72 }),
  "icons/apple-touch-icon.png": drawIcon(180, { cornerRadius: 0, markScale: 0.86 }),
  "favicon.svg": drawFaviconSvg(),
};
for (const [name, content] of Object.entries(outputs)) {
  writeFileSync(new URL(name, publicDir), content);
  console.info(`wrote public/${name} (${content.length} bytes)`);
}
