/**
 * The offline organiser: no key, no network, the same albums for the same images. Prompts become
 * TF-IDF vectors (stop words and prompt boilerplate dropped, plurals folded) grouped by
 * average-linkage clustering on cosine similarity; a theme whose images fall into distinct colour
 * families is split by colour; images that share a theme with no other are grouped by colour.
 * Titles are made from a group's most salient subject words and its colour ("Crimson Harbour and
 * Boats"); words that only describe ("old", "misty") stay in the description, not the title.
 */
import { COLOUR_FAMILIES, colourDistance, type ColourFamily, dominantColour } from "./dominant-colour.ts";
import { normaliseAlbums, type VisionAlbum, type VisionImage, type VisionOrganiser } from "./vision.ts";

const LOCAL_VISION_MODEL = "local-prompt-colour";

/** Average cosine similarity at which two groups of prompts are one theme. */
const THEME_SIMILARITY = 0.3;
/** The fewest images a colour needs within a theme to become an album of its own. */
const MIN_COLOUR_GROUP = 2;

const STOP_WORDS = new Set(
  (
    "a an and are as at be but by for from has have in into is it its of on onto or over so that the their " +
    "then there these this those to under up upon very was were with without while who whose your you our " +
    "my me we they them he she his her him out off about above across after against along among around " +
    "before behind below beneath beside between beyond during inside near through throughout toward towards " +
    "within some many much more most few each every all any one two three lots lot " +
    // Prompt boilerplate that says nothing about the subject.
    "image images photo photos photograph photography picture pictures pic shot shots style styled render " +
    "rendered rendering detailed detail details highly high quality resolution hd uhd realistic " +
    "photorealistic hyperrealistic ultra sharp focus masterpiece trending artstation octane unreal engine " +
    "cinematic illustration digital art artwork beautiful stunning amazing award winning professional " +
    "background featuring showing depicting scene view closeup close portrait-style " +
    // Camera file names of uploads.
    "img dsc dscn dcim pxl screenshot copy final edit edited jpg jpeg png webp heic"
  ).split(" "),
);

interface Features {
  id: string;
  /** Position in the caller's list, for presenting albums in the order the images were given. */
  order: number;
  terms: Map<string, number>;
  colour: ColourFamily | null;
}

/** Lower-cased words, stop words and numbers dropped, simple English plurals folded. */
export function promptTerms(prompt: string): { stem: string; word: string }[] {
  const words = prompt.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").match(/[a-z]+/g) ?? [];
  const terms: { stem: string; word: string }[] = [];
  for (const word of words) {
    if (word.length < 3 || STOP_WORDS.has(word)) continue;
    let stem = word;
    if (stem.length > 4 && stem.endsWith("ies")) stem = `${stem.slice(0, -3)}y`;
    else if (stem.length > 3 && stem.endsWith("s") && !/(ss|us|is)$/.test(stem)) stem = stem.slice(0, -1);
    if (STOP_WORDS.has(stem)) continue;
    terms.push({ stem, word });
  }
  return terms;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** L2-normalised TF-IDF vectors, one per image. */
function tfIdfVectors(features: Features[]): Map<string, number>[] {
  const documentFrequency = new Map<string, number>();
  for (const image of features) {
    for (const term of image.terms.keys()) {
      documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
    }
  }
  const count = features.length;
  return features.map((image) => {
    const vector = new Map<string, number>();
    let norm = 0;
    for (const [term, frequency] of image.terms) {
      const weight = frequency * (Math.log((count + 1) / (documentFrequency.get(term)! + 1)) + 1);
      vector.set(term, weight);
      norm += weight * weight;
    }
    norm = Math.sqrt(norm);
    for (const [term, weight] of vector) vector.set(term, weight / norm);
    return vector;
  });
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [term, weight] of small) dot += weight * (large.get(term) ?? 0);
  return dot;
}

/**
 * Average-linkage agglomerative clustering: the most similar pair of groups merges until no pair
 * reaches the threshold. Ties go to the lowest indices, so the result depends only on the order
 * of `vectors`, which the caller fixes.
 */
