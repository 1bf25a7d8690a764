import assert from "node:assert/strict";
import { encodePngRgb } from "../../images/png.ts";
import { makeWebpThumbnail } from "../../images/thumbnail.ts";
import { colourFamily, dominantColour } from "./dominant-colour.ts";
import { createLocalVisionOrganiser, groupImages, promptTerms } from "./local-vision.ts";
import type { VisionAlbum, VisionImage } from "./vision.ts";

/** A solid-colour picture with a white border, as a webp thumbnail like the images bucket holds. */
async function thumbnail(rgb: [number, number, number]) {
  const size = 24;
  const pixels = new Uint8Array(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const border = x < 3 || y < 3 || x >= size - 3 || y >= size - 3;
      pixels.set(border ? [255, 255, 255] : rgb, (y * size + x) * 3);
    }
  }
  const png = await encodePngRgb(pixels, size, size);
  const webp = await makeWebpThumbnail(png);
  return { bytes: webp.bytes, mimeType: webp.mimeType };
}

const RED: [number, number, number] = [200, 20, 30];
const BLUE: [number, number, number] = [20, 50, 210];
const GREEN: [number, number, number] = [30, 170, 60];

function id(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
}

function placement(albums: VisionAlbum[]): Map<string, number> {
  const where = new Map<string, number>();
  albums.forEach((album, index) => {
    for (const imageId of album.imageIds) {
      assert.ok(!where.has(imageId), `${imageId} is in two albums`);
      where.set(imageId, index);
    }
  });
  return where;
}

Deno.test("dominant colour: a webp thumbnail's main colour is named, a white border does not win", async () => {
  assert.equal((await dominantColour(await thumbnail(RED)))?.id, "red");
  assert.equal((await dominantColour(await thumbnail(BLUE)))?.id, "blue");
  assert.equal((await dominantColour(await thumbnail(GREEN)))?.id, "green");
  assert.equal((await dominantColour(await thumbnail([10, 10, 12])))?.id, "dark");
  assert.equal(await dominantColour({ bytes: new TextEncoder().encode("not an image") }), null);
});

Deno.test("prompt terms: stop words, boilerplate and numbers dropped, plurals folded", () => {
  assert.deepEqual(
    promptTerms("A highly detailed photo of 3 fishing boats in the harbours at night, 8k").map((term) =>
      term.stem
    ),
    ["fishing", "boat", "harbour", "night"],
  );
  assert.deepEqual(promptTerms("IMG_2034.jpg"), []);
});

const scenes = [
  { n: 1, prompt: "Fishing boats in a harbour at night, lanterns on the water", colour: BLUE },
  { n: 2, prompt: "Harbour at night with boats and lanterns", colour: BLUE },
  { n: 3, prompt: "Old harbour boats at night, misty lanterns", colour: BLUE },
  { n: 4, prompt: "A ginger cat asleep on a sofa", colour: RED },
  { n: 5, prompt: "Cat sleeping on the sofa by the window", colour: RED },
  { n: 6, prompt: "Sleeping cat curled on a velvet sofa", colour: RED },
  { n: 7, prompt: "Snowy mountain peaks at sunrise", colour: GREEN },
];

async function sceneImages(): Promise<VisionImage[]> {
  return await Promise.all(scenes.map(async (scene) => ({
    id: id(scene.n),
    prompt: scene.prompt,
    thumbnail: await thumbnail(scene.colour),
  })));
}

Deno.test("similar prompts share an album, every image is placed once, titles come from the words", async () => {
  const images = await sceneImages();
  const { albums } = await createLocalVisionOrganiser().organiseIntoAlbums(images);
  const where = placement(albums);
  assert.equal(where.size, images.length);
  assert.equal(where.get(id(1)), where.get(id(2)));
  assert.equal(where.get(id(2)), where.get(id(3)));
  assert.equal(where.get(id(4)), where.get(id(5)));
  assert.equal(where.get(id(5)), where.get(id(6)));
  assert.notEqual(where.get(id(1)), where.get(id(4)));
  assert.notEqual(where.get(id(7)), where.get(id(1)));
  assert.notEqual(where.get(id(7)), where.get(id(4)));
  const harbour = albums[where.get(id(1))!];
  assert.match(harbour.title, /^Cobalt /);
  assert.match(harbour.title, /Harbour|Lanterns|Boats|Night/);
  assert.match(harbour.description, /^3 images of .+, mostly in cobalt tones\.$/);
  const cats = albums[where.get(id(4))!];
  assert.match(cats.title, /^Crimson .*(Cat|Sofa|Sleeping)/);
  for (const album of albums) assert.ok(album.title.length > 0 && album.title.length <= 120);
});

