import assert from "node:assert/strict";
import { crc32, deflateSync } from "node:zlib";
import { after, before, describe, test } from "node:test";
import {
  expectNoSeriousViolations,
  launchBrowser,
  newContext,
  openFromMainNavigation,
  platformSettings,
  saveScreenshot,
  signUpThroughForm,
  uniqueEmail,
} from "./support/browser.mjs";

const password = "correct-horse-42";
/** Generated oldest first, so the gallery (newest first) lists them in reverse. */
const prompts = [
  "a red fox in the snow",
  "a blue whale at sunset",
  "a red barn in autumn",
  "a green lighthouse in fog",
];
const newestFirst = [...prompts].reverse();

/** A real PNG (signature, IHDR, one IDAT of a solid colour, IEND), as a phone or an editor would save it. */
function solidPng(width, height, [red, green, blue]) {
  const chunk = (type, data) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  const row = Buffer.concat([
    Buffer.from([0]),
    Buffer.alloc(width * 3).fill(Buffer.from([red, green, blue])),
  ]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(pixels)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** One image from the offline provider, through the function as the page's user. */
async function generateImage(accessToken, prompt, tokens = {}) {
  const { url, anonKey } = platformSettings();
  const response = await fetch(`${url}/functions/v1/image-generation`, {
    method: "POST",
    headers: { apikey: anonKey, authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
    body: JSON.stringify({ prompt, model: "local-render", tokens, settings: {} }),
  });
  const body = await response.text();
  assert.equal(response.status, 200, `generation failed: ${body}`);
  return JSON.parse(body);
}

/** The grid's tiles as rendered, in index order: their accessible names without the "Favourite: " mark. */
async function tileNames(page) {
  return await page.evaluate(() =>
    [...document.querySelectorAll("[data-index]")]
      .sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index))
      .map((tile) =>
        (tile.querySelector("[data-open]")?.getAttribute("aria-label") ?? "").replace(/^Favourite: /, "")
      )
  );
}

async function waitForTileNames(page, expected, message) {
  await page
    .waitForFunction(
      (names) =>
        JSON.stringify(
          [...document.querySelectorAll("[data-index]")]
            .sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index))
            .map((tile) =>
              (tile.querySelector("[data-open]")?.getAttribute("aria-label") ?? "").replace(
                /^Favourite: /,
                "",
              )
            ),
        ) === JSON.stringify(names),
      expected,
      { timeout: 20_000 },
    )
    .catch(async () => assert.deepEqual(await tileNames(page), expected, message));
}

const tile = (page, name) => page.getByRole("button", { name, exact: true });

