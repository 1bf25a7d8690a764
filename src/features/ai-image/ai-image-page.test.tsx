import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import AiImagePage from "@/features/ai-image/ai-image-page";
import type { GeneratedImage, ImageModel } from "@domain/contracts/image-generation";
import type { TokenSet } from "@domain/contracts/personalization-tokens";
import { maxResolvedPromptLength } from "@domain/personalization-tokens";
import type { FunctionEvent } from "@/lib/function-event-stream";
import { ConflictError, PaymentRequiredError, ServerError } from "@/lib/function-errors";
import { renderWithProviders, testSession } from "@/testing/render";

const invokeFunction = vi.hoisted(() => vi.fn());
const streamFunction = vi.hoisted(() => vi.fn());
const showErrorToast = vi.hoisted(() => vi.fn());
vi.mock("@/lib/invoke-function", () => ({ invokeFunction }));
vi.mock("@/lib/stream-function", () => ({ streamFunction }));
vi.mock("@/lib/error-toast", () => ({ showErrorToast }));

const models: ImageModel[] = [
  {
    id: "local-render",
    label: "Offline render",
    provider: "local",
    available: true,
    retired: false,
    aliases: ["local"],
    supportsReferenceImage: true,
    settings: {
      aspectRatio: { allowed: ["1:1", "16:9"], default: "1:1" },
      size: { allowed: ["256", "512"], default: "512" },
      style: { allowed: ["photography", "3d-render"] },
    },
  },
  {
    id: "gpt-image-2",
    label: "GPT Image 2",
    provider: "openai",
    available: true,
    retired: false,
    aliases: ["openai"],
    supportsReferenceImage: false,
    settings: {
      aspectRatio: { allowed: ["1:1", "3:2"] },
      size: { allowed: ["1024x1024", "1536x1024"], default: "1024x1024" },
      quality: { allowed: ["low", "medium", "high"], default: "medium" },
    },
  },
  {
    id: "gemini-3-pro-image",
    label: "Nano Banana Pro",
    provider: "google",
    available: false,
    retired: false,
    aliases: [],
    supportsReferenceImage: true,
    settings: {},
  },
  {
    id: "dall-e-3",
    label: "DALL·E 3",
    provider: "openai",
    available: false,
    retired: true,
    aliases: [],
    supportsReferenceImage: false,
    settings: {},
  },
];

const salesTeam: TokenSet = {
  id: "5b1d0c1e-7a51-4d6c-9f0e-111111111111",
  name: "Sales team",
  tokens: { FIRSTNAME: "Grace", COMPANY: "Hopper & Co" },
  createdAt: "2026-11-23T12:00:00Z",
  updatedAt: "2026-11-23T12:00:00Z",
};

function generatedImage(overrides: Partial<GeneratedImage> = {}): GeneratedImage {
  return {
    imageId: "image-1",
    imageUrl: "http://127.0.0.1:54321/storage/v1/object/sign/images/user-1/image-1.png?token=t",
    thumbnailUrl: "http://127.0.0.1:54321/storage/v1/object/sign/images/user-1/image-1.thumb.webp?token=t",
    generationTime: 420,
    model: "local-render",
    requestedModel: "local-render",
    provider: "local",
    cost: 1,
    balance: 99,
    width: 512,
    height: 288,
    prompt: "Portrait of [FIRSTNAME]",
    resolvedPrompt: "Portrait of Ada",
    ...overrides,
  };
}

/** Answers the page's function calls like the backend does, with `overrides` per call. */
function answerCalls(
  { tokenSets = [] as TokenSet[], balance = 100, modelsError = null as Error | null } = {},
) {
  invokeFunction.mockImplementation(async (call: { name: string; method?: string; body?: unknown }) => {
    if (call.name === "image-generation/models") {
      if (modelsError) throw modelsError;
      return { models };
    }
    if (call.name === "account") return { credits: { balance } };
    if (call.name === "personalization-tokens" && call.method === "GET") return { tokenSets };
    throw new Error(`unexpected call ${call.method} ${call.name}`);
  });
}

