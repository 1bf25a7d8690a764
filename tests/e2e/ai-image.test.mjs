import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  createAccount,
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

/** The viewport point just right of the boundary before character `offset` on the textarea's first line. */
async function pointBeforeCharacter(textarea, offset) {
  return textarea.evaluate((element, characterOffset) => {
    const style = getComputedStyle(element);
    const context = document.createElement("canvas").getContext("2d");
    context.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const textWidth = context.measureText(element.value.slice(0, characterOffset)).width;
    const box = element.getBoundingClientRect();
    return {
      x: box.left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft) + textWidth + 1,
      y: box.top + parseFloat(style.borderTopWidth) + parseFloat(style.paddingTop) +
        parseFloat(style.lineHeight) / 2,
    };
  }, offset);
}

async function expectBalance(page, expected) {
  const balance = page.getByTestId("credit-balance");
  await balance.waitFor();
  await page.waitForFunction(
    (value) => document.querySelector('[data-testid="credit-balance"]')?.textContent?.trim() === value,
    expected,
    { timeout: 15_000 },
  ).catch(async () => assert.fail(`the balance shows ${await balance.textContent()}, not ${expected}`));
}

/** Full-page captures start at the top, so the sticky header and result panel sit where a person sees them. */
async function screenshotFromTop(page, name) {
  await page.evaluate(() => window.scrollTo({ top: 0, behavior: "instant" }));
  await saveScreenshot(page, name);
}

