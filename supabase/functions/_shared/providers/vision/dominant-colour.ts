/**
 * An image's dominant colour as one of a few named families: hues quantised into eight arcs of
 * the colour wheel, and three neutrals for pixels with too little saturation or light to have a
 * hue worth naming.
 */
import { decode } from "../../images/thumbnail.ts";

export interface ColourFamily {
  id: string;
  /** For titles: "Crimson Harbour & Night". */
  adjective: string;
  /** For descriptions: "in crimson tones". */
  name: string;
  /** Centre of the arc in degrees; undefined for the neutrals. */
  hue?: number;
}

const CHROMATIC: readonly (ColourFamily & { from: number; to: number })[] = [
  { id: "red", adjective: "Crimson", name: "crimson", hue: 0, from: 345, to: 15 },
  { id: "orange", adjective: "Amber", name: "amber", hue: 30, from: 15, to: 45 },
  { id: "yellow", adjective: "Golden", name: "golden", hue: 57, from: 45, to: 70 },
  { id: "green", adjective: "Emerald", name: "emerald", hue: 117, from: 70, to: 165 },
  { id: "teal", adjective: "Teal", name: "teal", hue: 182, from: 165, to: 200 },
  { id: "blue", adjective: "Cobalt", name: "cobalt", hue: 227, from: 200, to: 255 },
  { id: "violet", adjective: "Violet", name: "violet", hue: 272, from: 255, to: 290 },
  { id: "pink", adjective: "Rose", name: "rose", hue: 317, from: 290, to: 345 },
];

const DARK: ColourFamily = { id: "dark", adjective: "Midnight", name: "deep dark" };
const GREY: ColourFamily = { id: "grey", adjective: "Silver", name: "silvery grey" };
const LIGHT: ColourFamily = { id: "light", adjective: "Ivory", name: "pale ivory" };

/** Every family in a fixed order, which also breaks ties. */
export const COLOUR_FAMILIES: readonly ColourFamily[] = [
  ...CHROMATIC.map(({ id, adjective, name, hue }) => ({ id, adjective, name, hue })),
  DARK,
  GREY,
  LIGHT,
];

const familyIndex = new Map(COLOUR_FAMILIES.map((family, index) => [family.id, index]));

export function colourFamily(id: string): ColourFamily {
  const index = familyIndex.get(id);
  if (index === undefined) throw new Error(`unknown colour family ${id}`);
  return COLOUR_FAMILIES[index];
}

function chromaticIndex(hue: number): number {
  for (let index = 0; index < CHROMATIC.length; index++) {
    const { from, to } = CHROMATIC[index];
    if (from > to ? hue >= from || hue < to : hue >= from && hue < to) return index;
  }
  return 0;
}

// Neutral pixels count for less: a coloured subject on a grey or white backdrop is what the
// picture is "about".
const NEUTRAL_WEIGHT = 0.6;

/** The family holding the most (weighted) pixels of RGBA data. */
function dominantFamilyOfPixels(rgba: Uint8ClampedArray | Uint8Array): ColourFamily {
  const weights = new Float64Array(COLOUR_FAMILIES.length);
  for (let i = 0; i < rgba.length; i += 4) {
    if (rgba[i + 3] < 128) continue;
    const r = rgba[i] / 255, g = rgba[i + 1] / 255, b = rgba[i + 2] / 255;
    const max = Math.max(r, g, b), min = Math.min(r, g, b);
    const value = max;
    const saturation = max === 0 ? 0 : (max - min) / max;
    if (saturation < 0.25 || value < 0.2) {
      const neutral = value < 0.35 ? DARK : value > 0.8 ? LIGHT : GREY;
      weights[familyIndex.get(neutral.id)!] += NEUTRAL_WEIGHT;
      continue;
    }
    const delta = max - min;
    let hue = max === r ? ((g - b) / delta) % 6 : max === g ? (b - r) / delta + 2 : (r - g) / delta + 4;
    hue *= 60;
    if (hue < 0) hue += 360;
    weights[chromaticIndex(hue)] += 1;
  }
  let best = 0;
  for (let index = 1; index < weights.length; index++) if (weights[index] > weights[best]) best = index;
  return COLOUR_FAMILIES[best];
}

/** The dominant colour of an encoded image; null when it cannot be decoded. */
export async function dominantColour(image: { bytes: Uint8Array }): Promise<ColourFamily | null> {
  try {
    const { data } = await decode(image.bytes);
    return dominantFamilyOfPixels(data);
  } catch {
    return null;
  }
}

/** Degrees around the wheel between two families; neutrals sit apart from every hue. */
export function colourDistance(a: ColourFamily, b: ColourFamily): number {
  if (a.id === b.id) return 0;
  if (a.hue === undefined || b.hue === undefined) return a.hue === b.hue ? 90 : 180;
  const difference = Math.abs(a.hue - b.hue) % 360;
  return Math.min(difference, 360 - difference);
}
