import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { OrganiseReview } from "@/features/gallery/components/organise-review";

const invokeFunction = vi.hoisted(() => vi.fn());
vi.mock("@/lib/invoke-function", () => ({ invokeFunction }));

const proposal = [
  { title: "Boats at sunset", description: "2 images of boats", imageIds: ["a", "b"] },
  { title: "Crimson portraits", description: "1 image of a portrait", imageIds: ["c"] },
  { title: "Cat Stories", description: "1 image of a cat", imageIds: ["d"] },
];

function renderReview() {
  const queryClient = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  render(
    <QueryClientProvider client={queryClient}>
      <OrganiseReview organisationId="org-1" proposal={proposal} />
    </QueryClientProvider>,
  );
  return within(screen.getByRole("list", { name: "Proposed albums" }));
}

beforeEach(() => invokeFunction.mockReset());

describe("OrganiseReview", () => {
  it("sends the renamed, merged and kept albums, without the dropped one", async () => {
    invokeFunction.mockResolvedValue({});
    const list = renderReview();
    fireEvent.change(list.getByDisplayValue("Boats at sunset"), {
      target: { value: "Sea evenings" },
    });
    fireEvent.change(list.getByRole("combobox", { name: "Merge “Cat Stories” into another album" }), {
      target: { value: "1" },
    });
    fireEvent.click(list.getByRole("button", { name: "Drop “Sea evenings”" }));
    fireEvent.click(screen.getByRole("button", { name: "Create 1 album" }));
    await waitFor(() => expect(invokeFunction).toHaveBeenCalledOnce());
    expect(invokeFunction.mock.calls[0]?.[0]).toMatchObject({
      name: "album-organiser/org-1/apply",
      body: { groups: [{ title: "Crimson portraits", imageIds: ["c", "d"] }] },
    });
  });

  it("refuses an untitled album before sending anything", async () => {
    const list = renderReview();
    fireEvent.change(list.getByDisplayValue("Crimson portraits"), { target: { value: "  " } });
    fireEvent.click(screen.getByRole("button", { name: "Create 3 albums" }));
    expect((await screen.findByRole("alert")).textContent).toContain("Every album needs a title.");
    expect(invokeFunction).not.toHaveBeenCalled();
    expect(
      list.getAllByRole("textbox", { name: "Album title" }).map((input) => (input as HTMLInputElement).value),
    )
      .toEqual(["Boats at sunset", "  ", "Cat Stories"]);
  });
});
