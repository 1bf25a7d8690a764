import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import BatchPage from "@/features/batch/batch-page";
import type { Batch as BatchDetail, BatchPreview as BatchReport } from "@domain/contracts/batch";
import { type CreditsOffer, CreditsOfferProvider } from "@/lib/credits-offer";
import { renderWithProviders, testSession } from "@/testing/render";
import { type FunctionRoutes, serveFunctions } from "@/testing/serve-functions";

const invokeFunction = vi.hoisted(() => vi.fn());
const downloadBatchFile = vi.hoisted(() => vi.fn());
const showErrorToast = vi.hoisted(() => vi.fn());
vi.mock("@/lib/invoke-function", () => ({ invokeFunction }));
vi.mock("@/features/batch/api/download-batch-file", () => ({ downloadBatchFile }));
vi.mock("@/lib/error-toast", () => ({ showErrorToast }));

const batchId = "4f1c1b1e-0000-4000-8000-000000000001";

function batchDetail(overrides: Partial<BatchDetail> = {}): BatchDetail {
  return {
    id: batchId,
    name: "contacts.csv",
    status: "running",
    model: "local-render",
    filename: "contacts.csv",
    totalRows: 3,
    succeededRows: 1,
    failedRows: 1,
    spentCredits: 1,
    estimatedCost: 3,
    pauseReason: null,
    error: null,
    createdAt: "2026-11-23T10:00:00.000Z",
    prompt: "Portrait of [FIRSTNAME]",
    counts: { queued: 1, running: 0, succeeded: 1, failed: 1, cancelled: 0 },
    progress: 2 / 3,
    etaSeconds: 95,
    ...overrides,
  };
}

function report(overrides: Partial<BatchReport> = {}): BatchReport {
  return {
    valid: true,
    headers: ["First name", "Company"],
    rowCount: 2,
    warnings: [],
    issues: [],
    issueCount: 0,
    preview: [
      { rowNumber: 1, data: {}, resolvedPrompt: "Portrait of Ada from Acme" },
      { rowNumber: 2, data: {}, resolvedPrompt: "Portrait of Grace from Navy" },
    ],
    estimate: { model: "local-render", costPerRow: 1, totalCost: 2, balance: 100, sufficient: true },
    ...overrides,
  };
}

const serve = (routes: FunctionRoutes) => serveFunctions(invokeFunction, routes);

const common = {
  "GET image-generation/models": () => ({
    models: [{ id: "local-render", label: "Offline render", available: true }],
  }),
  "GET batch": () => ({ batches: [] }),
};

beforeEach(() => {
  invokeFunction.mockReset();
  downloadBatchFile.mockReset();
  showErrorToast.mockReset();
});