Deno.test("the same images give the same albums, whatever order they come in", async () => {
  const images = await sceneImages();
  const organiser = createLocalVisionOrganiser();
  const first = await organiser.organiseIntoAlbums(images);
  const again = await organiser.organiseIntoAlbums(images);
  assert.deepEqual(again, first);
  const reversed = await organiser.organiseIntoAlbums([...images].reverse());
  const asSets = (albums: VisionAlbum[]) =>
    albums.map((album) => `${album.title}|${[...album.imageIds].sort().join(",")}`).sort();
  assert.deepEqual(asSets(reversed.albums), asSets(first.albums));
});

Deno.test("one theme in two distinct colours becomes two albums named by colour", () => {
  const red = colourFamily("red"), blue = colourFamily("blue");
  const albums = groupImages([
    { id: id(1), prompt: "Harbour at night with fishing boats", colour: red },
    { id: id(2), prompt: "Fishing boats in the harbour at night", colour: red },
    { id: id(3), prompt: "Night harbour, fishing boats moored", colour: blue },
    { id: id(4), prompt: "Fishing boats, harbour, night", colour: blue },
    { id: id(5), prompt: "Fishing boats resting in a harbour at night", colour: blue },
  ]);
  assert.equal(albums.length, 2);
  const where = placement(albums);
  assert.equal(where.get(id(1)), where.get(id(2)));
  assert.equal(where.get(id(3)), where.get(id(4)));
  assert.equal(where.get(id(4)), where.get(id(5)));
  assert.notEqual(where.get(id(1)), where.get(id(3)));
  assert.match(albums[where.get(id(1))!].title, /^Crimson /);
  assert.match(albums[where.get(id(3))!].title, /^Cobalt /);
  // The nouns are the same, so the colour alone tells the two apart.
  assert.equal(albums[0].title.split(" ").slice(1).join(" "), albums[1].title.split(" ").slice(1).join(" "));
});

Deno.test("a lone off-colour image stays with its theme instead of making an album of one", () => {
  const albums = groupImages([
    { id: id(1), prompt: "Lighthouse on a cliff in a storm", colour: colourFamily("grey") },
    { id: id(2), prompt: "Stormy lighthouse on the cliff", colour: colourFamily("grey") },
    { id: id(3), prompt: "Lighthouse in a storm, cliff edge", colour: colourFamily("blue") },
  ]);
  assert.equal(albums.length, 1);
  assert.equal(albums[0].imageIds.length, 3);
  assert.match(albums[0].title, /^Silver /);
});

Deno.test("images with no words are grouped by colour; lone ones share an odds-and-ends album", () => {
  const albums = groupImages([
    { id: id(1), prompt: "IMG_0001.jpg", colour: colourFamily("green") },
    { id: id(2), prompt: "IMG_0002.jpg", colour: colourFamily("green") },
    { id: id(3), prompt: "DSC_0003.jpg", colour: colourFamily("violet") },
    { id: id(4), prompt: "A bowl of ramen with chopsticks", colour: colourFamily("orange") },
  ]);
  const where = placement(albums);
  assert.equal(where.size, 4);
  assert.equal(where.get(id(1)), where.get(id(2)));
  assert.equal(albums[where.get(id(1))!].title, "Emerald Snapshots");
  assert.equal(where.get(id(3)), where.get(id(4)));
  assert.equal(albums[where.get(id(3))!].title, "Odds and Ends");
  assert.match(albums[where.get(id(3))!].description, /^2 images with a theme of their own, from .*ramen/);
});

Deno.test("500 images: every one placed exactly once", () => {
  const subjects = ["harbour boats", "cat sofa", "mountain snow", "city neon rain", "forest mushrooms"];
  const images = Array.from({ length: 500 }, (_, index) => ({
    id: id(index + 1),
    prompt: `${subjects[index % subjects.length]} variation ${index} detail${index % 7}`,
    colour: colourFamily(["red", "blue", "green", "grey"][index % 4]),
  }));
  const albums = groupImages(images);
  assert.equal(placement(albums).size, 500);
  assert.ok(albums.length >= 5 && albums.length <= 40, `${albums.length} albums`);
});
