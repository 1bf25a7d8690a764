import { describe, expect, it } from "vitest";
import { emptyGalleryFilters as emptyFilters, paths, safeReturnPath } from "@/config/paths";

const albumId = "2f1c7a8e-4b1d-4c6e-9a51-0c2d3e4f5a6b";

describe("safeReturnPath", () => {
  it("keeps paths inside the app", () => {
    expect(safeReturnPath("/account?tab=ledger#top")).toBe("/account?tab=ledger#top");
  });

  it("refuses other sites and odd values", () => {
    expect(safeReturnPath("https://evil.example/")).toBe("/account");
    expect(safeReturnPath("//evil.example/")).toBe("/account");
    expect(safeReturnPath("/\\evil.example/")).toBe("/account");
    expect(safeReturnPath("account")).toBe("/account");
    expect(safeReturnPath(null, "/")).toBe("/");
  });
});

describe("the sign-in link", () => {
  it("encodes the path so its own query survives", () => {
    expect(paths.signIn.href({ returnTo: "/account?tab=ledger" })).toBe(
      "/sign-in?next=%2Faccount%3Ftab%3Dledger",
    );
  });
});

describe("gallery filters in the URL", () => {
  it("round-trips every filter through the search params", () => {
    const filters = {
      q: "red fox",
      model: "local-render",
      feature: "upload",
      favorite: true,
      album: albumId,
      from: "2026-01-02",
      to: "2026-03-04",
    };
    const params = paths.gallery.search(filters);
    expect(params.toString()).toBe(
      `q=red+fox&model=local-render&feature=upload&favorite=true&album=${albumId}&from=2026-01-02&to=2026-03-04`,
    );
    expect(paths.gallery.parse(new URLSearchParams(params.toString()))).toEqual(filters);
  });

  it("leaves empty filters out, so the plain gallery is just /gallery, and keeps other params", () => {
    expect(paths.gallery.search(emptyFilters).toString()).toBe("");
    const kept = paths.gallery.search(
      { ...emptyFilters, q: "  cat " },
      new URLSearchParams("q=dog&model=x&other=1"),
    );
    expect(kept.toString()).toBe("q=cat&other=1");
  });

  it("drops what the server would refuse from a hand-edited link", () => {
    expect(
      paths.gallery.parse(new URLSearchParams("album=not-a-uuid&from=2026-13-45&to=yesterday&favorite=yes")),
    ).toEqual(emptyFilters);
  });
});

describe("links with state in their search", () => {
  it("leaves unset values out, so a page without state has its plain path", () => {
    expect(paths.gallery.href()).toBe("/gallery");
    expect(paths.gallery.href({ album: albumId })).toBe(`/gallery?album=${albumId}`);
    expect(paths.video.href()).toBe("/features/image-to-video");
    expect(paths.video.href({ imageId: "i-1", videoId: "v-1" })).toBe(
      "/features/image-to-video?imageId=i-1&video=v-1",
    );
    expect(paths.batch.href({ batchId: "b-1" })).toBe("/batch-generation?batch=b-1");
    expect(paths.signUp.href()).toBe("/sign-up");
  });

  it("changes only the values it is given in a page's own URL", () => {
    const current = new URLSearchParams("imageId=i-1&video=v-1");
    expect(paths.video.search({ videoId: "v-2" }, current).toString()).toBe("imageId=i-1&video=v-2");
    expect(paths.video.search({ imageId: null }, current).toString()).toBe("video=v-1");
  });

  it("reads back what it wrote", () => {
    const search = (href: string) => new URLSearchParams(href.split("?")[1]);
    expect(paths.video.parse(search(paths.video.href({ imageId: "i-1" })))).toEqual({
      imageId: "i-1",
      videoId: null,
    });
    expect(paths.batch.parse(search(paths.batch.href({ batchId: "b-1" })))).toEqual({ batchId: "b-1" });
    expect(paths.signIn.parse(search(paths.signIn.href({ returnTo: "/gallery?q=fox" })))).toEqual({
      returnTo: "/gallery?q=fox",
      returning: true,
    });
    expect(paths.signIn.parse(new URLSearchParams())).toEqual({ returnTo: "/account", returning: false });
    const reuse = {
      prompt: "Hi [NAME]",
      model: "local-render",
      settings: { size: "512" },
      tokens: { NAME: "Ada" },
    };
    expect(paths.aiImage.parse(search(paths.aiImage.href(reuse)))).toEqual(reuse);
  });
});