function clusterBySimilarity(vectors: Map<string, number>[], threshold: number): number[][] {
  const n = vectors.length;
  const similarity = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const value = cosine(vectors[i], vectors[j]);
      similarity[i * n + j] = value;
      similarity[j * n + i] = value;
    }
  }
  const members: (number[] | null)[] = vectors.map((_, index) => [index]);
  for (;;) {
    let best = -1, bestI = -1, bestJ = -1;
    for (let i = 0; i < n; i++) {
      if (!members[i]) continue;
      for (let j = i + 1; j < n; j++) {
        if (!members[j]) continue;
        const value = similarity[i * n + j];
        if (value > best) [best, bestI, bestJ] = [value, i, j];
      }
    }
    if (bestI < 0 || best < threshold) break;
    const sizeI = members[bestI]!.length, sizeJ = members[bestJ]!.length;
    for (let k = 0; k < n; k++) {
      if (!members[k] || k === bestI || k === bestJ) continue;
      const merged = (sizeI * similarity[bestI * n + k] + sizeJ * similarity[bestJ * n + k]) /
        (sizeI + sizeJ);
      similarity[bestI * n + k] = merged;
      similarity[k * n + bestI] = merged;
    }
    members[bestI] = [...members[bestI]!, ...members[bestJ]!].sort((a, b) => a - b);
    members[bestJ] = null;
  }
  return members.filter((group): group is number[] => group !== null);
}

function familyOrder(colour: ColourFamily | null): number {
  return colour ? COLOUR_FAMILIES.findIndex((family) => family.id === colour.id) : COLOUR_FAMILIES.length;
}

/** Images by colour family, in the families' fixed order (unknown colour last). */
function byColour(group: Features[]): Features[][] {
  const families = new Map<string, Features[]>();
  for (const image of group) {
    const key = image.colour?.id ?? "";
    families.set(key, [...families.get(key) ?? [], image]);
  }
  return [...families.values()].sort((a, b) => familyOrder(a[0].colour) - familyOrder(b[0].colour));
}

/**
 * One theme, split by colour when at least two colours each hold enough of its images; the
 * images of rarer colours join the nearest of those.
 */
function splitByColour(theme: Features[]): Features[][] {
  const families = byColour(theme);
  const large = families.filter((family) => family.length >= MIN_COLOUR_GROUP && family[0].colour);
  if (large.length < 2) return [theme];
  const groups = large.map((family) => [...family]);
  for (const family of families) {
    if (large.includes(family)) continue;
    for (const image of family) {
      let nearest = 0;
      if (image.colour) {
        for (let index = 1; index < groups.length; index++) {
          if (
            colourDistance(image.colour, groups[index][0].colour!) <
              colourDistance(image.colour, groups[nearest][0].colour!)
          ) {
            nearest = index;
          }
        }
      }
      groups[nearest].push(image);
    }
  }
  return groups;
}

/** The stems carrying most weight across a group, shown in their most common spelling. */
function salientWords(
  group: Features[],
  vectors: Map<string, Map<string, number>>,
  spellings: Map<string, Map<string, number>>,
  limit: number,
): string[] {
  const weights = new Map<string, number>();
  for (const image of group) {
    for (const [term, weight] of vectors.get(image.id)!) weights.set(term, (weights.get(term) ?? 0) + weight);
  }
  return [...weights.entries()]
    .sort((a, b) => b[1] - a[1] || compare(a[0], b[0]))
    .slice(0, limit)
    .map(([stem]) => {
      const forms = [...spellings.get(stem)!.entries()].sort((a, b) => b[1] - a[1] || compare(a[0], b[0]));
      return forms[0][0];
    });
}

function dominantColourOf(group: Features[]): ColourFamily | null {
  const counts = byColour(group).filter((family) => family[0].colour);
  if (counts.length === 0) return null;
  return counts.reduce((best, family) => family.length > best.length ? family : best)[0].colour;
}

const capitalise = (word: string) => word[0].toUpperCase() + word.slice(1);

/** Describing words that read badly as a title's subject ("Crimson Old & Boats"). */
const NOT_A_SUBJECT = new Set(
  (
    "old new young little small big large huge tiny tall short long wide bright dark light soft warm cold " +
    "misty foggy sunny rainy snowy quiet calm busy lonely happy sad cute pretty gorgeous vintage modern " +
    "ancient classic elegant cozy cosy rustic golden asleep sleeping smiling standing sitting walking " +
    "running flying glowing shining thank thanks " +
    // A colour already leads the title ("Violet Blue and Fog" says blue twice).
    "red blue green yellow orange purple pink violet black white grey gray brown"
  ).split(" "),
);

/** A title's subject: the first one or two salient words that name a thing. */
function subjectOf(words: string[]): string {
  const nouns = words.filter((word) => !NOT_A_SUBJECT.has(word));
  const chosen = (nouns.length > 0 ? nouns : words).slice(0, 2).map(capitalise);
  return chosen.length === 1 ? `${chosen[0]} Stories` : chosen.join(" and ");
}

function phrase(words: string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}

