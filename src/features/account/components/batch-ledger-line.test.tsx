import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { LedgerList } from "@/features/account/components/ledger-list";
import type { LedgerEntry } from "@domain/contracts/account";
import { renderWithProviders, testSession } from "@/testing/render";

const invokeFunction = vi.hoisted(() => vi.fn());
vi.mock("@/lib/invoke-function", () => ({ invokeFunction }));

const batchId = "0b7e0c11-0000-4000-8000-000000000009";

const batchLine: LedgerEntry = {
  id: "first-row-entry",
  amount: -103,
  reason: "batch_row",
  description: "Batch contacts.csv",
  createdAt: "2026-12-04T01:00:00Z",
  batch: { id: batchId, name: "contacts.csv", rowCount: 104, debited: 104, refunded: 1 },
};

const rowEntry = (rowNumber: number, amount: number, reason = "batch_row"): LedgerEntry => ({
  id: `row-${rowNumber}-${reason}`,
  amount,
  reason,
  description: `Batch row ${rowNumber}`,
  createdAt: "2026-12-04T01:00:10Z",
  rowNumber,
});

function renderList() {
  renderWithProviders(
    <LedgerList
      entries={[batchLine]}
      hasMore={false}
      loadingMore={false}
      loadMoreFailed={false}
      onLoadMore={vi.fn()}
    />,
    { session: testSession() },
  );
}

beforeEach(() => {
  invokeFunction.mockReset();
});

describe("a batch's line in the credit history", () => {
  it("sums the batch in one line and opens, by keyboard, to the rows' own entries", async () => {
    invokeFunction.mockResolvedValue({
      batch: { id: batchId, name: "contacts.csv" },
      entries: [rowEntry(2, 1, "refund"), rowEntry(2, -1), rowEntry(1, -1)],
      nextCursor: null,
    });
    renderList();
    const line = screen.getByRole("button", { name: /Batch · contacts\.csv/ });
    expect(line.textContent).toContain("104 rows");
    expect(line.textContent).toContain("1 refunded");
    expect(line.textContent).toMatch(/[−-]103 credits/);
    expect(line.getAttribute("aria-expanded")).toBe("false");
    expect(invokeFunction).not.toHaveBeenCalled();

    line.focus();
    await userEvent.keyboard("{Enter}");
    expect(line.getAttribute("aria-expanded")).toBe("true");
    const rows = await screen.findByRole("list", { name: "Rows of contacts.csv" });
    expect(within(rows).getAllByRole("listitem")).toHaveLength(3);
    expect(within(rows).getByText(/Refund/)).toBeTruthy();
    expect(invokeFunction).toHaveBeenCalledWith(
      expect.objectContaining({
        name: "account/ledger",
        method: "GET",
        query: { batch: batchId, limit: 20, cursor: null },
      }),
    );

    await userEvent.keyboard("{Enter}");
    expect(line.getAttribute("aria-expanded")).toBe("false");
    expect(screen.queryByRole("list", { name: "Rows of contacts.csv" })).toBeNull();
  });

  it("offers a retry when the rows can't be loaded", async () => {
    invokeFunction.mockRejectedValueOnce(new Error("offline")).mockResolvedValueOnce({
      batch: { id: batchId, name: "contacts.csv" },
      entries: [],
      nextCursor: null,
    });
    renderList();
    await userEvent.click(screen.getByRole("button", { name: /Batch · contacts\.csv/ }));
    await userEvent.click(await screen.findByRole("button", { name: "Try again" }));
    expect(await screen.findByText("No row has been charged yet.")).toBeTruthy();
  });
});
