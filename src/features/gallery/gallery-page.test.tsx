import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { GalleryImage } from "@domain/contracts/gallery";
import GalleryPage from "@/features/gallery/gallery-page";
import { ServerError } from "@/lib/function-errors";
import { renderWithProviders, testSession } from "@/testing/render";
import { type FunctionCall, type FunctionRoutes, serveFunctions } from "@/testing/serve-functions";

const invokeFunction = vi.hoisted(() => vi.fn());
vi.mock("@/lib/invoke-function", () => ({ invokeFunction }));
// Uploads talk to Storage through the client; these tests never upload.
vi.mock("@/lib/supabase", () => ({ supabase: {} }));

const serve = (routes: FunctionRoutes) => serveFunctions(invokeFunction, routes);

const common = {
  "GET albums": () => ({ albums: [] }),
  "GET gallery/facets": () => ({ models: ["local-render"], features: ["ai-image", "upload"] }),
};

const listCalls = () =>
  invokeFunction.mock.calls.map(([call]) => call as FunctionCall).filter((call) =>
    call.name === "gallery" && call.method === "GET"
  );

function galleryImage(id: string, prompt: string): GalleryImage {
  return {
    id,
    prompt,
    resolvedPrompt: prompt,
    model: "local-render",
    provider: "local",
    feature: "ai-image",
    isFavorite: false,
    width: 256,
    height: 256,
    cost: 1,
    createdAt: "2026-11-23T10:00:00.000Z",
    thumbnailUrl: null,
  };
}

/**
 * jsdom lays nothing out and has no ResizeObserver: give every element a 1000 px wide box and an
 * observer that reports once, so the virtualized grid has a width to place tiles in.
 */
function layOutTheGrid() {
  vi.stubGlobal(
    "ResizeObserver",
    class {
      constructor(private readonly callback: () => void) {}
      observe() {
        queueMicrotask(() => this.callback());
      }
      disconnect() {}
    },
  );
  vi.spyOn(HTMLElement.prototype, "getBoundingClientRect").mockReturnValue(new DOMRect(0, 0, 1000, 600));
}

