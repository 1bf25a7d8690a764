import assert from "node:assert/strict";
import * as z from "zod/mini";
import { type EditList, editList, type EditStep } from "../contracts/image-editor.ts";
import {
  blankPixels,
  editedSize,
  EditListError,
  type Pixels,
  renderEdits,
  type ResolvedTextStep,
  type TextPainter,
} from "./render-edits.ts";

const noText: TextPainter = () => {
  throw new Error("no text layer expected");
};

function list(...steps: EditStep[]): EditList {
  return { version: 1, steps };
}

/** A width × height image whose pixel (x, y) is (x, y, 7, 255): every pixel says where it came from. */
function coordinates(width: number, height: number): Pixels {
  const pixels = blankPixels(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) pixels.data.set([x, y, 7, 255], (y * width + x) * 4);
  }
  return pixels;
}

function pixel(pixels: Pixels, x: number, y: number) {
  return [...pixels.data.subarray((y * pixels.width + x) * 4, (y * pixels.width + x) * 4 + 4)];
}

function solid(width: number, height: number, rgba: [number, number, number, number]): Pixels {
  const pixels = blankPixels(width, height);
  for (let i = 0; i < pixels.data.length; i += 4) pixels.data.set(rgba, i);
  return pixels;
}

Deno.test("a crop takes exactly its box: fractions of the canvas, rounded to pixels", () => {
  const out = renderEdits(
    coordinates(10, 8),
    list({ type: "crop", x: 0.2, y: 0.25, width: 0.5, height: 0.5, ratio: "free" }),
    { paintText: noText },
  );
  assert.equal(out.width, 5);
  assert.equal(out.height, 4);
  assert.deepEqual(pixel(out, 0, 0), [2, 2, 7, 255], "the box starts at (2, 2)");
  assert.deepEqual(pixel(out, 4, 3), [6, 5, 7, 255], "and ends at (6, 5)");
});

Deno.test("rotating by 90° swaps the sides and moves the bottom-left pixel to the top-left", () => {
  const source = coordinates(3, 2);
  const out = renderEdits(source, list({ type: "rotate", degrees: 90 }), { paintText: noText });
  assert.deepEqual([out.width, out.height], [2, 3]);
  assert.deepEqual(pixel(out, 0, 0), [0, 1, 7, 255], "clockwise: the old bottom-left is now top-left");
  assert.deepEqual(pixel(out, 1, 2), [2, 0, 7, 255], "and the old top-right is bottom-right");
  const back = renderEdits(source, list({ type: "rotate", degrees: 90 }, { type: "rotate", degrees: -90 }), {
    paintText: noText,
  });
  assert.deepEqual(back.data, source.data, "90° and back gives the very same pixels");
  const half = renderEdits(source, list({ type: "rotate", degrees: 180 }), { paintText: noText });
  assert.deepEqual(pixel(half, 0, 0), [2, 1, 7, 255]);
});

Deno.test("a free-angle rotation widens the canvas to the rotated box and leaves the corners transparent", () => {
  const out = renderEdits(solid(100, 50, [200, 10, 10, 255]), list({ type: "rotate", degrees: 30 }), {
    paintText: noText,
  });
  const cos = Math.cos(Math.PI / 6);
  const sin = Math.sin(Math.PI / 6);
  assert.equal(out.width, Math.ceil(100 * cos + 50 * sin));
  assert.equal(out.height, Math.ceil(100 * sin + 50 * cos));
  assert.equal(pixel(out, 0, 0)[3], 0, "the corner is outside the image");
  assert.deepEqual(pixel(out, Math.floor(out.width / 2), Math.floor(out.height / 2)), [200, 10, 10, 255]);
  assert.deepEqual(editedSize(list({ type: "rotate", degrees: 30 }), 100, 50), {
    width: out.width,
    height: out.height,
  });
});

