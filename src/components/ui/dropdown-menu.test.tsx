import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { DropdownMenu, menuItemClasses } from "@/components/ui/dropdown-menu";

function renderMenu(onChoose = vi.fn()) {
  render(
    <>
      <DropdownMenu label="Account menu" buttonContent={<span aria-hidden="true">AL</span>}>
        {(close) =>
          ["Profile", "Billing", "Sign out"].map((item) => (
            <button
              key={item}
              type="button"
              role="menuitem"
              tabIndex={-1}
              className={menuItemClasses}
              onClick={() => {
                onChoose(item);
                close();
              }}
            >
              {item}
            </button>
          ))}
      </DropdownMenu>
      <button type="button">Outside</button>
    </>,
  );
  return onChoose;
}

describe("DropdownMenu", () => {
  it("opens from the keyboard, moves with arrows, acts on Enter and returns focus", async () => {
    const user = userEvent.setup();
    const onChoose = renderMenu();
    const button = screen.getByRole("button", { name: "Account menu" });

    button.focus();
    await user.keyboard("{ArrowDown}");
    expect(button.getAttribute("aria-expanded")).toBe("true");
    expect(document.activeElement?.textContent).toBe("Profile");

    await user.keyboard("{ArrowDown}{ArrowDown}");
    expect(document.activeElement?.textContent).toBe("Sign out");
    await user.keyboard("{ArrowDown}");
    expect(document.activeElement?.textContent).toBe("Profile");
    await user.keyboard("{End}{Enter}");

    expect(onChoose).toHaveBeenCalledWith("Sign out");
    expect(screen.queryByRole("menu")).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it("opens at the last item with ArrowUp and closes on Escape", async () => {
    const user = userEvent.setup();
    renderMenu();
    const button = screen.getByRole("button", { name: "Account menu" });

    button.focus();
    await user.keyboard("{ArrowUp}");
    expect(document.activeElement?.textContent).toBe("Sign out");
    await user.keyboard("{Escape}");

    expect(screen.queryByRole("menu")).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it("closes when the pointer goes down outside it", async () => {
    const user = userEvent.setup();
    renderMenu();

    await user.click(screen.getByRole("button", { name: "Account menu" }));
    expect(screen.getByRole("menu", { name: "Account menu" })).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Outside" }));

    expect(screen.queryByRole("menu")).toBeNull();
  });
});
