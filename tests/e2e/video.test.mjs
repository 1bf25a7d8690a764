import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import {
  expectNoSeriousViolations,
  launchBrowser,
  newContext,
  openFromMainNavigation,
  saveScreenshot,
  signInThroughForm,
  signUpThroughForm,
  uniqueEmail,
} from "./support/browser.mjs";

const password = "correct-horse-42";
const durationSeconds = 3;
/** The size every frame is compared at: the preview's own. */
const compareWidth = 854;
const compareHeight = 480;

/** What Chromium's own <video> element reports once it has the file's metadata. */
async function mediaFacts(page, testId) {
  const video = page.getByTestId(testId);
  await video.waitFor({ timeout: 120_000 });
  await page.waitForFunction(
    (id) => {
      const element = document.querySelector(`[data-testid="${id}"]`);
      return element && (element.readyState >= 1 || element.error);
    },
    testId,
    { timeout: 30_000 },
  );
  return video.evaluate((element) => ({
    src: element.currentSrc,
    error: element.error ? `${element.error.code} ${element.error.message}` : null,
    readyState: element.readyState,
    duration: element.duration,
    width: element.videoWidth,
    height: element.videoHeight,
    controls: element.controls,
    playsInline: element.playsInline,
  }));
}

function assertPlayable(facts, { width, height }, label) {
  assert.equal(facts.error, null, `${label}: Chromium could not load the video`);
  assert.ok(facts.readyState >= 1, `${label}: readyState ${facts.readyState}`);
  assert.ok(
    Math.abs(facts.duration - durationSeconds) <= 0.1,
    `${label}: duration ${facts.duration} s, not ${durationSeconds} ± 0.1 s`,
  );
  assert.equal(`${facts.width}x${facts.height}`, `${width}x${height}`, `${label}: frame size`);
  assert.ok(facts.controls && facts.playsInline, `${label}: <video controls playsInline>`);
}

/**
 * The mean luma of each row of the frame at `time`, drawn at the preview's size. The file is
 * fetched into a blob first: a local copy seeks exactly and never taints the canvas.
 */
async function rowLuma(page, url, time) {
  return page.evaluate(
    async ({ url, time, width, height }) => {
      const blob = await (await fetch(url)).blob();
      const video = document.createElement("video");
      video.muted = true;
      video.src = URL.createObjectURL(blob);
      await new Promise((resolve, reject) => {
        video.addEventListener("loadeddata", resolve, { once: true });
        video.addEventListener(
          "error",
          () => reject(new Error(`the video did not decode: ${video.error?.message}`)),
          { once: true },
        );
      });
      video.currentTime = time;
      await new Promise((resolve) => video.addEventListener("seeked", resolve, { once: true }));
      const canvas = document.createElement("canvas");
      canvas.width = width;
      canvas.height = height;
      const context = canvas.getContext("2d", { willReadFrequently: true });
      context.drawImage(video, 0, 0, width, height);
      const { data } = context.getImageData(0, 0, width, height);
      URL.revokeObjectURL(video.src);
      const rows = [];
      for (let y = 0; y < height; y++) {
        let sum = 0;
        for (let x = 0; x < width; x++) {
          const i = (y * width + x) * 4;
          sum += 0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2];
        }
        rows.push(sum / width);
      }
      return rows;
    },
    { url, time, width: compareWidth, height: compareHeight },
  );
}

const mean = (values) => values.reduce((sum, value) => sum + value, 0) / values.length;
const rowsMean = (rows, from, to) => mean(rows.slice(from, to));

/**
 * The watermark's band (supabase/functions/_shared/image-to-video/watermark.ts: across the middle, a sixth
 * of the height) darkens the picture under it, with the text in its middle rows. Its top and bottom
 * edges show as a step between the rows just outside and just inside; a picture without it has none.
 */
function bandEdges(rows) {
  const bandHeight = Math.round(compareHeight / 6);
  const top = Math.round((compareHeight - bandHeight) / 2);
  const bottom = top + bandHeight;
  const strip = 6;
  const margin = 3;
  return {
    top: rowsMean(rows, top + margin, top + margin + strip) /
      rowsMean(rows, top - margin - strip, top - margin),
    bottom: rowsMean(rows, bottom - margin - strip, bottom - margin) /
      rowsMean(rows, bottom + margin, bottom + margin + strip),
    band: { top, bottom },
  };
}