Deno.test("flips mirror the pixels and a resize makes exactly the asked size", () => {
  const flipped = renderEdits(coordinates(4, 3), list({ type: "flip", axis: "horizontal" }), {
    paintText: noText,
  });
  assert.deepEqual(pixel(flipped, 0, 1), [3, 1, 7, 255]);
  const upside = renderEdits(coordinates(4, 3), list({ type: "flip", axis: "vertical" }), {
    paintText: noText,
  });
  assert.deepEqual(pixel(upside, 0, 0), [0, 2, 7, 255]);
  const smaller = renderEdits(
    solid(40, 20, [10, 20, 30, 255]),
    list({ type: "resize", width: 10, height: 5 }),
    {
      paintText: noText,
    },
  );
  assert.deepEqual([smaller.width, smaller.height], [10, 5]);
  assert.deepEqual(pixel(smaller, 9, 4), [10, 20, 30, 255], "a flat colour stays that colour");
  const larger = renderEdits(solid(4, 4, [10, 20, 30, 255]), list({ type: "resize", width: 9, height: 7 }), {
    paintText: noText,
  });
  assert.deepEqual([larger.width, larger.height], [9, 7]);
  assert.deepEqual(pixel(larger, 8, 6), [10, 20, 30, 255]);
});

Deno.test("adjustments and filters change a known pixel by their formulas", () => {
  const grey = solid(3, 3, [100, 100, 100, 255]);
  const run = (step: EditStep, source = grey) =>
    pixel(renderEdits(source, list(step), { paintText: noText }), 1, 1);
  assert.deepEqual(run({ type: "adjust", adjustment: "brightness", amount: 50 }), [150, 150, 150, 255]);
  assert.deepEqual(run({ type: "adjust", adjustment: "contrast", amount: 100 }), [72, 72, 72, 255]);
  assert.deepEqual(run({ type: "filter", name: "invert" }), [155, 155, 155, 255]);
  const red: [number, number, number, number] = [255, 0, 0, 255];
  // CSS grayscale: 0.213 R + 0.715 G + 0.072 B.
  assert.deepEqual(run({ type: "filter", name: "grayscale" }, solid(3, 3, red)), [54, 54, 54, 255]);
  assert.deepEqual(run({ type: "adjust", adjustment: "saturation", amount: -100 }, solid(3, 3, red)), [
    54,
    54,
    54,
    255,
  ]);
  assert.deepEqual(run({ type: "filter", name: "sepia" }, solid(3, 3, red)), [100, 89, 69, 255]);
  const hue = run({ type: "adjust", adjustment: "hue", amount: 120 }, solid(3, 3, red));
  assert.ok(hue[1] > hue[0] && hue[1] > hue[2], `a 120° hue turn makes red mostly green: ${hue}`);
  assert.deepEqual(
    run({ type: "adjust", adjustment: "blur", amount: 2 }),
    [100, 100, 100, 255],
    "flat stays flat",
  );
});

Deno.test("a blur spreads a bright pixel and a sharpen deepens an edge", () => {
  const dot = solid(5, 5, [0, 0, 0, 255]);
  dot.data.set([255, 255, 255, 255], (2 * 5 + 2) * 4);
  const blurred = renderEdits(dot, list({ type: "adjust", adjustment: "blur", amount: 1 }), {
    paintText: noText,
  });
  assert.deepEqual(pixel(blurred, 2, 2), [28, 28, 28, 255], "255 spread over a 3 × 3 box");
  assert.deepEqual(pixel(blurred, 1, 1), [28, 28, 28, 255]);
  const edge = solid(4, 1, [100, 100, 100, 255]);
  edge.data.set([200, 200, 200, 255, 200, 200, 200, 255], 8);
  const sharp = renderEdits(edge, list({ type: "adjust", adjustment: "sharpen", amount: 100 }), {
    paintText: noText,
  });
  assert.ok(
    pixel(sharp, 1, 0)[0] < 100 && pixel(sharp, 2, 0)[0] > 200,
    `the edge is steeper: ${[...sharp.data]}`,
  );
});

