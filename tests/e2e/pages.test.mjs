import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  createAccount,
  describeViolations,
  launchBrowser,
  newContext,
  saveScreenshot,
  seriousAccessibilityViolations,
  signInThroughForm,
  uniqueEmail,
} from "./support/browser.mjs";

const devices = ["phone", "desktop"];
const colorSchemes = ["light", "dark"];

/**
 * Every page of the shell, in the state a person first sees it: `ready` is what shows the page
 * has rendered, `prepare` brings it to a particular state (an error, an open menu).
 */
const pages = [
  { name: "home", path: "/", ready: (page) => page.getByRole("heading", { level: 1, name: /One prompt/ }) },
  { name: "how-it-works", path: "/how-it-works", ready: (page) => page.getByRole("heading", { level: 1 }) },
  {
    name: "sign-up",
    path: "/sign-up",
    ready: (page) => page.getByRole("heading", { name: "Create your account" }),
  },
  { name: "sign-in", path: "/sign-in", ready: (page) => page.getByRole("heading", { name: "Welcome back" }) },
  {
    name: "sign-in-wrong-password",
    path: "/sign-in",
    ready: (page) => page.getByRole("alert"),
    prepare: async (page, account) =>
      signInThroughForm(page, { email: account.email, password: "wrong-password" }),
  },
  {
    name: "reset-password",
    path: "/reset-password",
    ready: (page) => page.getByRole("heading", { name: "Reset your password" }),
  },
  {
    name: "sign-out",
    path: "/sign-out",
    ready: (page) => page.getByRole("heading", { name: "You're signed out" }),
  },
  {
    name: "not-found",
    path: "/no-such-page",
    ready: (page) => page.getByRole("heading", { name: "This page doesn't exist" }),
  },
  {
    name: "phone-menu",
    path: "/",
    devices: ["phone"],
    ready: (page) =>
      page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "How it works" }),
    prepare: (page) => page.getByRole("button", { name: "Open menu" }).click(),
  },
  {
    name: "account",
    path: "/account",
    signedIn: true,
    ready: (page) => page.getByTestId("credit-balance"),
  },
  {
    name: "account-menu",
    path: "/account",
    signedIn: true,
    ready: (page) => page.getByRole("menu", { name: "Account menu" }),
    prepare: async (page) => {
      await page.getByTestId("credit-balance").waitFor();
      await page.getByRole("button", { name: "Account menu" }).click();
    },
  },
];

describe("every page: accessible, and photographed at phone and desktop width", { timeout: 900_000 }, () => {
  let browser;
  const account = { email: uniqueEmail("pages"), password: "correct-horse-42" };
  let signedInState;

  before(async () => {
    browser = await launchBrowser();
    await createAccount({ ...account, displayName: "Ada Lovelace" });
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto("/sign-in");
    await signInThroughForm(page, account);
    await page.waitForURL("**/account");
    signedInState = await context.storageState();
    await context.close();
  });
  after(async () => {
    await browser?.close();
  });

  for (const colorScheme of colorSchemes) {
    for (const device of devices) {
      test(`${device}, ${colorScheme} theme: no serious or critical axe violations`, async () => {
        const findings = [];
        for (const spec of pages) {
          if (spec.devices && !spec.devices.includes(device)) continue;
          const label = `${spec.name} (${device}, ${colorScheme})`;
          const context = await newContext(browser, {
            device,
            colorScheme,
            storageState: spec.signedIn ? signedInState : undefined,
          });
          try {
            const page = await context.newPage();
            await page.goto(spec.path);
            await spec.prepare?.(page, account);
            await spec.ready(page).waitFor();
            // Let lazy chunks and the skeleton-to-page fade finish before judging the page.
            await page.waitForLoadState("networkidle");

            const violations = await seriousAccessibilityViolations(page);
            if (violations.length > 0) findings.push(describeViolations(label, violations));
            await saveScreenshot(page, `${spec.name}-${device}-${colorScheme}`);
          } catch (error) {
            // One broken page should not hide what the others show.
            findings.push(`${label}: ${error.message}`);
          } finally {
            await context.close();
          }
        }
        assert.equal(findings.length, 0, `axe found problems:\n${findings.join("\n")}`);
      });
    }
  }
});
