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
const rowCount = 20;

function contactsCsv() {
  const lines = ["First name,Company,City"];
  for (let row = 1; row <= rowCount; row++) lines.push(`Person${row},"Company ${row}, Inc.",City ${row}`);
  return `${lines.join("\n")}\n`;
}

/** The names in a ZIP's central directory, read straight from its bytes (no ZIP64: the file is small). */
function zipEntryNames(zip) {
  const endOfDirectory = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(endOfDirectory >= 0, "the ZIP has an end-of-central-directory record");
  const entries = zip.readUInt16LE(endOfDirectory + 10);
  let offset = zip.readUInt32LE(endOfDirectory + 16);
  const names = [];
  for (let entry = 0; entry < entries; entry++) {
    assert.equal(zip.readUInt32LE(offset), 0x02014b50, `central directory entry ${entry} has its signature`);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    names.push(zip.toString("utf8", offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** A minimal RFC 4180 reader: the results CSV quotes fields with commas, as "Company 1, Inc." has. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = "";
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[index + 1] === "\n") index++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += char;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}

async function downloadFrom(page, buttonName) {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: buttonName }).click(),
  ]);
  return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
}

describe("the batch page", { timeout: 300_000 }, () => {
  let browser;
  const email = uniqueEmail("batch");
  let batchUrl;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test("sign up → upload 20 rows → map → start → finished → both downloads hold every row", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signUpThroughForm(page, { displayName: "Katherine Johnson", email, password });

    await openFromMainNavigation(page, "Batch", "**/batch-generation");
    await page.getByRole("heading", { level: 1, name: "Batch generation" }).waitFor();
    await page.getByText("No batches yet").waitFor();

    await page.getByLabel("CSV file").setInputFiles({
      name: "contacts.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(contactsCsv()),
    });
    await page.getByTestId("csv-summary").getByText("20 rows, 3 columns").waitFor();
    // The columns arrive mapped to their own names; "Company" is renamed and "City" left out.
    assert.equal(await page.getByLabel("Token for column “First name”").inputValue(), "FIRST_NAME");
    await page.getByLabel("Token for column “Company”").fill("BRAND");
    await page.getByLabel("Token for column “City”").fill("");
    await page.getByRole("button", { name: "Add global token" }).click();
    await page.getByLabel("Global token 1 name").fill("SETTING");
    await page.getByLabel("Global token 1 value").fill("studio light");
    await page.getByRole("textbox", { name: "Prompt", exact: true }).fill(
      "Portrait of [FIRST_NAME] from [BRAND] in [CITY|their town], [SETTING]",
    );
    assert.equal(
      await page.getByLabel("Model", { exact: true }).evaluate((select) =>
        select.selectedOptions[0]?.textContent
      ),
      "Offline render",
    );

    await page.getByRole("button", { name: "Preview batch" }).click();
    await page.getByRole("heading", { name: "Preview" }).waitFor();
    assert.equal(await page.getByTestId("batch-total-cost").textContent(), "20 credits");
    await page.getByRole("cell", {
      name: "Portrait of Person1 from Company 1, Inc. in their town, studio light",
    }).waitFor();
    await expectNoSeriousViolations(page, "batch preview (desktop)");
    await saveScreenshot(page, "batch-preview-desktop");

    await page.getByRole("button", { name: "Start batch · 20 credits" }).click();
    await page.waitForURL(/\/batch-generation\?batch=[0-9a-f-]{36}$/);
    batchUrl = new URL(page.url()).pathname + new URL(page.url()).search;
    await page.getByRole("progressbar", { name: "Batch progress" }).waitFor();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="batch-status"]')?.textContent === "Completed",
      undefined,
      { timeout: 120_000 },
    );
    assert.equal(await page.getByRole("progressbar").getAttribute("aria-valuenow"), "100");
    assert.match(await page.getByTestId("batch-counts").textContent(), /^20 succeeded · 0 failed · 0 to go/);
    await page.getByRole("img", { name: "Row 1", exact: true }).waitFor();
    const mountedRows = await page.getByRole("table", { name: "Results by row" }).getByRole("row").count();
    assert.ok(
      mountedRows < rowCount + 1,
      `only rows in view are mounted, got ${mountedRows} of ${rowCount + 1}`,
    );

    const results = await downloadFrom(page, "Results CSV");
    assert.match(results.name, /results\.csv$/);
    // The file starts with a UTF-8 BOM so spreadsheets read it as UTF-8; a CSV reader drops it.
    const [header, ...dataRows] = parseCsv(results.bytes.toString("utf8").replace(/^\uFEFF/, "")).filter((
      row,
    ) => row.some((field) => field !== ""));
    assert.deepEqual(header.slice(0, 4), ["row_number", "First name", "Company", "City"]);
    assert.equal(dataRows.length, rowCount);
    const statusColumn = header.indexOf("status");
    const urlColumn = header.indexOf("image_url");
    for (const [index, row] of dataRows.entries()) {
      assert.equal(row[0], String(index + 1));
      assert.equal(row[statusColumn], "succeeded", `row ${index + 1} succeeded`);
      assert.match(row[urlColumn], /^https?:\/\/\S+/, `row ${index + 1} has an image URL`);
    }

    // A name-like column is preselected for the ZIP's names; row number is today's naming.
    const nameBy = page.getByLabel("Name images by");
    assert.equal(await nameBy.inputValue(), "First name");
    await nameBy.selectOption({ label: "Row number" });
    const images = await downloadFrom(page, "Images ZIP");
    assert.match(images.name, /images\.zip$/);
    const names = zipEntryNames(images.bytes);
    const expected = Array.from(
      { length: rowCount },
      (_, index) => `row-${String(index + 1).padStart(2, "0")}`,
    );
    assert.deepEqual(names.map((name) => name.replace(/\.(png|webp|jpg)$/, "")), expected);

    await nameBy.selectOption({ label: "First name" });
    const named = zipEntryNames((await downloadFrom(page, "Images ZIP")).bytes);
    assert.deepEqual(
      named.map((name) => name.replace(/\.(png|webp|jpg)$/, "")),
      Array.from(
        { length: rowCount },
        (_, index) => `row-${String(index + 1).padStart(3, "0")}-person${index + 1}`,
      ),
    );

    await expectNoSeriousViolations(page, "batch finished (desktop)");
    await page.evaluate(() => window.scrollTo({ top: 0, behavior: "instant" }));
    await saveScreenshot(page, "batch-finished-desktop");
    await context.close();
  });

  test("phone: the batch's link shows the same finished state on another device", async () => {
    assert.ok(batchUrl, "the first test made a batch");
    const context = await newContext(browser, { device: "phone" });
    const page = await context.newPage();
    await page.goto(batchUrl);
    await page.waitForURL((url) => url.pathname === "/sign-in");
    await signInThroughForm(page, { email, password });
    await page.waitForURL((url) => url.pathname === "/batch-generation" && url.searchParams.has("batch"));
    await page.getByTestId("batch-status").getByText("Completed").waitFor();
    assert.match(await page.getByTestId("batch-counts").textContent(), /^20 succeeded/);
    await page.getByRole("link", { name: /contacts\.csv/ }).waitFor();

    // Keyboard: the results table takes focus so its rows can be scrolled without a mouse.
    await page.getByRole("table", { name: "Results by row" }).focus();
    await page.keyboard.press("End");
    await page.getByRole("img", { name: "Row 20", exact: true }).waitFor();

    await page.waitForLoadState("networkidle");
    await expectNoSeriousViolations(page, "batch finished (phone)");
    await page.evaluate(() => window.scrollTo({ top: 0, behavior: "instant" }));
    await saveScreenshot(page, "batch-finished-phone");
    await context.close();
  });

  for (const device of ["desktop", "phone"]) {
    test(`${device}: a first_name CSV previews clean with a [FIRSTNAME] prompt; a binary .csv is refused in the drop zone`, async () => {
      const context = await newContext(browser, device === "phone" ? { device: "phone" } : {});
      const page = await context.newPage();
      await page.goto("/batch-generation");
      await page.waitForURL((url) => url.pathname === "/sign-in");
      await signInThroughForm(page, { email, password });
      await page.waitForURL((url) => url.pathname === "/batch-generation");

      await page.getByLabel("CSV file").setInputFiles({
        name: "first-contacts.csv",
        mimeType: "text/csv",
        buffer: Buffer.from("first_name,company\nAda,Acme\nGrace,Navy\n"),
      });
      await page.getByTestId("csv-summary").getByText("2 rows, 2 columns").waitFor();
      await page.getByRole("textbox", { name: "Prompt", exact: true }).fill(
        "Portrait of [FIRSTNAME] from [COMPANY]",
      );
      assert.equal(await page.getByLabel("Token for column “first_name”").inputValue(), "FIRSTNAME");
      assert.equal(await page.getByText(/Nothing fills/).count(), 0);
      assert.match(await page.getByTestId("start-blocked-reason").textContent(), /Preview the batch first/);
      assert.match(await page.getByTestId("batch-model-cost").textContent(), /^1 credit for each row/);

      await page.getByRole("button", { name: "Preview batch" }).click();
      await page.getByRole("heading", { name: "Preview" }).waitFor();
      await page.getByRole("cell", { name: "Portrait of Ada from Acme" }).waitFor();
      await page.getByRole("cell", { name: "Portrait of Grace from Navy" }).waitFor();
      assert.equal(await page.getByText(/to fix before starting/).count(), 0);
      assert.equal(await page.getByTestId("batch-total-cost").textContent(), "2 credits");
      await page.getByRole("button", { name: "Start batch · 2 credits" }).waitFor();
      await saveScreenshot(page, `batch-first-name-preview-${device}`);

      const png = Buffer.from(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
          "1f15c4890000000d49444154789c6360000002000100",
        "hex",
      );
      await page.getByLabel("CSV file").setInputFiles({
        name: "photo.csv",
        mimeType: "text/csv",
        buffer: png,
      });
      const dropZone = page.getByRole("region", { name: "1. Upload contacts" });
      await dropZone.getByRole("alert").getByText(/photo\.csv isn't a text file/).waitFor();
      assert.equal(
        await page.getByTestId("csv-summary").count(),
        0,
        "the refused file replaces the previous one",
      );
      assert.equal(await page.getByLabel("Token for column “first_name”").count(), 0);
      assert.equal(await page.getByRole("heading", { name: "Preview" }).count(), 0);
      await expectNoSeriousViolations(page, `batch CSV refused (${device})`);
      await saveScreenshot(page, `batch-binary-refused-${device}`);
      await context.close();
    });
  }

  test("keyboard: cancelling a paused batch asks first, keeps it on Escape, and cancels on confirm", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signUpThroughForm(page, {
      displayName: "Dorothy Vaughan",
      email: uniqueEmail("batch-cancel"),
      password,
    });
    await openFromMainNavigation(page, "Batch", "**/batch-generation");
    // More rows than a new account's credits, so the batch ends up paused even if Pause comes late.
    const lines = ["Name", ...Array.from({ length: 150 }, (_, row) => `Person${row + 1}`)];
    await page.getByLabel("CSV file").setInputFiles({
      name: "cancel-me.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(`${lines.join("\n")}\n`),
    });
    await page.getByTestId("csv-summary").getByText("150 rows, 1 column").waitFor();
    await page.getByRole("textbox", { name: "Prompt", exact: true }).fill("Portrait of [NAME]");
    await page.getByRole("button", { name: "Preview batch" }).click();
    await page.getByRole("heading", { name: "Preview" }).waitFor();
    await page.getByRole("button", { name: /^Start batch · / }).click();
    await page.waitForURL(/\/batch-generation\?batch=[0-9a-f-]{36}$/);
    await page.getByRole("button", { name: "Pause" }).click();
    await page.getByTestId("batch-status").getByText("Paused").waitFor({ timeout: 120_000 });

    const cancel = page.getByRole("button", { name: "Cancel batch" });
    await cancel.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Cancel this batch?" });
    await dialog.waitFor();
    assert.match(
      await dialog.textContent(),
      /\d+ rows left won't be generated, and you won't be charged for them\./,
    );
    assert.equal(
      await page.evaluate(() => document.activeElement?.textContent),
      "Keep batch",
      "the safe choice has focus first",
    );
    await expectNoSeriousViolations(page, "cancel batch dialog (desktop)");
    await saveScreenshot(page, "batch-cancel-dialog-desktop");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    assert.equal(await page.getByTestId("batch-status").textContent(), "Paused");
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Cancel batch");
    await saveScreenshot(page, "batch-paused-controls-desktop");

    await page.setViewportSize({ width: 390, height: 844 });
    await page.keyboard.press("Enter");
    await dialog.waitFor();
    await saveScreenshot(page, "batch-cancel-dialog-phone");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.getByTestId("batch-status").getByText("Cancelled").waitFor();
    assert.match(await page.getByTestId("batch-counts").textContent(), / · \d+ cancelled$/);
    await context.close();
  });
});
