import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  createAccount,
  launchBrowser,
  newContext,
  saveScreenshot,
  signInThroughForm,
  uniqueEmail,
} from "./support/browser.mjs";

describe("signing up, out and in", { timeout: 300_000 }, () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test("sign up → signed in → sign out → sign in again → the account shows the starting credits", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const email = uniqueEmail("journey");
    const password = "correct-horse-42";

    await page.goto("/");
    await page.getByRole("link", { name: "Get started" }).click();
    await page.getByLabel("Your name").fill("Ada Lovelace");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Create account" }).click();

    await page.waitForURL("**/account");
    await page.getByRole("button", { name: "Account menu" }).waitFor();
    await page.getByRole("heading", { name: "Your account" }).waitFor();

    await page.getByRole("button", { name: "Account menu" }).click();
    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await page.getByRole("heading", { name: "You're signed out" }).waitFor();
    assert.equal(
      await page.getByRole("button", { name: "Account menu" }).count(),
      0,
      "still shows the account menu",
    );

    await page.getByRole("link", { name: "Sign in again" }).click();
    await signInThroughForm(page, { email, password });

    await page.waitForURL("**/account");
    const balance = page.getByTestId("credit-balance");
    await balance.waitFor();
    assert.equal((await balance.textContent())?.trim(), "100");
    const history = page.getByRole("list", { name: "Credit history" });
    assert.match(await history.textContent(), /Welcome credits/);
    assert.match(await page.locator("main").textContent(), /Ada Lovelace/);
    await context.close();
  });

  test("a protected URL visited signed out lands on sign-in and returns to it afterwards", async () => {
    const email = uniqueEmail("return");
    const password = "correct-horse-42";
    await createAccount({ email, password, displayName: "Grace Hopper" });
    const context = await newContext(browser);
    const page = await context.newPage();

    await page.goto("/account?from=email-link");

    await page.waitForURL((url) => url.pathname === "/sign-in");
    assert.equal(new URL(page.url()).searchParams.get("next"), "/account?from=email-link");
    await page.getByText("Sign in to continue where you were.").waitFor();
    await signInThroughForm(page, { email, password });

    await page.waitForURL((url) => url.pathname === "/account" && url.search === "?from=email-link");
    await page.getByTestId("credit-balance").waitFor();
    await context.close();
  });

  test("a wrong password shows a clear message and keeps the person on the form", async () => {
    const email = uniqueEmail("wrong-password");
    await createAccount({ email, password: "correct-horse-42", displayName: "Alan Turing" });
    const context = await newContext(browser);
    const page = await context.newPage();

    await page.goto("/sign-in");
    await signInThroughForm(page, { email, password: "not-my-password" });

    const alert = page.getByRole("alert");
    await alert.waitFor();
    assert.match(await alert.textContent(), /That email and password don't match an account/);
    assert.equal(new URL(page.url()).pathname, "/sign-in");
    assert.equal(await page.getByLabel("Email").inputValue(), email);
    await context.close();
  });

  test("a password reset request is acknowledged without revealing whether the account exists", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();

    await page.goto("/sign-in");
    await page.getByRole("link", { name: "Forgot password?" }).click();
    // The sign-in form has an Email field too: filling before the reset page replaces it would type
    // into the old form and submit the new one empty.
    await page.getByRole("heading", { name: "Reset your password" }).waitFor();
    await page.getByLabel("Email").fill(uniqueEmail("nobody"));
    await page.getByRole("button", { name: "Send reset link" }).click();

    const status = page.getByRole("status").filter({ hasText: "Reset link on its way" });
    await status.waitFor();
    assert.match(await status.textContent(), /If an account exists for/);
    // The browser tests run against the local platform, which mails nothing.
    await page.getByRole("status").filter({
      hasText: "On the local platform the link is printed in the terminal running npm run dev.",
    }).waitFor();
    await saveScreenshot(page, "auth-reset-sent-desktop");
    await context.close();
  });

  test("the account menu works from the keyboard", async () => {
    const email = uniqueEmail("keyboard");
    const password = "correct-horse-42";
    await createAccount({ email, password, displayName: "Katherine Johnson" });
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto("/sign-in");
    await signInThroughForm(page, { email, password });
    await page.waitForURL("**/account");

    await page.getByRole("button", { name: "Account menu" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("menu", { name: "Account menu" }).waitFor();
    assert.equal(
      await page.evaluate(() => document.activeElement?.textContent?.trim()),
      "Account and credits",
    );
    await page.keyboard.press("End");
    assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), "Sign out");
    await page.keyboard.press("Escape");
    const menuButton = page.getByRole("button", { name: "Account menu" });
    assert.equal(await menuButton.evaluate((button) => button === document.activeElement), true);
    assert.equal(await page.getByRole("menu").count(), 0);
    await context.close();
  });
});