describe("the video page", { timeout: 600_000 }, () => {
  let browser;
  const email = uniqueEmail("video");
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test("generate (local) → make a video → preview with progress → test payment → full video → download", async (t) => {
    const context = await newContext(browser);
    const page = await context.newPage();

    await signUpThroughForm(page, { displayName: "Louis Le Prince", email, password });

    await openFromMainNavigation(page, "AI Image", "**/features/ai-image");
    await page.getByLabel("Prompt").fill("A lighthouse on a cliff at dawn");
    await page.getByRole("button", { name: "Generate image" }).click();
    await page.getByRole("img", { name: "A lighthouse on a cliff at dawn" }).waitFor({ timeout: 60_000 });

    await page.getByRole("link", { name: "Make a video" }).click();
    await page.waitForURL(/\/features\/image-to-video\?imageId=[0-9a-f-]{36}$/);
    await page.getByRole("heading", { level: 1, name: "Image to video" }).waitFor();
    assert.equal(
      await page.getByTestId("source-image-prompt").textContent(),
      "A lighthouse on a cliff at dawn",
    );
    await page.getByRole("img", { name: "A lighthouse on a cliff at dawn" }).waitFor();
    await page.getByText("No videos yet").waitFor();

    // From the keyboard: arrow keys move within the radio groups and the slider.
    await page.getByRole("radio", { name: "Ken Burns" }).check();
    const slider = page.getByRole("slider", { name: "Duration" });
    await slider.focus();
    await page.keyboard.press("Home");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    assert.equal(await slider.inputValue(), String(durationSeconds));
    assert.equal(await slider.getAttribute("aria-valuetext"), "3 seconds");
    await page.getByRole("radio", { name: /^720p/ }).check();

    // Every value the progress bar shows is recorded, however quickly the render goes.
    await page.evaluate(() => {
      window.__renderProgress = [];
      window.__renderProgressByKind = { preview: [], full: [] };
      new MutationObserver(() => {
        const bar = document.querySelector('[role="progressbar"]');
        const value = bar?.getAttribute("aria-valuenow");
        if (value !== null && value !== undefined && window.__renderProgress.at(-1) !== value) {
          window.__renderProgress.push(value);
        }
        const kind = bar?.closest("[data-render]")?.getAttribute("data-render");
        const seen = kind ? window.__renderProgressByKind[kind] : undefined;
        if (seen && value !== null && value !== undefined && seen.at(-1) !== Number(value)) {
          seen.push(Number(value));
        }
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    await page.getByRole("button", { name: "Make the preview" }).click();
    await page.waitForURL(/[?&]video=[0-9a-f-]{36}/);
    await page.getByRole("progressbar", { name: "Rendering the preview" }).waitFor({ timeout: 30_000 });

    const preview = await mediaFacts(page, "preview-video");
    assertPlayable(preview, { width: 854, height: 480 }, "preview");
    const progressSeen = (await page.evaluate(() => window.__renderProgress)).map(Number);
    assert.ok(
      progressSeen.length >= 1 && progressSeen.every((value) => value >= 0 && value <= 100),
      `progress ${progressSeen}`,
    );
    assert.equal(
      await page.getByRole("button", { name: /Download/ }).count(),
      0,
      "no download before payment",
    );
    assert.equal(await page.getByTestId("video-price").textContent(), "$1.00");
    await expectNoSeriousViolations(page, "video preview ready (desktop)");
    await page.evaluate(() => window.scrollTo({ top: 0, behavior: "instant" }));
    await saveScreenshot(page, "video-preview-desktop");

    await page.getByRole("button", { name: "Pay $1.00" }).click();
    const testPayment = page.getByRole("region", { name: "Test payment" });
    await testPayment.getByText("Test payment — no card is charged").waitFor();
    await testPayment.getByRole("button", { name: "Complete test payment" }).click();

    const full = await mediaFacts(page, "full-video");
    assertPlayable(full, { width: 1280, height: 720 }, "full video");
    // Each render's bar only goes up; the full render starts a bar of its own.
    const byKind = await page.evaluate(() => window.__renderProgressByKind);
    for (const [kind, values] of Object.entries(byKind)) {
      assert.ok(
        values.every((value, index) => index === 0 || value >= values[index - 1]),
        `${kind}: ${values}`,
      );
    }
    assert.notEqual(full.src, preview.src);

    const past = page.getByRole("list", { name: "Past videos" });
    await past.getByText("Completed").waitFor();
    assert.match(await past.getByRole("link").first().textContent(), /Ken Burns · 3 s · 720p/);
    // Checked before the download: the button's colours fade back from its busy state, and axe
    // would catch them half-way.
    await expectNoSeriousViolations(page, "video completed (desktop)");
    await page.evaluate(() => window.scrollTo({ top: 0, behavior: "instant" }));
    await saveScreenshot(page, "video-completed-desktop");

    // The same moment of both renders: the preview's band is there, the paid video's is not.
    const previewRows = await rowLuma(page, preview.src, 1);
    const fullRows = await rowLuma(page, full.src, 1);
    const previewEdges = bandEdges(previewRows);
    const fullEdges = bandEdges(fullRows);
    t.diagnostic(
      `preview ${preview.width}x${preview.height} ${preview.duration} s; full ${full.width}x${full.height} ${full.duration} s`,
    );
    t.diagnostic(
      `band edge ratios: preview ${previewEdges.top.toFixed(2)}/${previewEdges.bottom.toFixed(2)}, full ${
        fullEdges.top.toFixed(2)
      }/${fullEdges.bottom.toFixed(2)}`,
    );
    assert.ok(
      previewEdges.top < 0.7 && previewEdges.bottom < 0.7,
      `the preview's band darkens: ${JSON.stringify(previewEdges)}`,
    );
    assert.ok(
      Math.abs(fullEdges.top - 1) < 0.2 && Math.abs(fullEdges.bottom - 1) < 0.2,
      `the paid video has no band: ${JSON.stringify(fullEdges)}`,
    );
    const difference = previewRows.map((value, row) => Math.abs(value - fullRows[row]));
    const { top, bottom } = previewEdges.band;
    const insideBand = rowsMean(difference, top + 3, bottom - 3);
    const outsideBand = mean([...difference.slice(0, top - 3), ...difference.slice(bottom + 3)]);
    t.diagnostic(
      `preview vs full luma difference: ${insideBand.toFixed(1)} in the band, ${
        outsideBand.toFixed(1)
      } outside`,
    );
    assert.ok(
      insideBand > 3 * outsideBand && insideBand > 15,
      `the renders differ in the band (${insideBand.toFixed(1)}) far more than elsewhere (${
        outsideBand.toFixed(1)
      })`,
    );

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download video" }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^personify-video-[0-9a-f-]{36}\.mp4$/);
    const bytes = readFileSync(await download.path());
    assert.ok(bytes.length > 10 * 1024, `the MP4 has ${bytes.length} bytes`);
    assert.equal(bytes.toString("latin1", 4, 8), "ftyp", "the file starts with an MP4 ftyp box");
    t.diagnostic(
      `downloaded ${download.suggestedFilename()}: ${bytes.length} bytes; progress values seen ${
        progressSeen.join(", ")
      }`,
    );

    await context.close();
  });

  test("phone, dark: pick a recent image, and open the paid video from the list on another device", async () => {
    const context = await newContext(browser, { device: "phone", colorScheme: "dark" });
    const page = await context.newPage();
    await page.goto("/features/image-to-video");
    await page.waitForURL((url) => url.pathname === "/sign-in");
    await signInThroughForm(page, { email, password });
    await page.waitForURL((url) => url.pathname === "/features/image-to-video");

    // Found by searching the gallery, as an older image would be.
    await page.getByRole("searchbox", { name: "Search your images" }).fill("cliff");
    await page.getByRole("list", { name: "Images matching “cliff”" }).waitFor();
    await saveScreenshot(page, "video-picker-search-phone-dark");
    await page.getByRole("list", { name: "Images matching “cliff”" })
      .getByRole("button", { name: "Use the image “A lighthouse on a cliff at dawn”" }).click();
    await page.waitForURL(/\/features\/image-to-video\?imageId=[0-9a-f-]{36}$/);
    assert.equal(
      await page.getByTestId("source-image-prompt").textContent(),
      "A lighthouse on a cliff at dawn",
    );
    await page.getByText("Your preview appears here").waitFor();

    const past = page.getByRole("list", { name: "Past videos" });
    await past.getByRole("link", { name: /Ken Burns · 3 s · 720p.*Completed/ }).click();
    await page.waitForURL(/[?&]video=[0-9a-f-]{36}/);
    const full = await mediaFacts(page, "full-video");
    assertPlayable(full, { width: 1280, height: 720 }, "full video on the phone");
    await page.getByRole("button", { name: "Download video" }).waitFor();
    assert.equal(
      await page.getByRole("button", { name: /^Pay/ }).count(),
      0,
      "a paid video is not offered for sale again",
    );

    await page.waitForLoadState("networkidle");
    await expectNoSeriousViolations(page, "video completed (phone, dark)");
    await page.evaluate(() => window.scrollTo({ top: 0, behavior: "instant" }));
    await saveScreenshot(page, "video-completed-phone-dark");
    await context.close();
  });
});