describe("the gallery", { timeout: 600_000 }, () => {
  let browser;
  let context;
  let page;
  before(async () => {
    browser = await launchBrowser();
    context = await newContext(browser);
    page = await context.newPage();
  });
  after(async () => {
    await browser?.close();
  });

  test("sign up, generate four images, and find them newest first in the gallery", async () => {
    await signUpThroughForm(page, { displayName: "Grace Hopper", email: uniqueEmail("gallery"), password });
    const accessToken = await page.evaluate(() =>
      JSON.parse(localStorage.getItem("personify-auth")).access_token
    );
    for (const prompt of prompts) await generateImage(accessToken, prompt);

    await openFromMainNavigation(page, "Gallery", "**/gallery");
    await page.getByRole("heading", { level: 1, name: "Gallery" }).waitFor();
    await page.getByText("4 images", { exact: true }).waitFor();
    await waitForTileNames(page, newestFirst, "the grid lists the images newest first");
    const thumbnail = page.locator("[data-index='0'] img");
    await page.waitForFunction(() => {
      const image = document.querySelector("[data-index='0'] img");
      return image?.complete && image.naturalWidth > 0;
    });
    assert.equal(await thumbnail.getAttribute("decoding"), "async");
    assert.equal(await thumbnail.getAttribute("loading"), "lazy");
    await expectNoSeriousViolations(page, "gallery");
    await saveScreenshot(page, "gallery-desktop");
  });

  test("search and filters live in the URL and survive a reload", async () => {
    await page.getByLabel("Search prompts").fill("red");
    await page.waitForURL((url) => url.searchParams.get("q") === "red");
    await waitForTileNames(
      page,
      ["a red barn in autumn", "a red fox in the snow"],
      "the search finds both red images",
    );
    await page.reload();
    assert.equal(await page.getByLabel("Search prompts").inputValue(), "red");
    await waitForTileNames(
      page,
      ["a red barn in autumn", "a red fox in the snow"],
      "the search survives a reload",
    );

    await page.getByLabel("Model").selectOption("local-render");
    await page.waitForURL((url) =>
      url.searchParams.get("model") === "local-render" && url.searchParams.get("q") === "red"
    );
    await waitForTileNames(
      page,
      ["a red barn in autumn", "a red fox in the snow"],
      "the model filter combines with the search",
    );

    await page.getByRole("button", { name: "Clear filters" }).click();
    await page.waitForURL((url) => url.search === "");
    await waitForTileNames(page, newestFirst, "clearing shows everything again");
  });

  test("favourite in the lightbox, filter by favourites, and step through with the keyboard", async () => {
    await tile(page, "a blue whale at sunset").focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("heading", { name: "a blue whale at sunset" }).waitFor();
    await dialog.getByText("local-render").first().waitFor();
    assert.match(await dialog.textContent(), /Cost\s*1 credit/);
    const favourite = dialog.getByRole("button", { name: "Favourite" });
    assert.equal(await favourite.getAttribute("aria-pressed"), "false");
    await Promise.all([
      page.waitForResponse((response) =>
        response.request().method() === "PATCH" && response.url().includes("/functions/v1/gallery/")
      ),
      favourite.click(),
    ]);
    assert.equal(await favourite.getAttribute("aria-pressed"), "true");
    await expectNoSeriousViolations(page, "gallery lightbox");

    await page.keyboard.press("ArrowRight");
    await dialog.getByRole("heading", { name: "a red fox in the snow" }).waitFor();
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("ArrowLeft");
    await dialog.getByRole("heading", { name: "a red barn in autumn" }).waitFor();
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    // Focus goes back to the tile that opened the lightbox.
    assert.equal(
      await page.evaluate(() => document.activeElement?.getAttribute("aria-label")),
      "Favourite: a blue whale at sunset",
    );

    await page.getByLabel("Favourites only").check();
    await page.waitForURL((url) => url.searchParams.get("favorite") === "true");
    await waitForTileNames(page, ["a blue whale at sunset"], "only the favourite is left");
    await page.reload();
    assert.equal(await page.getByLabel("Favourites only").isChecked(), true);
    await waitForTileNames(page, ["a blue whale at sunset"], "the favourites filter survives a reload");
    await page.getByLabel("Favourites only").uncheck();
    await page.waitForURL((url) => url.search === "");
  });

  test("reuse settings opens the AI Image page with that image's prompt and model", async () => {
    await tile(page, "a green lighthouse in fog").click();
    const dialog = page.getByRole("dialog");
    const reuse = dialog.getByRole("button", { name: "Reuse settings" });
    await page.waitForFunction(() => {
      const button = [...document.querySelectorAll("dialog button")].find((element) =>
        element.textContent?.includes("Reuse settings")
      );
      return button && !button.disabled;
    });
    await reuse.click();
    await page.waitForURL((url) =>
      url.pathname === "/features/ai-image" && url.searchParams.get("prompt") === "a green lighthouse in fog"
    );
    const prompt = page.getByRole("textbox", { name: "Prompt", exact: true });
    await prompt.waitFor();
    assert.equal(await prompt.inputValue(), "a green lighthouse in fog");
    await page.goBack();
    await page.waitForURL("**/gallery");
    await page.getByText("4 images", { exact: true }).waitFor();
  });

  test("make an album, select with shift-click and Ctrl+A, add, reorder by drag and keyboard, and keep the order", async () => {
    await page.getByLabel("New album").fill("Travels");
    await page.getByRole("button", { name: "Create album" }).click();
    const albumLink = page.getByRole("navigation", { name: "Albums" }).getByRole("link", { name: /Travels/ });
    await albumLink.waitFor();

    // Space on a focused tile selects it, and again unselects it.
    await tile(page, newestFirst[3]).focus();
    await page.keyboard.press("Space");
    await page.getByText("1 image selected").waitFor();
    await page.keyboard.press("Space");
    await page.getByRole("region", { name: "Selected images" }).waitFor({ state: "detached" });

    await page.getByRole("checkbox", { name: `Select ${newestFirst[0]}` }).click();
    await page.getByRole("checkbox", { name: `Select ${newestFirst[2]}` }).click({ modifiers: ["Shift"] });
    await page.getByText("3 images selected").waitFor();
    await tile(page, newestFirst[0]).focus();
    await page.keyboard.press("Control+a");
    await page.getByText("4 images selected").waitFor();

    const bar = page.getByRole("region", { name: "Selected images" });
    await bar.getByLabel("Album").selectOption({ label: "Travels" });
    await Promise.all([
      page.waitForResponse((response) =>
        response.url().includes("/images") && response.request().method() === "POST"
      ),
      bar.getByRole("button", { name: "Add to album" }).click(),
    ]);
    await page.getByText("Added 4 images to “Travels”").waitFor();
    await bar.getByRole("button", { name: "Clear selection" }).click();

    await albumLink.click();
    await page.waitForURL((url) => url.searchParams.has("album"));
    await page.getByRole("heading", { level: 2, name: "Travels" }).waitFor();
    await waitForTileNames(page, newestFirst, "the album holds the four in the order they were added");

    // A real HTML5 drag: the first image dropped on the third goes after it.
    const source = page.locator("[data-index='0']");
    const target = page.locator("[data-index='2']");
    await source.hover();
    await page.mouse.down();
    const box = await target.boundingBox();
    await page.mouse.move(box.x + box.width / 2 - 30, box.y + box.height / 2, { steps: 5 });
    const moved = page.waitForResponse((response) => response.url().includes("/move"));
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 10 });
    await page.mouse.up();
    assert.equal((await moved).status(), 200);
    const afterDrag = [newestFirst[1], newestFirst[2], newestFirst[0], newestFirst[3]];
    await waitForTileNames(page, afterDrag, "the dragged image sits after the one it was dropped on");

    // The keyboard's way: "Move earlier" on the last image swaps it with the one before.
    await page.getByRole("button", { name: `Move earlier: ${newestFirst[3]}` }).focus();
    await Promise.all([
      page.waitForResponse((response) => response.url().includes("/move")),
      page.keyboard.press("Enter"),
    ]);
    const afterKeyboard = [newestFirst[1], newestFirst[2], newestFirst[3], newestFirst[0]];
    await waitForTileNames(page, afterKeyboard, "the image moved one place earlier");

    await page.reload();
    await page.getByRole("heading", { level: 2, name: "Travels" }).waitFor();
    await waitForTileNames(page, afterKeyboard, "the album's order is kept on the server");
    await expectNoSeriousViolations(page, "gallery album");
    await saveScreenshot(page, "gallery-album-desktop");
  });

  test("upload a PNG of your own and see it in the grid", async () => {
    await page.getByRole("navigation", { name: "Albums" }).getByRole("link", { name: "All images" }).click();
    await page.waitForURL((url) => url.search === "");
    await page.getByLabel("Upload photos").setInputFiles({
      name: "my-photo.png",
      mimeType: "image/png",
      buffer: solidPng(64, 48, [40, 160, 90]),
    });
    await page.getByRole("list", { name: "Uploads" }).getByText("In your gallery").waitFor({
      timeout: 60_000,
    });
    await waitForTileNames(page, ["my-photo.png", ...newestFirst], "the upload is the newest image");
    await page.waitForFunction(() => {
      const image = document.querySelector("[data-index='0'] img");
      return image?.complete && image.naturalWidth > 0;
    });

    // A file that is not an image is refused before anything is sent.
    await page.getByLabel("Upload photos").setInputFiles({
      name: "notes.txt",
      mimeType: "text/plain",
      buffer: Buffer.from("hi"),
    });
    await page.getByText("notes.txt is not a PNG, JPEG or WebP image.").waitFor();
  });

  test("organise the images into albums and see what the organiser made", async () => {
    await tile(page, "my-photo.png").focus();
    await page.keyboard.press("Control+a");
    await page.getByText("5 images selected").waitFor();
    await page.getByRole("region", { name: "Selected images" }).getByRole("button", {
      name: "Organise into albums",
    }).click();
    const panel = page.getByRole("region", { name: "Organise into albums" });
    // The review: nothing is made until "Create"; this time every proposed album is kept as it is.
    const create = panel.getByRole("button", { name: /^Create \d+ albums?$/ });
    await create.waitFor({ timeout: 120_000 });
    assert.equal(await panel.getByRole("link").count(), 0, "no album exists before the review is applied");
    await create.click();
    await panel.getByRole("link").first().waitFor({ timeout: 120_000 });
    const made = await panel.getByRole("link").allTextContents();
    assert.ok(made.length >= 1, "the organiser made at least one album");
    const counts = (await panel.textContent()).match(/\((\d+) images?\)/g).map((text) =>
      Number(/\d+/.exec(text)[0])
    );
    assert.equal(
      counts.reduce((sum, count) => sum + count, 0) >= 5,
      true,
      `every image is in an album: ${counts}`,
    );
    const sidebar = page.getByRole("navigation", { name: "Albums" });
    for (const title of made) {
      await sidebar.getByRole("link", { name: new RegExp(title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) })
        .first().waitFor();
    }
    await saveScreenshot(page, "gallery-organised-desktop");
  });

  test("delete one image and it is gone after a reload", async () => {
    await tile(page, "a red fox in the snow").click();
    const dialog = page.getByRole("dialog", { name: "a red fox in the snow" });
    await dialog.getByRole("button", { name: "Delete", exact: true }).click();
    await Promise.all([
      page.waitForResponse((response) => response.url().endsWith("/gallery/delete")),
      page.getByRole("dialog", { name: "Delete this image?" }).getByRole("button", { name: "Delete image" })
        .click(),
    ]);
    await page.keyboard.press("Escape");
    await page.getByRole("dialog").waitFor({ state: "detached" });
    await page.reload();
    await page.getByText("4 images", { exact: true }).waitFor();
    const names = await tileNames(page);
    assert.equal(names.includes("a red fox in the snow"), false, `deleted image still listed: ${names}`);
    assert.equal(names.length, 4);
  });

  test("remove an image from an album, rename the album, and delete it while its images stay", async () => {
    const albums = page.getByRole("navigation", { name: "Albums" });
    await albums.getByRole("link", { name: /^Travels/ }).click();
    await page.getByRole("heading", { level: 2, name: "Travels" }).waitFor();
    // The fox was deleted; the album lists the other three in the order they were left in.
    const remaining = [newestFirst[1], newestFirst[2], newestFirst[0]];
    await waitForTileNames(page, remaining, "a deleted image leaves its albums too");

    await page.getByRole("checkbox", { name: `Select ${remaining[0]}` }).click();
    await Promise.all([
      page.waitForResponse((response) =>
        response.url().includes("/images") && response.request().method() === "DELETE"
      ),
      page.getByRole("region", { name: "Selected images" }).getByRole("button", { name: "Remove from album" })
        .click(),
    ]);
    await waitForTileNames(page, remaining.slice(1), "the removed image leaves the album view at once");
    await page.reload();
    await waitForTileNames(page, remaining.slice(1), "the removal is kept on the server");

    await page.getByRole("button", { name: "Rename album" }).click();
    await page.getByLabel("Album name").fill("Journeys");
    await page.getByRole("button", { name: "Save name" }).click();
    await page.getByRole("heading", { level: 2, name: "Journeys" }).waitFor();
    await albums.getByRole("link", { name: /^Journeys/ }).waitFor();

    await page.getByRole("button", { name: "Delete album" }).click();
    await page.getByRole("dialog", { name: "Delete “Journeys”?" }).getByRole("button", {
      name: "Delete album",
    }).click();
    await page.waitForURL((url) => !url.searchParams.has("album"));
    await albums.getByRole("link", { name: /^Journeys/ }).waitFor({ state: "detached" });
    await page.getByText("4 images", { exact: true }).waitFor();
  });

  test("a results CSV's link (/gallery?image=<id>) opens that image, titled by its resolved prompt", async () => {
    const accessToken = await page.evaluate(() =>
      JSON.parse(localStorage.getItem("personify-auth")).access_token
    );
    const { imageId } = await generateImage(accessToken, "a thank-you card for [FIRSTNAME]", {
      FIRSTNAME: "Ada",
    });
    await page.goto(`/gallery?image=${imageId}`);
    const dialog = page.getByRole("dialog", { name: "a thank-you card for Ada" });
    await dialog.waitFor();
    assert.equal(
      await dialog.getByRole("heading", { name: "a thank-you card for Ada" }).getAttribute("title"),
      "Template: a thank-you card for [FIRSTNAME]",
    );
    await dialog.getByText("Offline render").first().waitFor();
    await dialog.getByText("AI Image").first().waitFor();
    await saveScreenshot(page, "gallery-linked-image-desktop");
    await page.setViewportSize({ width: 390, height: 844 });
    await saveScreenshot(page, "gallery-linked-image-phone");
    await page.setViewportSize({ width: 1280, height: 800 });
    await dialog.getByRole("button", { name: "Close" }).click();
    await page.waitForURL((url) => url.pathname === "/gallery" && !url.searchParams.has("image"));
  });

  test("review the proposal: rename one album, drop one, and only the kept albums are made", async () => {
    const sidebar = page.getByRole("navigation", { name: "Albums" });
    const sidebarTitles = async () =>
      (await sidebar.getByRole("link").allTextContents()).map((text) => text.replace(/\d+$/, "")).sort();
    const before = await sidebarTitles();
    // Two blue uploads beside the green one, so the organiser proposes at least two albums.
    await page.getByLabel("Upload photos").setInputFiles(
      ["harbour-boats-1.png", "harbour-boats-2.png"].map((name) => ({
        name,
        mimeType: "image/png",
        buffer: solidPng(48, 48, [20, 50, 210]),
      })),
    );
    await tile(page, "harbour-boats-2.png").waitFor({ timeout: 60_000 });
    await tile(page, "harbour-boats-1.png").waitFor({ timeout: 60_000 });
    await tile(page, "my-photo.png").focus();
    await page.keyboard.press("Control+a");
    await page.getByRole("region", { name: "Selected images" }).getByRole("button", {
      name: "Organise into albums",
    }).click();
    const panel = page.getByRole("region", { name: "Organise into albums" });
    const proposed = panel.getByRole("list", { name: "Proposed albums" });
    await proposed.waitFor({ timeout: 120_000 });
    const items = proposed.getByRole("listitem");
    const count = await items.count();
    assert.ok(count >= 2, `the organiser proposed at least two albums: ${count}`);
    await expectNoSeriousViolations(page);
    await saveScreenshot(page, "gallery-review-desktop");
    await page.setViewportSize({ width: 390, height: 844 });
    await panel.scrollIntoViewIfNeeded();
    await saveScreenshot(page, "gallery-review-phone");
    await page.setViewportSize({ width: 1280, height: 800 });

    // Rename the first by keyboard, drop the last; the others are kept as proposed.
    const firstTitle = items.first().getByRole("textbox", { name: "Album title" });
    await firstTitle.focus();
    await page.keyboard.press("Control+a");
    await page.keyboard.type("Reviewed favourites");
    const dropped = await items.last().getByRole("textbox", { name: "Album title" }).inputValue();
    await items.last().getByRole("button", { name: /^Drop/ }).click();
    assert.equal(await items.count(), count - 1);
    const kept = await Promise.all(
      Array.from(
        { length: count - 1 },
        (_, index) => items.nth(index).getByRole("textbox", { name: "Album title" }).inputValue(),
      ),
    );
    assert.equal(kept[0], "Reviewed favourites");
    assert.equal(kept.includes(dropped) && dropped !== "", false, `the dropped "${dropped}" is not kept`);
    await panel.getByRole("button", { name: `Create ${count - 1} ${count - 1 === 1 ? "album" : "albums"}` })
      .click();
    await panel.getByRole("link", { name: "Reviewed favourites" }).waitFor({ timeout: 60_000 });
    await sidebar.getByRole("link", { name: /^Reviewed favourites/ }).waitFor();
    // Counted per title: an earlier organisation may have made albums of the same names.
    const tally = (titles) =>
      Object.fromEntries(
        [...kept, dropped].map((title) => [title, titles.filter((t) => t === title).length]),
      );
    const expected = tally([...before, ...kept]);
    const deadline = Date.now() + 10_000;
    while (
      JSON.stringify(tally(await sidebarTitles())) !== JSON.stringify(expected) && Date.now() < deadline
    ) {
      await page.waitForTimeout(200);
    }
    assert.deepEqual(tally(await sidebarTitles()), expected, "the sidebar gains exactly the kept albums");
  });
});
