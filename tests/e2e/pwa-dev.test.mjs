import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { chromiumPath, devices, platformSettings } from "./support/browser.mjs";
import { startProcess } from "./support/processes.mjs";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `npm run dev`'s Vite dev server (not the build the other tests get), against the test platform. */
async function startDevServer() {
  const { url, anonKey } = platformSettings();
  const port = await freePort();
  let resolveReady;
  const ready = new Promise((resolve) => (resolveReady = resolve));
  const server = startProcess(
    process.execPath,
    ["node_modules/vite/bin/vite.js", "--host", "127.0.0.1", "--strictPort", "--port", String(port)],
    {
      cwd: repoRoot,
      env: { ...process.env, VITE_SUPABASE_URL: url, VITE_SUPABASE_ANON_KEY: anonKey, NO_COLOR: "1" },
      onLine: (line) => {
        if (/ready in/i.test(line)) resolveReady();
      },
    },
  );
  const timeout = setTimeout(() => resolveReady(new Error("timed out")), 60_000);
  const failed = await Promise.race([ready, server.exited.then(() => new Error("exited"))]);
  clearTimeout(timeout);
  if (failed) {
    await server.stop();
    throw new Error(`the Vite dev server did not start (${failed.message}):\n${server.output()}`);
  }
  return { url: `http://127.0.0.1:${port}`, stop: server.stop };
}

describe("installable PWA under `npm run dev`", { timeout: 300_000 }, () => {
  let devServer;
  before(async () => {
    devServer = await startDevServer();
  });
  after(async () => {
    await devServer?.stop();
  });

  test("the dev server serves the manifest and a service worker, and Chromium reports the app installable", async () => {
    // An on-disk profile: Chromium never offers to install an app from an incognito context.
    const profileDir = mkdtempSync(path.join(tmpdir(), "personify-e2e-dev-profile-"));
    const context = await chromium.launchPersistentContext(profileDir, {
      executablePath: chromiumPath,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
      ...devices.desktop,
      reducedMotion: "reduce",
      baseURL: devServer.url,
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const consoleErrors = [];
      page.on("console", (message) => {
        if (message.type() === "error") consoleErrors.push(message.text());
      });
      await page.goto("/");
      await page.getByRole("banner").waitFor();

      // index.html links the manifest and the plugin adds its own link: each must resolve.
      const hrefs = await page.locator('link[rel="manifest"]').evaluateAll((links) =>
        links.map((link) => link.href)
      );
      assert.ok(hrefs.length > 0, "no page links a manifest");
      for (const href of hrefs) {
        const response = await page.request.get(href);
        assert.equal(response.status(), 200, `${href} is not served in dev`);
        const manifest = JSON.parse(await response.text());
        assert.equal(manifest.name, "Personify");
        assert.ok(manifest.icons.length > 0, "the dev manifest has no icons");
        for (const icon of manifest.icons) {
          const iconResponse = await page.request.get(new URL(icon.src, href).href);
          assert.equal(
            iconResponse.headers()["content-type"],
            "image/png",
            `${icon.src} is not served as PNG`,
          );
        }
      }

      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
      });
      await page.reload();
      await page.getByRole("banner").waitFor();
      assert.equal(await page.evaluate(() => navigator.serviceWorker.controller !== null), true);

      const devtools = await context.newCDPSession(page);
      const appManifest = await devtools.send("Page.getAppManifest");
      assert.deepEqual(appManifest.errors, []);
      const { installabilityErrors } = await devtools.send("Page.getInstallabilityErrors");
      assert.deepEqual(installabilityErrors, []);
      assert.deepEqual(consoleErrors.filter((text) => /manifest/i.test(text)), []);
    } finally {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
    }
  });
});
