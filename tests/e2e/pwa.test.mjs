import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import {
  launchBrowser,
  launchPersistentBrowser,
  newContext,
  platformSettings,
  saveScreenshot,
  signUpThroughForm,
  uniqueEmail,
} from "./support/browser.mjs";

const password = "correct-horse-42";
const prompts = ["a red fox in the snow", "a blue whale at sunset", "a green lighthouse in fog"];

/** One image from the offline provider, through the function as the page's user. */
async function generateImage(accessToken, prompt) {
  const { url, anonKey } = platformSettings();
  const response = await fetch(`${url}/functions/v1/image-generation`, {
    method: "POST",
    headers: { apikey: anonKey, authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
    body: JSON.stringify({ prompt, model: "local-render", tokens: {}, settings: {} }),
  });
  assert.equal(response.status, 200, `generation failed: ${await response.text()}`);
}

/** Every thumbnail in the grid has decoded, so it was really there to show. */
async function waitForThumbnails(page, count) {
  await page.waitForFunction((expected) => {
    const images = [...document.querySelectorAll("[data-index] img")];
    return images.length === expected && images.every((image) => image.complete && image.naturalWidth > 0);
  }, count);
}

/** Waits until the service worker has installed and activated, then reloads so it controls the page. */
async function loadUnderServiceWorker(page, path) {
  await page.goto(path);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await page.getByRole("banner").waitFor();
}

describe("installable PWA", { timeout: 300_000 }, () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test("Chromium reports the app installable, with a maskable icon", async () => {
    const profileDir = mkdtempSync(path.join(tmpdir(), "personify-e2e-profile-"));
    const context = await launchPersistentBrowser(profileDir);
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await loadUnderServiceWorker(page, "/");
      const devtools = await context.newCDPSession(page);

      const { installabilityErrors } = await devtools.send("Page.getInstallabilityErrors");
      assert.deepEqual(installabilityErrors, []);

      const manifest = await devtools.send("Page.getAppManifest");
      assert.deepEqual(manifest.errors, []);
      const icons = JSON.parse(manifest.data).icons;
      assert.ok(icons.some((icon) => icon.purpose === "maskable"), "the manifest has no maskable icon");
      for (const icon of icons) {
        const response = await page.request.get(icon.src);
        assert.equal(response.headers()["content-type"], "image/png", `${icon.src} is not served as PNG`);
      }
    } finally {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
    }
  });

  test("the service worker controls the page and serves the shell offline", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await loadUnderServiceWorker(page, "/");

    assert.equal(await page.evaluate(() => navigator.serviceWorker.controller !== null), true);

    await context.setOffline(true);
    await page.goto("/how-it-works");
    await page.getByRole("heading", { level: 1, name: /a thousand personal pictures/ }).waitFor();
    await page.getByText("You're offline.").waitFor();
    await saveScreenshot(page, "offline-how-it-works-desktop-light");

    await page.goto("/account");
    await page.getByRole("heading", { name: "Welcome back" }).waitFor();
    await context.setOffline(false);
    await context.close();
  });

  test("offline, the gallery shows the images it had, with a notice instead of skeletons", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await loadUnderServiceWorker(page, "/");
    await signUpThroughForm(page, {
      displayName: "Ada Offline",
      email: uniqueEmail("pwa-offline"),
      password,
    });
    const accessToken = await page.evaluate(() =>
      JSON.parse(localStorage.getItem("personify-auth")).access_token
    );
    for (const prompt of prompts) await generateImage(accessToken, prompt);

    await page.goto("/gallery");
    await page.getByText(`${prompts.length} images`, { exact: true }).waitFor();
    await waitForThumbnails(page, prompts.length);
    // The lists are saved a moment after they change.
    await page.waitForFunction(() => localStorage.getItem("personify:gallery-cache")?.includes("a red fox"));

    await context.setOffline(true);
    await page.reload();
    await page.getByText("You're offline: showing what you saw last.").waitFor();
    await page.getByText("You're offline. Pages you've opened still work").waitFor();
    await page.getByText(`${prompts.length} images`, { exact: true }).waitFor();
    await waitForThumbnails(page, prompts.length);
    assert.equal(await page.locator(".animate-shimmer").count(), 0, "a skeleton still waits for the network");
    assert.equal(await page.getByRole("status", { name: "Loading images" }).count(), 0);
    await saveScreenshot(page, "offline-gallery-desktop-light");
    // The next listing signs each thumbnail anew: the cached copy still answers for its path.
    const resignedLoads = await page.evaluate(async () => {
      const url = new URL(document.querySelector("[data-index] img").src);
      url.searchParams.set("token", "signed-again");
      const image = new Image();
      image.src = url.href;
      return await image.decode().then(() => image.naturalWidth > 0, () => false);
    });
    assert.equal(resignedLoads, true, "a thumbnail signed with another token is not served from the cache");

    await page.setViewportSize({ width: 390, height: 844 });
    await waitForThumbnails(page, prompts.length);
    await saveScreenshot(page, "offline-gallery-phone-light");
    await context.setOffline(false);
    await context.close();
  });
});
