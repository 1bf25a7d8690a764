import assert from "node:assert/strict";
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
// New accounts get 100 credits and the offline model costs 1 a row: row 101 finds none left.
const rowCount = 104;

function contactsCsv() {
  const lines = ["First name,City"];
  for (let row = 1; row <= rowCount; row++) lines.push(`Person${row},City ${row}`);
  return `${lines.join("\n")}\n`;
}

describe("buying credits", { timeout: 600_000 }, () => {
  let browser;
  const email = uniqueEmail("credits");
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test("a batch bigger than the balance pauses → Add credits → test payment → one-click resume → finished; the account lists the purchase", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signUpThroughForm(page, { displayName: "Mary Jackson", email, password });
    assert.equal(await page.getByTestId("credit-balance").textContent(), "100");

    await openFromMainNavigation(page, "Batch", "**/batch-generation");
    await page.getByLabel("CSV file").setInputFiles({
      name: "contacts.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(contactsCsv()),
    });
    await page.getByTestId("csv-summary").getByText(`${rowCount} rows, 2 columns`).waitFor();
    await page.getByRole("textbox", { name: "Prompt", exact: true }).fill(
      "Portrait of [FIRST_NAME] in [CITY]",
    );
    await page.getByRole("button", { name: "Preview batch" }).click();
    await page.getByRole("heading", { name: "Preview" }).waitFor();
    await page.getByRole("button", { name: `Start batch · ${rowCount} credits` }).click();
    await page.waitForURL(/\/batch-generation\?batch=[0-9a-f-]{36}$/);

    await page.getByTestId("batch-status").getByText("Paused").waitFor({ timeout: 300_000 });
    // Rows run side by side, so whichever row comes after the hundredth paid one is refused.
    await page.getByText(
      /^Out of credits: row \d+ needs 1 and the balance is 0\. Add credits, then resume\.$/,
    )
      .waitFor();
    // Rows that had paid before the pause may still be running (their debit stays theirs on resume).
    const [, succeeded, toGo] = (await page.getByTestId("batch-counts").textContent()).match(
      /^(\d+) succeeded · 0 failed · (\d+) to go/,
    );
    assert.ok(Number(succeeded) <= 100, `at most the 100 credits' rows succeeded, got ${succeeded}`);
    assert.equal(Number(succeeded) + Number(toGo), rowCount);
    await page.evaluate(() => window.scrollTo({ top: 0, behavior: "instant" }));
    await saveScreenshot(page, "credits-batch-paused-desktop");

    await page.getByRole("button", { name: "Add credits" }).click();
    const dialog = page.getByRole("dialog", { name: "Add credits" });
    await dialog.getByRole("list", { name: "Credit packs" }).waitFor();
    await expectNoSeriousViolations(page, "add credits dialog (desktop)");
    await saveScreenshot(page, "credits-dialog-desktop");

    await dialog.getByRole("button", { name: "Buy for $5.00" }).click();
    const testPayment = dialog.getByRole("region", { name: "Test payment" });
    await testPayment.getByText("Test payment — no card is charged").waitFor();
    await saveScreenshot(page, "credits-test-payment-desktop");
    await testPayment.getByRole("button", { name: "Complete test payment" }).click();
    await dialog.getByText("100 credits added").waitFor();
    assert.equal(await dialog.getByTestId("purchase-balance").textContent(), "100");
    await expectNoSeriousViolations(page, "credits added (desktop)");
    await saveScreenshot(page, "credits-added-desktop");

    await dialog.getByRole("button", { name: "Resume batch" }).click();
    await dialog.waitFor({ state: "detached" });
    await page.waitForFunction(
      () => document.querySelector('[data-testid="batch-status"]')?.textContent === "Completed",
      undefined,
      { timeout: 120_000 },
    );
    assert.match(
      await page.getByTestId("batch-counts").textContent(),
      new RegExp(`^${rowCount} succeeded · 0 failed · 0 to go`),
    );

    await openFromMainNavigation(page, "Account", "**/account");
    await page.getByTestId("credit-balance").getByText(String(200 - rowCount), { exact: true }).waitFor();
    const payments = page.getByRole("list", { name: "Payments" });
    await payments.getByText("100 credits").waitFor();
    await payments.getByText("$5.00").waitFor();
    await payments.getByText("Paid").waitFor();

    const history = page.getByRole("list", { name: "Credit history" });
    await history.getByText("Credits bought").waitFor();
    const batchLine = history.getByRole("button", { name: /Batch · contacts\.csv/ });
    assert.match(await batchLine.textContent(), new RegExp(`${rowCount} rows`));
    assert.equal(await batchLine.getAttribute("aria-expanded"), "false");
    await batchLine.focus();
    await page.keyboard.press("Enter");
    assert.equal(await batchLine.getAttribute("aria-expanded"), "true");
    const rows = page.getByRole("list", { name: /^Rows of contacts\.csv/ });
    await rows.getByText(/^Row \d+/).first().waitFor();
    await expectNoSeriousViolations(page, "account with payments (desktop)");
    await saveScreenshot(page, "credits-account-desktop");
    await context.close();
  });

  test("phone: the credits page shows the packs and buys one by test payment", async () => {
    const context = await newContext(browser, { device: "phone" });
    const page = await context.newPage();
    await page.goto("/credits");
    await page.waitForURL((url) => url.pathname === "/sign-in");
    await signInThroughForm(page, { email, password });
    await page.waitForURL((url) => url.pathname === "/credits");
    await page.getByRole("heading", { level: 1, name: "Buy credits" }).waitFor();
    await page.getByTestId("credit-balance").getByText(String(200 - rowCount)).waitFor();
    await page.getByRole("list", { name: "Credit packs" }).getByText("$0.025 per credit").waitFor();
    await expectNoSeriousViolations(page, "credits page (phone)");
    await saveScreenshot(page, "credits-page-phone");

    await page.getByRole("button", { name: "Buy for $20.00" }).click();
    await page.getByRole("button", { name: "Complete test payment" }).click();
    await page.getByText("500 credits added").waitFor();
    await page.getByTestId("credit-balance").getByText(String(700 - rowCount)).waitFor();
    await saveScreenshot(page, "credits-page-bought-phone");

    await page.goto("/account");
    await page.getByRole("list", { name: "Payments" }).getByText("500 credits").waitFor();
    await page.waitForLoadState("networkidle");
    await expectNoSeriousViolations(page, "account (phone)");
    await saveScreenshot(page, "credits-account-phone");
    await context.close();
  });
});
