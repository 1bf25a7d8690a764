/**
 * The `image-editor` function's contract, and the edit list itself: the data a saved version keeps
 * so the edit can be replayed (on the same image, or on every row of a batch).
 *   POST /image-editor/versions      saveVersionBody → savedVersion (201)
 *   POST /image-editor/instructions  instructionEditBody → savedVersion (201)
 * Positions and crop boxes are fractions of the canvas they apply to, so one edit list fits
 * images of other sizes; resize and text sizes are pixels.
 */
import * as z from "zod/mini";
import { line, text, uuid } from "./text.ts";

/** A saved or rendered canvas may be at most this many pixels on a side, and this many in all. */
export const maxCanvasSide = 4096;
export const maxCanvasPixels = 4096 * 4096;
export const maxEditSteps = 100;
export const maxTextLength = 300;
export const maxInstructionLength = 1000;

export const cropRatios = ["free", "1:1", "4:3", "3:4", "3:2", "2:3", "16:9", "9:16"] as const;
export const adjustments = ["brightness", "contrast", "saturation", "hue", "blur", "sharpen"] as const;
export type Adjustment = typeof adjustments[number];
/** Each adjustment's allowed amounts: percent for the tone ones, degrees for hue, pixels for blur. */
export const adjustmentRanges: Readonly<Record<Adjustment, { min: number; max: number }>> = {
  brightness: { min: -100, max: 100 },
  contrast: { min: -100, max: 100 },
  saturation: { min: -100, max: 100 },
  hue: { min: -180, max: 180 },
  blur: { min: 0, max: 20 },
  sharpen: { min: 0, max: 100 },
};
export const namedFilters = ["grayscale", "sepia", "invert", "vintage", "warm", "cool"] as const;
export const textFonts = ["sans", "serif", "mono", "display"] as const;

const fraction = () => z.number().check(z.gte(0), z.lte(1));
const colour = () => z.string().check(z.regex(/^#[0-9a-f]{6}$/i, "must be a colour like #ff8800"));

export const cropStep = z.strictObject({
  type: z.literal("crop"),
  x: fraction(),
  y: fraction(),
  width: z.number().check(z.gt(0), z.lte(1)),
  height: z.number().check(z.gt(0), z.lte(1)),
  /** The ratio the box was drawn with, so the editor reopens it with the same constraint. */
  ratio: z.enum(cropRatios),
}).check(
  z.refine((step) => step.x + step.width <= 1.000001 && step.y + step.height <= 1.000001, {
    message: "the crop box must lie inside the image",
  }),
);
export const rotateStep = z.strictObject({
  type: z.literal("rotate"),
  /** Clockwise. Multiples of 90 turn the pixels exactly; other angles widen the canvas to fit. */
  degrees: z.number().check(z.gte(-360), z.lte(360)),
});
export const flipStep = z.strictObject({
  type: z.literal("flip"),
  axis: z.enum(["horizontal", "vertical"]),
});
export const resizeStep = z.strictObject({
  type: z.literal("resize"),
  width: z.int().check(z.gte(1)),
  height: z.int().check(z.gte(1)),
});
export const adjustStep = z.strictObject({
  type: z.literal("adjust"),
  adjustment: z.enum(adjustments),
  amount: z.number(),
}).check(
  z.refine(
    (step) =>
      step.amount >= adjustmentRanges[step.adjustment].min &&
      step.amount <= adjustmentRanges[step.adjustment].max,
    { message: "the amount is outside the adjustment's range" },
  ),
);
export const filterStep = z.strictObject({
  type: z.literal("filter"),
  name: z.enum(namedFilters),
});
export const textStep = z.strictObject({
  type: z.literal("text"),
  /** Stable across moves and restyles, so the editor can select the same layer. */
  id: line().check(z.minLength(1), z.maxLength(64)),
  /** May hold personalization tokens: `[FIRSTNAME|there]`. */
  text: text().check(z.minLength(1), z.maxLength(maxTextLength)),
  font: z.enum(textFonts),
  size: z.int().check(z.gte(6), z.lte(600)),
  color: colour(),
  outlineColor: colour(),
  outlineWidth: z.number().check(z.gte(0), z.lte(40)),
  /** The text's centre, as fractions of the canvas. */
  x: fraction(),
  y: fraction(),
});
export const editStep = z.discriminatedUnion("type", [
  cropStep,
  rotateStep,
  flipStep,
  resizeStep,
  adjustStep,
  filterStep,
  textStep,
]);
export type EditStep = z.infer<typeof editStep>;
export type CropStep = z.infer<typeof cropStep>;
export type TextStep = z.infer<typeof textStep>;

export const editList = z.strictObject({
  version: z.literal(1),
  steps: z.array(editStep).check(z.maxLength(maxEditSteps)),
});
export type EditList = z.infer<typeof editList>;

const dataUrl = () => z.string().check(z.startsWith("data:image/"));

export const saveVersionBody = z.strictObject({
  /** The image the edit starts from: the caller's own, or a 404. */
  parentImageId: uuid("parentImageId must be an image id"),
  /** Chosen by the caller so that sending the same save twice (a retry) keeps one version. */
  versionId: z.optional(uuid("versionId must be a UUID")),
  edits: editList,
  /** The rendered result, a PNG data URL, exactly the size the edit list makes of the parent. */
  image: dataUrl(),
  /** The token values the text layers were resolved with (a batch row's). */
  tokens: z.optional(z.record(line().check(z.maxLength(64)), line().check(z.maxLength(500)))),
});
export type SaveVersionBody = z.infer<typeof saveVersionBody>;

export const instructionEditBody = z.strictObject({
  imageId: uuid("imageId must be an image id"),
  instruction: text().check(z.trim(), z.minLength(3), z.maxLength(maxInstructionLength)),
  /** A catalog id or alias of a model that edits images (local, openai, gemini, …). */
  model: z.optional(line().check(z.minLength(1), z.maxLength(100))),
  /** A PNG the size of the image whose transparent pixels mark where to edit (OpenAI's mask format). */
  mask: z.optional(dataUrl()),
});
export type InstructionEditBody = z.infer<typeof instructionEditBody>;

export const savedVersion = z.object({
  image: z.object({
    id: z.string(),
    parentImageId: z.string(),
    width: z.number(),
    height: z.number(),
    url: z.string(),
    thumbnailUrl: z.string(),
    cost: z.number(),
    model: z.string(),
  }),
  /** The caller's balance after an instruction edit's charge. */
  balance: z.optional(z.number()),
});
export type SavedVersion = z.infer<typeof savedVersion>;

/** Providers whose edit API takes a mask (OpenAI's `mask` part; the offline edit honours it too). */
export const maskProviders: readonly string[] = ["openai", "local"];
