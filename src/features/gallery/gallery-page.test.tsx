import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import GalleryPage from "@/features/gallery/gallery-page";
import { ServerError } from "@/lib/function-errors";
import { renderWithProviders, testSession } from "@/testing/render";

const invokeFunction = vi.hoisted(() => vi.fn());
vi.mock("@/lib/invoke-function", () => ({ invokeFunction }));
// Uploads talk to Storage through the client; these tests never upload.
vi.mock("@/lib/supabase", () => ({ supabase: {} }));

type Call = { name: string; method?: string; query?: Record<string, unknown>; body?: unknown };

function serve(routes: Record<string, (call: Call) => unknown>) {
  invokeFunction.mockImplementation(async (call: Call) => {
    const key = `${call.method ?? "POST"} ${call.name}`;
    const route = routes[key];
    if (!route) throw new Error(`unexpected call ${key}`);
    return route(call);
  });
}

const common = {
  "GET albums": () => ({ albums: [] }),
  "GET gallery/facets": () => ({ models: ["local-render"], features: ["ai-image", "upload"] }),
};

const listCalls = () =>
  invokeFunction.mock.calls.map(([call]) => call as Call).filter((call) => call.name === "gallery" && call.method === "GET");

beforeEach(() => {
  invokeFunction.mockReset();
});

describe("GalleryPage", () => {
  it("shows an empty gallery with a way to generate the first image", async () => {
    serve({ ...common, "GET gallery": () => ({ items: [], nextCursor: null }) });
    renderWithProviders(<GalleryPage />, { route: "/gallery", session: testSession() });
    await screen.findByText("No images yet");
    expect(screen.getByRole("link", { name: "Generate an image" }).getAttribute("href")).toBe("/features/ai-image");
    await screen.findByText("No albums yet.");
  });

  it("reads the filters from the URL and sends them to the server", async () => {
    serve({ ...common, "GET gallery": () => ({ items: [], nextCursor: null }) });
    renderWithProviders(<GalleryPage />, { route: "/gallery?q=fox&favorite=true&model=local-render", session: testSession() });
    await screen.findByText("Nothing matches these filters");
    expect((screen.getByLabelText("Search prompts") as HTMLInputElement).value).toBe("fox");
    expect((screen.getByLabelText("Favourites only") as HTMLInputElement).checked).toBe(true);
    expect(listCalls()[0]?.query).toMatchObject({ q: "fox", favorite: "true", model: "local-render", limit: 100, cursor: null });
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
        if (failures-- > 0) throw new ServerError("gallery", 500, "INTERNAL_ERROR", "The database is unavailable.");
        return { items: [], nextCursor: null };
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<GalleryPage />, { route: "/gallery", session: testSession() });
    await screen.findByText("The database is unavailable.");
    await user.click(screen.getByRole("button", { name: "Try again" }));
    await screen.findByText("No images yet");
  });
});