describe("BatchPage", () => {
  it("reads the CSV, maps its columns, shows the server's problems by row, and starts once they are fixed", async () => {
    const previews: BatchReport[] = [
      report({
        valid: false,
        issues: [{ row: 2, code: "EMPTY_VALUE", message: "Row 2: [BRAND] is empty and has no fallback." }],
        issueCount: 1,
      }),
      report(),
    ];
    serve({
      ...common,
      "POST batch/preview": () => previews.shift(),
      "POST batch": () => ({ batch: batchDetail({ status: "draft" }) }),
      [`POST batch/${batchId}/start`]: () => ({ batch: batchDetail() }),
      [`GET batch/${batchId}`]: () => ({ batch: batchDetail() }),
      [`GET batch/${batchId}/items`]: () => ({ items: [], nextCursor: null }),
    });
    const user = userEvent.setup();
    renderWithProviders(<BatchPage />, { route: "/batch-generation", session: testSession() });

    const csv = new File(["First name,Company\nAda,Acme\nGrace,\n"], "contacts.csv", { type: "text/csv" });
    await user.upload(await screen.findByLabelText("CSV file"), csv);
    expect(await screen.findByText("2 rows, 2 columns")).toBeTruthy();
    expect((screen.getByLabelText("Token for column “First name”") as HTMLInputElement).value).toBe(
      "FIRST_NAME",
    );
    await user.clear(screen.getByLabelText("Token for column “Company”"));
    await user.type(screen.getByLabelText("Token for column “Company”"), "brand");
    await user.type(screen.getByLabelText("Prompt"), "Portrait of [FIRST_NAME] from [BRAND]");
    expect(screen.queryByText(/Nothing fills/)).toBeNull();

    await user.click(screen.getByRole("button", { name: "Preview batch" }));
    const problems = await screen.findByRole("list", { name: "Problems by row" });
    expect(problems.textContent).toContain("Row 2: [BRAND] is empty");
    expect(screen.getByRole("button", { name: /Start batch/ }).hasAttribute("disabled")).toBe(true);
    expect(invokeFunction).toHaveBeenCalledWith(
      expect.objectContaining({
        name: "batch/preview",
        body: expect.objectContaining({
          filename: "contacts.csv",
          model: "local-render",
          columnMapping: { "First name": "FIRST_NAME", Company: "BRAND" },
        }),
      }),
    );

    await user.type(screen.getByLabelText("Prompt"), " ");
    expect(screen.getByText(/You changed something since the preview/)).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Preview batch" }));
    const start = await screen.findByRole("button", { name: "Start batch · 2 credits" });
    expect(screen.getByTestId("batch-total-cost").textContent).toBe("2 credits");
    await user.click(start);

    await waitFor(() =>
      expect(screen.getByTestId("location").textContent).toBe(`/batch-generation?batch=${batchId}`)
    );
    expect(await screen.findByRole("progressbar", { name: "Batch progress" })).toBeTruthy();
  });

  it("shows a batch's live state from the server, with its controls, rows and downloads", async () => {
    serve({
      ...common,
      [`GET batch/${batchId}`]: () => ({ batch: batchDetail() }),
      [`GET batch/${batchId}/items`]: () => ({
        items: [
          {
            id: "a",
            rowNumber: 1,
            resolvedPrompt: "Portrait of Ada",
            status: "succeeded",
            error: null,
            cost: 1,
            imageUrl: "https://x/1.png",
            thumbnailUrl: "https://x/1.webp",
          },
          {
            id: "b",
            rowNumber: 2,
            resolvedPrompt: "Portrait of forbidden",
            status: "failed",
            error: "Rejected by the safety system.",
            cost: 0,
            imageUrl: null,
            thumbnailUrl: null,
          },
        ],
        nextCursor: null,
      }),
      [`POST batch/${batchId}/pause`]: () => ({ batch: batchDetail({ status: "paused", etaSeconds: null }) }),
    });
    const user = userEvent.setup();
    renderWithProviders(<BatchPage />, {
      route: `/batch-generation?batch=${batchId}`,
      session: testSession(),
    });

    const bar = await screen.findByRole("progressbar", { name: "Batch progress" });
    expect(bar.getAttribute("aria-valuenow")).toBe("67");
    expect(bar.getAttribute("aria-valuetext")).toBe("67%, about 2 min left");
    expect(screen.getByTestId("batch-counts").textContent).toBe("1 succeeded · 1 failed · 1 to go");

    const table = await screen.findByRole("table", { name: "Results by row" });
    expect(within(table).getByRole("img", { name: "Row 1" }).getAttribute("src")).toBe("https://x/1.webp");
    expect(within(table).getByText("Rejected by the safety system.")).toBeTruthy();

    await user.click(screen.getByRole("button", { name: "Results CSV" }));
    expect(downloadBatchFile).toHaveBeenCalledWith(batchId, "results.csv");

    await user.click(screen.getByRole("button", { name: "Pause" }));
    expect(await screen.findByRole("button", { name: "Resume" })).toBeTruthy();
    expect(screen.getByTestId("batch-status").textContent).toBe("Paused");
  });

  it("offers a retry when the batch can't be loaded", async () => {
    let fail = true;
    serve({
      ...common,
      [`GET batch/${batchId}`]: () => {
        if (fail) throw new Error("boom");
        return {
          batch: batchDetail({
            status: "completed",
            counts: { queued: 0, running: 0, succeeded: 3, failed: 0, cancelled: 0 },
            progress: 1,
          }),
        };
      },
      [`GET batch/${batchId}/items`]: () => ({ items: [], nextCursor: null }),
    });
    const user = userEvent.setup();
    renderWithProviders(<BatchPage />, {
      route: `/batch-generation?batch=${batchId}`,
      session: testSession(),
    });
    const retry = await screen.findByRole("button", { name: "Try again" });
    fail = false;
    await user.click(retry);
    expect((await screen.findByTestId("batch-status")).textContent).toBe("Completed");
  });

  it("asks before cancelling, naming the rows left, and keeps the batch on the safe choice", async () => {
    // jsdom has no modal dialogs; the browser test opens the real one.
    HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
      this.open = true;
    };
    HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
      this.open = false;
    };
    serve({
      ...common,
      [`GET batch/${batchId}`]: () => ({
        batch: batchDetail({ counts: { queued: 1, running: 0, succeeded: 1, failed: 1, cancelled: 0 } }),
      }),
      [`GET batch/${batchId}/items`]: () => ({ items: [], nextCursor: null }),
      [`POST batch/${batchId}/cancel`]: () => ({
        batch: batchDetail({
          status: "cancelled",
          etaSeconds: null,
          counts: { queued: 0, running: 0, succeeded: 1, failed: 1, cancelled: 1 },
        }),
      }),
    });
    const user = userEvent.setup();
    renderWithProviders(<BatchPage />, {
      route: `/batch-generation?batch=${batchId}`,
      session: testSession(),
    });

    expect((await screen.findByText(/spent$/)).textContent).toContain("1 credit spent");
    await user.click(await screen.findByRole("button", { name: "Cancel batch" }));
    const dialog = screen.getByRole("dialog", { name: "Cancel this batch?" });
    expect(dialog.textContent).toContain("1 row left won't be generated, and you won't be charged for it.");
    expect(document.activeElement).toBe(within(dialog).getByRole("button", { name: "Keep batch" }));
    await user.click(within(dialog).getByRole("button", { name: "Keep batch" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(invokeFunction).not.toHaveBeenCalledWith(
      expect.objectContaining({ name: `batch/${batchId}/cancel` }),
    );

    await user.click(screen.getByRole("button", { name: "Cancel batch" }));
    await user.click(
      within(screen.getByRole("dialog", { name: "Cancel this batch?" })).getByRole("button", {
        name: "Cancel batch",
      }),
    );
    await waitFor(() => expect(screen.getByTestId("batch-status").textContent).toBe("Cancelled"));
  });

  it("names the images ZIP's entries by a name-like column unless row number is chosen", async () => {
    serve({
      ...common,
      [`GET batch/${batchId}`]: () => ({
        batch: batchDetail({ status: "completed", etaSeconds: null, headers: ["Company", "First name"] }),
      }),
      [`GET batch/${batchId}/items`]: () => ({ items: [], nextCursor: null }),
    });
    const user = userEvent.setup();
    renderWithProviders(<BatchPage />, {
      route: `/batch-generation?batch=${batchId}`,
      session: testSession(),
    });

    const select = (await screen.findByLabelText("Name images by")) as HTMLSelectElement;
    expect(select.value).toBe("First name");
    await user.click(screen.getByRole("button", { name: "Images ZIP" }));
    expect(downloadBatchFile).toHaveBeenLastCalledWith(batchId, "images.zip", { nameColumn: "First name" });
    await user.selectOptions(select, "Row number");
    await user.click(screen.getByRole("button", { name: "Images ZIP" }));
    expect(downloadBatchFile).toHaveBeenLastCalledWith(batchId, "images.zip");
  });

  it("offers credits from a preview that can't pay for every row, and previews again once paid", async () => {
    const previews = [
      report({
        estimate: { model: "local-render", costPerRow: 1, totalCost: 2, balance: 1, sufficient: false },
      }),
      report(),
    ];
    serve({ ...common, "POST batch/preview": () => previews.shift() });
    const offers: CreditsOffer[] = [];
    const user = userEvent.setup();
    renderWithProviders(
      <CreditsOfferProvider
        renderOffer={(offer) => {
          offers.push(offer);
          return null;
        }}
      >
        <BatchPage />
      </CreditsOfferProvider>,
      { route: "/batch-generation", session: testSession() },
    );

    const csv = new File(["First name,Company\nAda,Acme\nGrace,Navy\n"], "contacts.csv", {
      type: "text/csv",
    });
    await user.upload(await screen.findByLabelText("CSV file"), csv);
    await user.type(screen.getByLabelText("Prompt"), "Portrait of [FIRST_NAME]");
    await user.click(screen.getByRole("button", { name: "Preview batch" }));
    await screen.findByText("Not enough credits for every row");
    await user.click(screen.getByRole("button", { name: "Add credits" }));
    expect(offers).toHaveLength(1);
    expect(offers[0]).toMatchObject({ required: 2, balance: 1 });

    act(() => offers[0]?.onPaid?.());
    await waitFor(() => expect(screen.queryByText("Not enough credits for every row")).toBeNull());
    expect(screen.getByTestId("batch-total-cost").textContent).toBe("2 credits");
  });
});
