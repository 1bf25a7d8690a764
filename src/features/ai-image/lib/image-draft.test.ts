import { describe, expect, it } from "vitest";
import type { ImageModel } from "@domain/contracts/image-generation";
import { type ImageDraft, requestFromDraft } from "@/features/ai-image/lib/image-draft";

const local: ImageModel = {
  id: "local-render",
  label: "Offline render",
  provider: "local",
  available: true,
  retired: false,
  aliases: ["local"],
  supportsReferenceImage: true,
  settings: { aspectRatio: { allowed: ["1:1", "16:9"], default: "1:1" }, style: { allowed: ["sketch"] } },
};

const draft: ImageDraft = {
  prompt: "  Portrait of [FIRSTNAME] from [company|a startup]  ",
  tokenValues: { FIRSTNAME: " Ada ", COMPANY: "  ", CITY: "Paris" },
  modelId: "local-render",
  settings: { aspectRatio: "16:9", quality: "high" },
  referenceImage: { name: "me.png", type: "image/png", size: 4, dataUrl: "data:image/png;base64,iVBORw==" },
};

describe("requestFromDraft", () => {
  it("sends the prompt as typed, the used tokens that have values, and the settings the model takes", () => {
    expect(requestFromDraft(draft, local)).toEqual({
      prompt: "Portrait of [FIRSTNAME] from [company|a startup]",
      model: "local-render",
      tokens: { FIRSTNAME: "Ada" },
      settings: { aspectRatio: "16:9" },
      referenceImage: "data:image/png;base64,iVBORw==",
    });
  });

  it("leaves the reference image out for a model that can't use it", () => {
    expect(requestFromDraft(draft, { ...local, supportsReferenceImage: false })).not.toHaveProperty(
      "referenceImage",
    );
  });
});
