import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

/** Debian's Chromium; the suite never downloads a browser. */
export const chromiumPath = "/usr/bin/chromium";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const screenshotDir = path.join(repoRoot, "tests/output/screenshots");

export const devices = {
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  desktop: { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
};

export function appUrl() {
  const url = process.env.E2E_APP_URL;
  assert.ok(url, "E2E_APP_URL is not set: run the browser tests with `npm run test:e2e`");
  return url;
}

export function platformSettings() {
  const url = process.env.E2E_PLATFORM_URL;
  const anonKey = process.env.E2E_ANON_KEY;
  assert.ok(url && anonKey, "E2E_PLATFORM_URL and E2E_ANON_KEY are not set: run `npm run test:e2e`");
  return { url, anonKey };
}

const launchOptions = {
  executablePath: chromiumPath,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
};

function assertChromium() {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium is not installed at ${chromiumPath}: apt-get install -y chromium`);
  }
}

export async function launchBrowser() {
  assertChromium();
  return chromium.launch(launchOptions);
}

/**
 * Chromium with an on-disk profile, as a person's browser has. Contexts from launchBrowser are
 * incognito, where Chromium never offers to install an app.
 */
export async function launchPersistentBrowser(userDataDir) {
  assertChromium();
  return chromium.launchPersistentContext(userDataDir, {
    ...launchOptions,
    ...devices.desktop,
    reducedMotion: "reduce",
    baseURL: appUrl(),
  });
}

/**
 * A fresh browser profile at phone or desktop size. Motion is reduced so pages settle at once and
 * screenshots are repeatable.
 */
export function newContext(browser, { device = "desktop", colorScheme = "light", storageState } = {}) {
  return browser.newContext({
    ...devices[device],
    colorScheme,
    reducedMotion: "reduce",
    baseURL: appUrl(),
    storageState,
  });
}

export function uniqueEmail(label) {
  return `e2e-${label}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}

/** Creates an account straight through the Auth API, for tests about something other than sign-up. */
export async function createAccount({ email, password, displayName }) {
  const { url, anonKey } = platformSettings();
  const response = await fetch(`${url}/auth/v1/signup`, {
    method: "POST",
    headers: { apikey: anonKey, "content-type": "application/json" },
    body: JSON.stringify({ email, password, data: { display_name: displayName } }),
  });
  assert.equal(response.status, 200, `sign-up through the API failed: ${await response.text()}`);
}

export async function signInThroughForm(page, { email, password }) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** Signs up through the form, as a person does, and waits for the account page it lands on. */
export async function signUpThroughForm(page, { displayName, email, password }) {
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill(displayName);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL("**/account");
}

/** Follows a link in the main navigation and waits for its page's address. */
export async function openFromMainNavigation(page, linkName, urlPattern) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: linkName }).click();
  await page.waitForURL(urlPattern);
}

/** axe-core's serious and critical findings on the page as it is now. */
export async function seriousAccessibilityViolations(page) {
  const loaded = await page.evaluate(() => typeof window.axe !== "undefined");
  if (!loaded) await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const results = await window.axe.run(document, { resultTypes: ["violations"] });
    return results.violations.map(({ id, impact, help, nodes }) => ({
      id,
      impact,
      help,
      nodes: nodes.slice(0, 5).map((node) => `${node.target.join(" ")}: ${node.failureSummary ?? ""}`),
    }));
  });
  return violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
}

export function describeViolations(label, violations) {
  return violations
    .map((violation) =>
      `${label}: [${violation.impact}] ${violation.id}: ${violation.help}\n    ${
        violation.nodes.join("\n    ")
      }`
    )
    .join("\n");
}

export async function expectNoSeriousViolations(page, label) {
  const violations = await seriousAccessibilityViolations(page);
  assert.equal(violations.length, 0, `axe found problems:\n${describeViolations(label, violations)}`);
}

export async function saveScreenshot(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  // Full-page captures of long pages at phone pixel density are slow on a busy machine.
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true, timeout: 90_000 });
}
