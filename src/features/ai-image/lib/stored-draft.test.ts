import { beforeEach, describe, expect, it } from "vitest";
import { emptyDraft } from "@/features/ai-image/lib/image-draft";
import { loadStoredDraft, saveStoredDraft } from "@/features/ai-image/lib/stored-draft";

const draft = {
  ...emptyDraft("local-render"),
  prompt: "Portrait of [FIRSTNAME]",
  tokenValues: { FIRSTNAME: "Ada" },
  settings: { aspectRatio: "16:9" },
  referenceImage: { name: "face.png", type: "image/png", size: 4, dataUrl: "data:image/png;base64,iVBORw==" },
};

describe("stored draft", () => {
  beforeEach(() => sessionStorage.clear());

  it("brings back the prompt, model, settings and token values, without the reference image", () => {
    saveStoredDraft(sessionStorage, "user-1", "", draft);
    expect(loadStoredDraft(sessionStorage, "user-1", "")).toEqual({ ...draft, referenceImage: null });
  });

  it("is kept per user, and per address (another Reuse settings link starts from that link)", () => {
    saveStoredDraft(sessionStorage, "user-1", "", draft);
    expect(loadStoredDraft(sessionStorage, "user-2", "")).toBeNull();
    expect(loadStoredDraft(sessionStorage, "user-1", "prompt=Other")).toBeNull();
  });

  it("ignores what it cannot read", () => {
    sessionStorage.setItem("personify:ai-image-draft:user-1", "{not json");
    expect(loadStoredDraft(sessionStorage, "user-1", "")).toBeNull();
    sessionStorage.setItem("personify:ai-image-draft:user-1", JSON.stringify({ prompt: 3 }));
    expect(loadStoredDraft(sessionStorage, "user-1", "")).toBeNull();
  });
});