/** A stream that yields `events`, pausing before each one until the test lets it go on. */
function controllableStream(events: FunctionEvent[]) {
  const releases: Array<() => void> = [];
  const gates = events.map(() => new Promise<void>((resolve) => releases.push(resolve)));
  streamFunction.mockImplementation(async function* () {
    for (const [index, event] of events.entries()) {
      await gates[index];
      yield event;
    }
  });
  return { release: (index: number) => releases[index]?.() };
}

function streamOnce(events: FunctionEvent[]) {
  streamFunction.mockImplementationOnce(async function* () {
    yield* events;
  });
}

const renderPage = () =>
  renderWithProviders(<AiImagePage />, { route: "/features/ai-image", session: testSession() });

describe("AiImagePage", () => {
  beforeEach(() => {
    invokeFunction.mockReset();
    streamFunction.mockReset();
    showErrorToast.mockReset();
    // The page keeps its draft in sessionStorage, which the shared setup does not clear.
    sessionStorage.clear();
  });

  it("shows the balance and only the settings of the chosen model", async () => {
    answerCalls();
    const user = userEvent.setup();
    renderPage();

    expect(screen.getByRole("status", { name: "Loading the image studio" })).toBeTruthy();
    const modelSelect = (await screen.findByLabelText("Model")) as HTMLSelectElement;
    expect((await screen.findByTestId("credit-balance")).textContent).toBe("100");
    expect(modelSelect.value).toBe("local-render");
    expect(within(modelSelect).getByRole("option", { name: "Nano Banana Pro" })).toHaveProperty(
      "disabled",
      true,
    );
    expect(within(modelSelect).queryByRole("option", { name: "DALL·E 3" })).toBeNull();
    expect(screen.getByLabelText("Style")).toBeTruthy();
    expect(screen.queryByLabelText("Quality")).toBeNull();

    await user.selectOptions(screen.getByLabelText("Aspect ratio"), "16:9");
    await user.selectOptions(modelSelect, "gpt-image-2");

    expect(screen.queryByLabelText("Style")).toBeNull();
    expect((screen.getByLabelText("Quality") as HTMLSelectElement).value).toBe("medium");
    // 16:9 isn't one of GPT Image 2's ratios, so the choice is dropped rather than sent and refused.
    expect((screen.getByLabelText("Aspect ratio") as HTMLSelectElement).value).toBe("");
    expect(
      within(screen.getByLabelText("Size")).getByRole("option", {
        name: "Automatic (fits the aspect ratio)",
      }),
    ).toBeTruthy();
    expect(screen.getByText("GPT Image 2 doesn't take a reference image.")).toBeTruthy();
  });

  it("inserts a pressed token at the caret and previews the prompt with warnings until it has a value", async () => {
    answerCalls();
    const user = userEvent.setup();
    renderPage();
    const prompt = (await screen.findByLabelText("Prompt")) as HTMLTextAreaElement;

    await user.type(prompt, "Portrait of  at work");
    prompt.setSelectionRange(12, 12);
    await user.click(screen.getByRole("button", { name: "Insert [FIRSTNAME]" }));

    expect(prompt.value).toBe("Portrait of [FIRSTNAME] at work");
    expect(document.activeElement).toBe(prompt);
    expect(prompt.selectionStart).toBe(23);
    const preview = screen.getByTestId("resolved-prompt");
    expect(preview.textContent).toBe("Portrait of [FIRSTNAME] (no value) at work");
    expect(screen.getByText(/No value for \[FIRSTNAME\]/)).toBeTruthy();

    await user.type(screen.getByLabelText("[FIRSTNAME]"), "Ada");

    expect(preview.textContent).toBe("Portrait of Ada at work");
    expect(screen.queryByText(/No value for/)).toBeNull();
  });

  it("adds a token of the person's own, refusing a name the server would refuse", async () => {
    answerCalls();
    const user = userEvent.setup();
    renderPage();
    const prompt = (await screen.findByLabelText("Prompt")) as HTMLTextAreaElement;

    await user.type(screen.getByLabelText("Your own token"), "2fast{Enter}");
    expect(screen.getByText(/starting with a letter/)).toBeTruthy();

    await user.clear(screen.getByLabelText("Your own token"));
    await user.type(screen.getByLabelText("Your own token"), "product{Enter}");

    expect(prompt.value).toBe("[PRODUCT]");
    expect(screen.getByRole("button", { name: "Insert [PRODUCT]" })).toBeTruthy();
    expect(screen.getByLabelText("[PRODUCT]")).toBeTruthy();
  });

  it("won't generate while a token has no value: it says so and goes to the field", async () => {
    answerCalls();
    const user = userEvent.setup();
    renderPage();

    await user.type(await screen.findByLabelText("Prompt"), "Hi [[FIRSTNAME]");
    await user.click(screen.getByRole("button", { name: "Generate image" }));

    expect(screen.getByRole("alert").textContent).toBe("Fill in the highlighted values first.");
    expect(document.activeElement).toBe(screen.getByLabelText("[FIRSTNAME]"));
    expect(streamFunction).not.toHaveBeenCalled();
  });

  it("generates with staged progress, shows the image and the new balance, and can reuse its settings", async () => {
    answerCalls();
    const image = generatedImage();
    const stream = controllableStream([
      { event: "stage", data: { stage: "validating" } },
      { event: "stage", data: { stage: "generating" } },
      { event: "stage", data: { stage: "storing" } },
      { event: "done", data: image },
    ]);
    const user = userEvent.setup();
    const { queryClient } = renderPage();
    const invalidate = vi.spyOn(queryClient, "invalidateQueries");

    const prompt = await screen.findByLabelText("Prompt");
    await user.type(prompt, "Portrait of [[FIRSTNAME]");
    await user.type(screen.getByLabelText("[FIRSTNAME]"), "Ada");
    await user.selectOptions(screen.getByLabelText("Aspect ratio"), "16:9");
    await user.click(screen.getByRole("button", { name: "Generate image" }));

    const progress = screen.getByRole("list", { name: "Progress" });
    expect(within(progress).getByText("Checking your request").closest("li")?.getAttribute("aria-current"))
      .toBe("step");
    stream.release(0);
    stream.release(1);
    await waitFor(() =>
      expect(within(progress).getByText("Creating the image").closest("li")?.getAttribute("aria-current"))
        .toBe("step")
    );
    expect(screen.getByRole("button", { name: "Creating the image…" })).toHaveProperty("disabled", true);
    stream.release(2);
    stream.release(3);

    const result = await screen.findByRole("img", { name: "Portrait of Ada" });
    expect(result.getAttribute("src")).toBe(image.imageUrl);
    expect(screen.getByTestId("credit-balance").textContent).toBe("99");
    expect(screen.getByText("1 credit")).toBeTruthy();
    expect(screen.getByRole("link", { name: "Open gallery" }).getAttribute("href")).toBe("/gallery");
    expect(document.activeElement).toBe(screen.getByRole("heading", { name: "Result" }));
    expect(streamFunction).toHaveBeenCalledWith(
      expect.objectContaining({
        name: "image-generation",
        body: {
          prompt: "Portrait of [FIRSTNAME]",
          model: "local-render",
          tokens: { FIRSTNAME: "Ada" },
          settings: { aspectRatio: "16:9" },
        },
      }),
    );
    expect(invalidate).toHaveBeenCalledWith({ queryKey: ["account"] });

    await user.click(screen.getByRole("button", { name: "Copy prompt" }));
    expect(await navigator.clipboard.readText()).toBe("Portrait of Ada");

    await user.clear(prompt);
    await user.type(prompt, "Something else");
    await user.selectOptions(screen.getByLabelText("Model"), "gpt-image-2");
    await user.click(screen.getByRole("button", { name: "Reuse settings" }));

    expect((prompt as HTMLTextAreaElement).value).toBe("Portrait of [FIRSTNAME]");
    expect((screen.getByLabelText("Model") as HTMLSelectElement).value).toBe("local-render");
    expect((screen.getByLabelText("Aspect ratio") as HTMLSelectElement).value).toBe("16:9");
    expect((screen.getByLabelText("[FIRSTNAME]") as HTMLInputElement).value).toBe("Ada");
  });

  it("reports a failed generation as a toast whose retry sends the same request again", async () => {
    answerCalls();
    const failure = new ServerError(
      "image-generation",
      502,
      "PROVIDER_ERROR",
      "The provider failed. Your credits were refunded.",
    );
    streamFunction.mockImplementationOnce(async function* () {
      yield { event: "stage", data: { stage: "validating" } };
      throw failure;
    });
    streamOnce([{ event: "done", data: generatedImage({ resolvedPrompt: "A lighthouse at dusk" }) }]);
    const user = userEvent.setup();
    renderPage();

    await user.type(await screen.findByLabelText("Prompt"), "A lighthouse at dusk");
    await user.click(screen.getByRole("button", { name: "Generate image" }));

    await waitFor(() =>
      expect(showErrorToast).toHaveBeenCalledWith(failure, expect.objectContaining({ id: "generation" }))
    );
    expect(screen.getByText("Your image will appear here")).toBeTruthy();
    const { retry } = showErrorToast.mock.calls[0]?.[1] as { retry: () => void };
    retry();

    expect(await screen.findByRole("img", { name: "A lighthouse at dusk" })).toBeTruthy();
    expect(streamFunction).toHaveBeenCalledTimes(2);
    expect(streamFunction.mock.calls[1]?.[0].body).toEqual(streamFunction.mock.calls[0]?.[0].body);
  });

  it("asks the server for the balance again after a refused generation", async () => {
    answerCalls({ balance: 0 });
    streamFunction.mockImplementationOnce(async function* () {
      yield* [];
      throw new PaymentRequiredError(
        "image-generation",
        402,
        "INSUFFICIENT_CREDITS",
        "Not enough credits.",
        {},
      );
    });
    const user = userEvent.setup();
    renderPage();

    await user.type(await screen.findByLabelText("Prompt"), "A lighthouse");
    await user.click(screen.getByRole("button", { name: "Generate image" }));

    await waitFor(() =>
      expect(showErrorToast).toHaveBeenCalledWith(expect.any(PaymentRequiredError), expect.anything())
    );
    await waitFor(() =>
      expect(invokeFunction.mock.calls.filter(([call]) => call.name === "account")).toHaveLength(2)
    );
  });

  it("fills in a saved token set and saves the values as a new set", async () => {
    answerCalls({ tokenSets: [salesTeam] });
    const user = userEvent.setup();
    renderPage();

    await user.type(await screen.findByLabelText("Prompt"), "Hi [[FIRSTNAME] at [[COMPANY]");
    const setSelect = screen.getByLabelText("Saved token set");
    await waitFor(() => expect(setSelect).toHaveProperty("disabled", false));
    await user.selectOptions(setSelect, salesTeam.id);

    expect(screen.getByTestId("resolved-prompt").textContent).toBe("Hi Grace at Hopper & Co");

    await user.clear(screen.getByLabelText("[FIRSTNAME]"));
    await user.type(screen.getByLabelText("[FIRSTNAME]"), "Alan");
    expect(screen.getByText("You changed values since this set was saved.")).toBeTruthy();

    invokeFunction.mockImplementationOnce(async () => {
      throw new ConflictError(
        "personalization-tokens",
        409,
        "CONFLICT",
        'You already have a token set named "Sales team".',
      );
    });
    await user.click(screen.getByRole("button", { name: "Save as new set" }));
    await user.type(screen.getByLabelText("Name for the new set"), "Sales team{Enter}");
    expect(await screen.findByText('You already have a token set named "Sales team".')).toBeTruthy();

    const created: TokenSet = {
      ...salesTeam,
      id: "5b1d0c1e-7a51-4d6c-9f0e-222222222222",
      name: "Alan's",
      tokens: { FIRSTNAME: "Alan", COMPANY: "Hopper & Co" },
    };
    invokeFunction.mockImplementationOnce(async () => ({ tokenSet: created }));
    await user.clear(screen.getByLabelText("Name for the new set"));
    await user.type(screen.getByLabelText("Name for the new set"), "Alan's{Enter}");

    await waitFor(() => expect((setSelect as HTMLSelectElement).value).toBe(created.id));
    expect(invokeFunction).toHaveBeenLastCalledWith(
      expect.objectContaining({
        name: "personalization-tokens",
        method: "POST",
        body: { name: "Alan's", tokens: { FIRSTNAME: "Alan", COMPANY: "Hopper & Co" } },
      }),
    );
  });

  it("renames and deletes a saved set", async () => {
    answerCalls({ tokenSets: [salesTeam] });
    const user = userEvent.setup();
    renderPage();
    const setSelect = await screen.findByLabelText("Saved token set");
    await waitFor(() => expect(setSelect).toHaveProperty("disabled", false));
    await user.selectOptions(setSelect, salesTeam.id);

    invokeFunction.mockImplementationOnce(async () => ({ tokenSet: { ...salesTeam, name: "Sales EMEA" } }));
    await user.click(screen.getByRole("button", { name: "Rename" }));
    await user.clear(screen.getByLabelText("New name"));
    await user.type(screen.getByLabelText("New name"), "Sales EMEA{Enter}");
    expect(await within(setSelect).findByRole("option", { name: "Sales EMEA" })).toBeTruthy();
    expect(invokeFunction).toHaveBeenLastCalledWith(
      expect.objectContaining({
        name: `personalization-tokens/${salesTeam.id}`,
        method: "PATCH",
        body: { name: "Sales EMEA" },
      }),
    );

    invokeFunction.mockImplementationOnce(async () => "");
    await user.click(screen.getByRole("button", { name: "Delete" }));
    await user.click(screen.getByRole("button", { name: "Delete set" }));

    await waitFor(() => expect(within(setSelect).queryByRole("option", { name: "Sales EMEA" })).toBeNull());
    expect((setSelect as HTMLSelectElement).value).toBe("");
    expect(invokeFunction).toHaveBeenLastCalledWith(
      expect.objectContaining({ name: `personalization-tokens/${salesTeam.id}`, method: "DELETE" }),
    );
  });

  it("checks a reference image's type and size before using it, and sends it with the request", async () => {
    answerCalls();
    streamOnce([{ event: "done", data: generatedImage() }]);
    const user = userEvent.setup({ applyAccept: false });
    const { container } = renderPage();
    await screen.findByLabelText("Prompt");
    const fileInput = container.querySelector<HTMLInputElement>('input[type="file"]');
    if (!fileInput) throw new Error("no file input");

    await user.upload(fileInput, new File(["GIF89a"], "cat.gif", { type: "image/gif" }));
    expect(screen.getByRole("alert").textContent).toBe("Use a PNG, JPEG or WebP image.");

    const tooLarge = new File([new Uint8Array(10 * 1024 * 1024 + 1)], "huge.png", { type: "image/png" });
    await user.upload(fileInput, tooLarge);
    expect(screen.getByRole("alert").textContent).toBe("That image is 10.1 MB; the limit is 10 MB.");

    await user.upload(
      fileInput,
      new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], "face.png", { type: "image/png" }),
    );
    expect(await screen.findByRole("img", { name: "Reference image" })).toBeTruthy();
    expect(screen.getByText("face.png")).toBeTruthy();
    expect(screen.queryByRole("alert")).toBeNull();

    await user.type(screen.getByLabelText("Prompt"), "Me, as a watercolour");
    await user.click(screen.getByRole("button", { name: "Generate image" }));
    await waitFor(() => expect(streamFunction).toHaveBeenCalled());
    expect(streamFunction.mock.calls[0]?.[0].body.referenceImage).toBe("data:image/png;base64,iVBORw==");
  });

  it("refuses a file whose bytes are not an image in place, and sends a misnamed JPEG as a JPEG", async () => {
    answerCalls();
    streamOnce([{ event: "done", data: generatedImage() }]);
    const user = userEvent.setup({ applyAccept: false });
    const { container } = renderPage();
    await screen.findByLabelText("Prompt");
    const fileInput = container.querySelector<HTMLInputElement>('input[type="file"]');
    if (!fileInput) throw new Error("no file input");

    await user.upload(fileInput, new File(["%PDF-1.7 not a picture"], "face.png", { type: "image/png" }));
    expect((await screen.findByRole("alert")).textContent).toBe(
      "That file is not a PNG, JPEG or WebP image, whatever its name says. Choose an image file.",
    );
    expect(screen.queryByRole("img", { name: "Reference image" })).toBeNull();

    await user.upload(
      fileInput,
      new File([new Uint8Array([0xff, 0xd8, 0xff])], "face.png", { type: "image/png" }),
    );
    expect(await screen.findByRole("img", { name: "Reference image" })).toBeTruthy();
    expect(screen.queryByRole("alert")).toBeNull();
    await user.type(screen.getByLabelText("Prompt"), "Me, as a watercolour");
    await user.click(screen.getByRole("button", { name: "Generate image" }));
    await waitFor(() => expect(streamFunction).toHaveBeenCalled());
    expect(streamFunction.mock.calls[0]?.[0].body.referenceImage).toBe("data:image/jpeg;base64,/9j/");
  });

  it("counts the prompt once, as the server does: the resolved prompt against its limit", async () => {
    answerCalls();
    const user = userEvent.setup();
    renderPage();
    await user.type(await screen.findByLabelText("Prompt"), "Hello [[FIRSTNAME|there]");

    const counters = screen.getAllByText(/\d+ \/ [\d,]+/);
    expect(counters.map((counter) => counter.textContent)).toEqual([
      `11 / ${maxResolvedPromptLength.toLocaleString()} characters`,
    ]);
  });

  it("brings back the draft after a reload: prompt, model, settings and token values", async () => {
    answerCalls();
    const user = userEvent.setup();
    const first = renderPage();
    await user.type(await screen.findByLabelText("Prompt"), "Portrait of [[FIRSTNAME]");
    await user.type(screen.getByLabelText("[FIRSTNAME]"), "Ada");
    await user.selectOptions(screen.getByLabelText("Model"), "gpt-image-2");
    await user.selectOptions(screen.getByLabelText("Quality"), "high");
    first.unmount();

    renderPage();
    expect(((await screen.findByLabelText("Prompt")) as HTMLTextAreaElement).value).toBe(
      "Portrait of [FIRSTNAME]",
    );
    expect((screen.getByLabelText("[FIRSTNAME]") as HTMLInputElement).value).toBe("Ada");
    expect((screen.getByLabelText("Model") as HTMLSelectElement).value).toBe("gpt-image-2");
    expect((screen.getByLabelText("Quality") as HTMLSelectElement).value).toBe("high");
  });

  it("offers a retry when the models can't be loaded", async () => {
    answerCalls({
      modelsError: new ServerError("image-generation/models", 503, "INTERNAL_ERROR", "Down for a moment."),
    });
    const user = userEvent.setup();
    renderPage();

    expect(await screen.findByText(/Couldn't load the image models/)).toBeTruthy();
    answerCalls();
    await user.click(screen.getByRole("button", { name: "Try again" }));

    expect(await screen.findByLabelText("Model")).toBeTruthy();
  });
});