beforeEach(() => {
  invokeFunction.mockReset();
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe("GalleryPage", () => {
  it("opens the image a link names (?image=<id>), titled by its resolved prompt, even off the loaded page", async () => {
    layOutTheGrid();
    // jsdom has no modal dialogs; the browser test opens the real one.
    HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
      this.open = true;
    };
    HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
      this.open = false;
    };
    const linkedId = "8a6e0c1e-0000-4000-8000-000000000042";
    serve({
      ...common,
      "GET image-generation/models": () => ({
        models: [{
          id: "local-render",
          label: "Offline render",
          provider: "local",
          providerLabel: "Offline renderer",
          available: true,
          retired: false,
          aliases: [],
          supportsReferenceImage: true,
          settings: {},
        }],
      }),
      "GET gallery": () => ({ items: [galleryImage("other", "a red fox")], nextCursor: null }),
      [`GET gallery/${linkedId}`]: () => ({
        image: {
          ...galleryImage(linkedId, "a card for [FIRSTNAME]"),
          resolvedPrompt: "a card for Ada",
          feature: "batch",
          url: null,
          settings: { aspectRatio: "16:9" },
          tokens: { FIRSTNAME: "Ada" },
          albums: [],
        },
      }),
    });
    const user = userEvent.setup();
    renderWithProviders(<GalleryPage />, { route: `/gallery?image=${linkedId}`, session: testSession() });
    const dialog = await screen.findByRole("dialog", { name: "a card for Ada" });
    expect(within(dialog).getByRole("heading", { name: "a card for Ada" }).getAttribute("title")).toBe(
      "Template: a card for [FIRSTNAME]",
    );
    expect(await within(dialog).findByText("Aspect ratio")).toBeTruthy();
    expect(within(dialog).getByText("Batch")).toBeTruthy();
    expect(within(dialog).getByText("Offline render")).toBeTruthy();
    await user.click(within(dialog).getByRole("button", { name: "Close" }));
    await waitFor(() => expect(screen.getByTestId("location").textContent).toBe("/gallery"));
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("shows an empty gallery with a way to generate the first image", async () => {
    serve({ ...common, "GET gallery": () => ({ items: [], nextCursor: null }) });
    renderWithProviders(<GalleryPage />, { route: "/gallery", session: testSession() });
    await screen.findByText("No images yet");
    expect(screen.getByRole("link", { name: "Generate an image" }).getAttribute("href")).toBe(
      "/features/ai-image",
    );
    await screen.findByText("No albums yet.");
  });

  it("reads the filters from the URL and sends them to the server", async () => {
    serve({ ...common, "GET gallery": () => ({ items: [], nextCursor: null }) });
    renderWithProviders(<GalleryPage />, {
      route: "/gallery?q=fox&favorite=true&model=local-render",
      session: testSession(),
    });
    await screen.findByText("Nothing matches these filters");
    expect((screen.getByLabelText("Search prompts") as HTMLInputElement).value).toBe("fox");
    expect((screen.getByLabelText("Favourites only") as HTMLInputElement).checked).toBe(true);
    expect(listCalls()[0]?.query).toMatchObject({
      q: "fox",
      favorite: "true",
      model: "local-render",
      limit: 100,
      cursor: null,
    });
  });

  it("writes a search to the URL once typing pauses", async () => {
    serve({ ...common, "GET gallery": () => ({ items: [], nextCursor: null }) });
    const user = userEvent.setup();
    renderWithProviders(<GalleryPage />, { route: "/gallery", session: testSession() });
    await screen.findByText("No images yet");
    await user.type(screen.getByLabelText("Search prompts"), "red fox");
    await waitFor(() => expect(screen.getByTestId("location").textContent).toBe("/gallery?q=red+fox"));
    await waitFor(() => expect(listCalls().at(-1)?.query).toMatchObject({ q: "red fox" }));
    // One request for the empty search and one for the finished words, none per keystroke.
    expect(listCalls().map((call) => call.query?.q)).toEqual([undefined, "red fox"]);
  });

  it("says when the images could not be loaded and tries again", async () => {
    let failures = 1;
    serve({
      ...common,
      "GET gallery": () => {
        if (failures-- > 0) {
          throw new ServerError("gallery", 500, "INTERNAL_ERROR", "The database is unavailable.");
        }
        return { items: [], nextCursor: null };
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<GalleryPage />, { route: "/gallery", session: testSession() });
    await screen.findByText("The database is unavailable.");
    await user.click(screen.getByRole("button", { name: "Try again" }));
    await screen.findByText("No images yet");
  });

  it("selects a range with shift-click and favourites it, then offers to take the stars away", async () => {
    layOutTheGrid();
    const prompts = ["a fox", "a whale", "a barn", "a lighthouse"];
    const favourites = new Set<string>();
    serve({
      ...common,
      "GET gallery": () => ({
        items: prompts.map((prompt, index) => ({
          ...galleryImage(`id-${index}`, prompt),
          isFavorite: favourites.has(`id-${index}`),
        })),
        nextCursor: null,
      }),
      ...Object.fromEntries(
        prompts.map((prompt, index) => [
          `PATCH gallery/id-${index}`,
          (call: FunctionCall) => {
            const { isFavorite } = call.body as { isFavorite: boolean };
            if (isFavorite) favourites.add(`id-${index}`);
            else favourites.delete(`id-${index}`);
            return { image: { ...galleryImage(`id-${index}`, prompt), isFavorite } };
          },
        ]),
      ),
    });
    const user = userEvent.setup();
    renderWithProviders(<GalleryPage />, { route: "/gallery", session: testSession() });
    await user.click(await screen.findByRole("checkbox", { name: "Select a whale" }));
    await user.keyboard("{Shift>}");
    await user.click(screen.getByRole("checkbox", { name: "Select a lighthouse" }));
    await user.keyboard("{/Shift}");
    const bar = screen.getByRole("region", { name: "Selected images" });
    within(bar).getByText("3 images selected");
    await user.click(within(bar).getByRole("button", { name: "Favourite" }));
    await within(bar).findByRole("button", { name: "Unfavourite" });
    expect([...favourites].sort()).toEqual(["id-1", "id-2", "id-3"]);
    await screen.findByRole("button", { name: "Favourite: a barn" });
    expect(screen.getByRole("button", { name: "a fox" })).toBeTruthy();
  });
});