describe("the AI Image page", { timeout: 300_000 }, () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test("sign up → drag a token into the prompt → fill it → generate offline → the image and 99 credits", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();

    await signUpThroughForm(page, { displayName: "Ada Lovelace", email: uniqueEmail("ai-image"), password });

    await openFromMainNavigation(page, "AI Image", "**/features/ai-image");
    await page.getByRole("heading", { level: 1, name: "AI Image" }).waitFor();
    await expectBalance(page, "100");
    const model = page.getByLabel("Model");
    await model.waitFor();
    assert.equal(await model.evaluate((select) => select.selectedOptions[0]?.textContent), "Offline render");
    // The local platform sets no provider key: those models are listed, disabled, with the key they need.
    assert.deepEqual(
      await model.evaluate((select) =>
        [...select.querySelectorAll("optgroup")].map((group) => group.label).filter((label) =>
          label.includes("OPENAI_API_KEY")
        )
      ),
      ["Not set up: needs OPENAI_API_KEY (OpenAI)"],
    );
    await page.getByTestId("models-not-set-up").getByRole("link", { name: "How to enable a provider" })
      .waitFor();
    assert.equal(await page.getByTestId("model-cost").textContent(), "1 credit an image");
    await screenshotFromTop(page, "ai-image-model-picker-desktop");

    // The caret is left at the end, so a token that lands mid-sentence can only have come from
    // where the drop happened: react-dnd's HTML5 backend must have handled a real drag.
    const prompt = page.getByLabel("Prompt");
    await prompt.fill("Professional portrait of from [COMPANY|a startup]");
    await prompt.press("End");
    const target = await pointBeforeCharacter(prompt, "Professional portrait of ".length);
    await page.getByRole("button", { name: "Insert [FIRSTNAME]" }).hover();
    await page.mouse.down();
    await page.mouse.move(target.x - 40, target.y + 30, { steps: 5 });
    await page.mouse.move(target.x, target.y, { steps: 10 });
    await page.mouse.up();
    assert.equal(await prompt.inputValue(), "Professional portrait of [FIRSTNAME] from [COMPANY|a startup]");

    const preview = page.getByTestId("resolved-prompt");
    assert.equal(
      (await preview.textContent()).trim(),
      "Professional portrait of [FIRSTNAME] (no value) from a startup",
    );
    await page.getByLabel("[FIRSTNAME]", { exact: true }).fill("Ada");
    await page.getByLabel("[COMPANY]", { exact: true }).fill("Lovelace Labs");
    assert.equal((await preview.textContent()).trim(), "Professional portrait of Ada from Lovelace Labs");
    await page.getByLabel("Aspect ratio").selectOption("16:9");

    await page.getByRole("button", { name: "Generate image" }).click();

    const image = page.getByRole("img", { name: "Professional portrait of Ada from Lovelace Labs" });
    await image.waitFor({ timeout: 60_000 });
    const size = await image.evaluate(async (element) => {
      await element.decode();
      return { width: element.naturalWidth, height: element.naturalHeight };
    });
    assert.ok(size.width > size.height, `a 16:9 image is landscape, got ${size.width}×${size.height}`);
    await expectBalance(page, "99");
    assert.match(
      await page.getByRole("region", { name: "Result" }).textContent(),
      /Offline render.*1 credit/s,
    );
    assert.equal(await page.getByRole("link", { name: "Open gallery" }).getAttribute("href"), "/gallery");

    await expectNoSeriousViolations(page, "ai-image with a result (desktop)");
    await screenshotFromTop(page, "ai-image-result-desktop-light");

    // The account page, visited earlier in this session, must not show its cached balance.
    await page.getByRole("link", { name: "99 credits" }).click();
    await page.waitForURL("**/account");
    await expectBalance(page, "99");
    assert.match(await page.getByRole("list", { name: "Credit history" }).textContent(), /Image generation/);
    await context.close();
  });

  test("phone: tokens insert from the keyboard, and the page is accessible in both themes", async () => {
    const email = uniqueEmail("ai-image-phone");
    await createAccount({ email, password, displayName: "Grace Hopper" });

    for (const colorScheme of ["light", "dark"]) {
      const context = await newContext(browser, { device: "phone", colorScheme });
      const page = await context.newPage();
      await page.goto("/features/ai-image");
      await page.waitForURL((url) => url.pathname === "/sign-in");
      await signInThroughForm(page, { email, password });
      await page.waitForURL("**/features/ai-image");

      const prompt = page.getByLabel("Prompt");
      await prompt.waitFor();
      await prompt.fill("Hello from");
      await page.getByRole("button", { name: "Insert [COMPANY]" }).focus();
      await page.keyboard.press("Enter");
      assert.equal(await prompt.inputValue(), "Hello from [COMPANY]");
      assert.equal(
        await prompt.evaluate((element) => element === document.activeElement),
        true,
        "focus returns to the prompt",
      );
      await page.getByRole("button", { name: "Generate image" }).click();
      await page.getByText("Fill in the highlighted values first.").waitFor();
      assert.equal(
        await page.getByLabel("[COMPANY]", { exact: true }).evaluate((element) =>
          element === document.activeElement
        ),
        true,
      );

      await page.waitForLoadState("networkidle");
      await expectNoSeriousViolations(page, `ai-image (phone, ${colorScheme})`);
      await screenshotFromTop(page, `ai-image-phone-${colorScheme}`);

      // A failed generation's toast leaves the Generate button it answers free to press.
      await page.getByLabel("[COMPANY]", { exact: true }).fill("Hopper & Co");
      await page.route("**/functions/v1/image-generation", (route) =>
        route.fulfill({
          status: 503,
          contentType: "application/json",
          body: JSON.stringify({ error: "Down for a moment.", code: "INTERNAL_ERROR", details: {} }),
        }), { times: 1 });
      const generate = page.getByRole("button", { name: "Generate image" });
      await generate.click();
      const toast = page.locator("[data-sonner-toast]").first();
      await toast.waitFor();
      await generate.waitFor();
      const [toastBox, buttonBox] = [await toast.boundingBox(), await generate.boundingBox()];
      assert.ok(
        toastBox.y + toastBox.height <= buttonBox.y || buttonBox.y + buttonBox.height <= toastBox.y,
        `the toast ${JSON.stringify(toastBox)} covers Generate ${JSON.stringify(buttonBox)}`,
      );
      await saveScreenshot(page, `ai-image-phone-toast-${colorScheme}`);
      await page.unroute("**/functions/v1/image-generation");

      // The picker's way to a model that isn't set up: the providers section, scrolled into view.
      await page.getByTestId("models-not-set-up").getByRole("link", { name: "How to enable a provider" })
        .click();
      await page.waitForURL((url) => url.pathname === "/how-it-works" && url.hash === "#providers");
      const providers = page.getByRole("region", { name: "Which image models you can use" });
      await providers.getByText("OPENAI_API_KEY").waitFor();
      await page.waitForFunction(() => {
        const top = document.getElementById("providers")?.getBoundingClientRect().top ?? Infinity;
        return top >= 0 && top < window.innerHeight;
      });
      await saveScreenshot(page, `how-it-works-providers-phone-${colorScheme}`);
      await context.close();
    }
  });
});
