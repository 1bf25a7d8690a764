import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { ErrorBoundary } from "@/app/error-boundary";

let shouldThrow = true;
function Fragile() {
  if (shouldThrow) throw new Error("The widget broke");
  return <p>Widget works</p>;
}

describe("ErrorBoundary", () => {
  it("shows what broke with a way to try again, and recovers", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const user = userEvent.setup();
    shouldThrow = true;
    render(
      <ErrorBoundary>
        <Fragile />
      </ErrorBoundary>,
    );

    expect(screen.getByRole("alert").textContent).toMatch(/Something went wrong/);
    expect(screen.getByText("The widget broke")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Reload Personify" })).toBeTruthy();

    shouldThrow = false;
    await user.click(screen.getByRole("button", { name: "Try again" }));
    expect(screen.getByText("Widget works")).toBeTruthy();
  });

  it("renders a custom fallback", () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    shouldThrow = true;
    render(
      <ErrorBoundary fallback={(error) => <p>{`Page failed: ${error.message}`}</p>}>
        <Fragile />
      </ErrorBoundary>,
    );
    expect(screen.getByText("Page failed: The widget broke")).toBeTruthy();
  });
});
