import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { launchBrowser, launchPersistentBrowser, newContext, saveScreenshot } from "./support/browser.mjs";

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
});
