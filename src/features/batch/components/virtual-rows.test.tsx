import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { VirtualRows } from "@/features/batch/components/virtual-rows";

function renderRows(onRangeChange = vi.fn()) {
  render(
    <VirtualRows
      count={10_000}
      rowHeight={50}
      height={500}
      label="Rows"
      header={<div role="rowgroup" />}
      renderRow={(index) => <span role="cell">Row {index + 1}</span>}
      onRangeChange={onRangeChange}
    />,
  );
  return onRangeChange;
}

describe("VirtualRows", () => {
  it("mounts only a screenful of rows plus the overscan, with their true positions", () => {
    renderRows();
    const cells = screen.getAllByRole("cell");
    expect(cells).toHaveLength(10 + 4);
    expect(cells[0]?.textContent).toBe("Row 1");
    expect(screen.getByRole("table", { name: "Rows" }).getAttribute("aria-rowcount")).toBe("10001");
    expect(screen.queryByText("Row 100")).toBeNull();
  });

  it("swaps rows in as it scrolls and reports the last visible one", () => {
    const onRangeChange = renderRows();
    const table = screen.getByRole("table", { name: "Rows" });
    table.scrollTop = 5_000;
    fireEvent.scroll(table);
    expect(screen.queryByText("Row 1")).toBeNull();
    const row = screen.getByText("Row 101").closest<HTMLElement>('[role="row"]');
    expect(row?.getAttribute("aria-rowindex")).toBe("102");
    expect(row?.style.top).toBe("5000px");
    expect(onRangeChange).toHaveBeenLastCalledWith(109);
    expect(screen.getAllByRole("cell").length).toBeLessThanOrEqual(10 + 8);
  });

  it("is focusable so the keyboard can scroll it", () => {
    renderRows();
    expect(screen.getByRole("table", { name: "Rows" }).tabIndex).toBe(0);
  });
});