Deno.test("steps run in order, the source is kept, and upTo renders the list as it was", () => {
  const source = coordinates(4, 2);
  const before = source.data.slice();
  const edits = list({ type: "rotate", degrees: 90 }, {
    type: "crop",
    x: 0,
    y: 0,
    width: 1,
    height: 0.5,
    ratio: "free",
  });
  const out = renderEdits(source, edits, { paintText: noText });
  assert.deepEqual([out.width, out.height], [2, 2]);
  assert.deepEqual(source.data, before, "the source pixels are not changed");
  const firstOnly = renderEdits(source, edits, { paintText: noText, upTo: 1 });
  assert.deepEqual([firstOnly.width, firstOnly.height], [2, 4]);
});

Deno.test("text layers reach the painter with their tokens resolved from the row's values, fallbacks and names", () => {
  const painted: ResolvedTextStep[] = [];
  const paint: TextPainter = (target, layer) => {
    painted.push(layer);
    target.data.set([1, 2, 3, 255], 0);
  };
  const text = (id: string, value: string): EditStep => ({
    type: "text",
    id,
    text: value,
    font: "sans",
    size: 24,
    color: "#ffffff",
    outlineColor: "#000000",
    outlineWidth: 2,
    x: 0.5,
    y: 0.9,
  });
  const out = renderEdits(
    solid(2, 2, [0, 0, 0, 255]),
    list(text("a", "Hi [FIRSTNAME|there]!"), text("b", "[company] / [CITY]")),
    { paintText: paint, tokens: { FIRSTNAME: "Ada", COMPANY: "Acme" } },
  );
  assert.deepEqual(painted.map((layer) => layer.resolvedText), ["Hi Ada!", "Acme / [CITY]"]);
  assert.deepEqual(pixel(out, 0, 0), [1, 2, 3, 255], "what the painter drew is in the result");
  painted.length = 0;
  renderEdits(solid(2, 2, [0, 0, 0, 255]), list(text("a", "Hi [FIRSTNAME|there]!")), { paintText: paint });
  assert.equal(painted[0].resolvedText, "Hi there!");
});

Deno.test("an oversized canvas is refused before any pixel is touched, naming the step", () => {
  assert.throws(
    () =>
      editedSize(list({ type: "rotate", degrees: 90 }, { type: "resize", width: 5000, height: 100 }), 10, 10),
    (error: unknown) =>
      error instanceof EditListError && /oversized canvas/.test(error.message) && error.details.step === 1,
  );
  assert.throws(
    () =>
      renderEdits(solid(2, 2, [0, 0, 0, 255]), list({ type: "resize", width: 4096, height: 4097 }), {
        paintText: noText,
      }),
    EditListError,
  );
  assert.deepEqual(editedSize(list({ type: "resize", width: 4096, height: 4096 }), 1, 1), {
    width: 4096,
    height: 4096,
  });
});

Deno.test("the contract refuses edit lists that are not valid", () => {
  const invalid = [
    { version: 2, steps: [] },
    { version: 1, steps: [{ type: "crop", x: 0.6, y: 0, width: 0.5, height: 1, ratio: "free" }] },
    { version: 1, steps: [{ type: "adjust", adjustment: "hue", amount: 400 }] },
    { version: 1, steps: [{ type: "adjust", adjustment: "glow", amount: 1 }] },
    { version: 1, steps: [{ type: "filter", name: "lomo" }] },
    { version: 1, steps: [{ type: "resize", width: 0.5, height: 10 }] },
    { version: 1, steps: [{ type: "rotate", degrees: 90, extra: true }] },
    { version: 1, steps: Array.from({ length: 101 }, () => ({ type: "flip", axis: "vertical" })) },
  ];
  for (const value of invalid) {
    assert.equal(z.safeParse(editList, value).success, false, JSON.stringify(value).slice(0, 120));
  }
  assert.equal(
    z.safeParse(editList, {
      version: 1,
      steps: [{ type: "crop", x: 0.5, y: 0, width: 0.5, height: 1, ratio: "1:1" }],
    })
      .success,
    true,
  );
});