function describe(
  group: Features[],
  words: string[],
  colour: ColourFamily | null,
  leftovers: boolean,
): VisionAlbum {
  const count = group.length;
  const noun = count === 1 ? "image" : "images";
  const tones = colour ? `, mostly in ${colour.name} tones` : "";
  let title: string;
  let description: string;
  if (leftovers) {
    title = colour && group.every((image) => image.colour?.id === colour.id)
      ? `${colour.adjective} Odds and Ends`
      : "Odds and Ends";
    description = words.length > 0
      ? `${count} ${noun} with a theme of their own, from ${phrase(words)}${tones}.`
      : `${count} ${noun} with a theme of their own${tones}.`;
  } else if (words.length > 0) {
    const subject = subjectOf(words);
    title = colour ? `${colour.adjective} ${subject}` : subject;
    description = `${count} ${noun} of ${phrase(words)}${tones}.`;
  } else {
    title = colour ? `${colour.adjective} Snapshots` : "Untitled Moments";
    description = `${count} ${noun} without a described subject${tones}.`;
  }
  return { title, description, imageIds: group.map((image) => image.id) };
}

/** Titles stay unique within one organisation: a repeat becomes "… II", "… III". */
function distinctTitles(albums: VisionAlbum[]): VisionAlbum[] {
  const seen = new Map<string, number>();
  const numerals = ["", "", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];
  return albums.map((album) => {
    const count = (seen.get(album.title) ?? 0) + 1;
    seen.set(album.title, count);
    if (count === 1) return album;
    return { ...album, title: `${album.title} ${numerals[count] ?? count}` };
  });
}

/** Groups already-measured images; exported for tests that fix colours without pixels. */
export function groupImages(
  images: { id: string; prompt: string; colour: ColourFamily | null }[],
): VisionAlbum[] {
  // Ordered by id so that the caller's order changes only how albums are presented.
  const features: Features[] = images
    .map((image, order) => {
      const terms = new Map<string, number>();
      for (const { stem } of promptTerms(image.prompt)) terms.set(stem, (terms.get(stem) ?? 0) + 1);
      return { id: image.id, order, terms, colour: image.colour };
    })
    .sort((a, b) => compare(a.id, b.id));
  const spellings = new Map<string, Map<string, number>>();
  for (const image of images) {
    for (const { stem, word } of promptTerms(image.prompt)) {
      const forms = spellings.get(stem) ?? new Map<string, number>();
      forms.set(word, (forms.get(word) ?? 0) + 1);
      spellings.set(stem, forms);
    }
  }
  const vectorList = tfIdfVectors(features);
  const vectors = new Map(features.map((image, index) => [image.id, vectorList[index]]));
  const clusters = clusterBySimilarity(vectorList, THEME_SIMILARITY).map((indices) =>
    indices.map((index) => features[index])
  );

  const groups: { members: Features[]; leftovers: boolean }[] = [];
  const loners: Features[] = [];
  for (const cluster of clusters) {
    if (cluster.length === 1) loners.push(cluster[0]);
    else for (const members of splitByColour(cluster)) groups.push({ members, leftovers: false });
  }
  // Images alone in their theme: those sharing a colour make an album, the rest one more.
  const odd: Features[] = [];
  for (const family of byColour(loners)) {
    if (family.length >= MIN_COLOUR_GROUP && family[0].colour) {
      groups.push({ members: family, leftovers: false });
    } else odd.push(...family);
  }
  if (odd.length > 0) groups.push({ members: odd, leftovers: true });

  const albums = groups
    .map(({ members, leftovers }) => {
      const ordered = [...members].sort((a, b) => a.order - b.order);
      const words = salientWords(ordered, vectors, spellings, 3);
      return {
        first: ordered[0].order,
        album: describe(ordered, words, dominantColourOf(ordered), leftovers),
      };
    })
    .sort((a, b) => a.first - b.first)
    .map(({ album }) => album);
  return distinctTitles(albums);
}

export function createLocalVisionOrganiser(): VisionOrganiser {
  return {
    provider: "local",
    model: LOCAL_VISION_MODEL,
    async organiseIntoAlbums(images, { signal } = {}) {
      const measured: { id: string; prompt: string; colour: ColourFamily | null }[] = [];
      for (const image of images) {
        signal?.throwIfAborted();
        measured.push({
          id: image.id,
          prompt: image.prompt,
          colour: image.thumbnail ? await dominantColour(image.thumbnail) : null,
        });
      }
      const albums = groupImages(measured);
      return normaliseAlbums({ albums }, images.map((image: VisionImage) => image.id));
    },
  };
}
