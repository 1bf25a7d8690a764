import clsx from "clsx";
import { type KeyboardEvent, type ReactNode, useEffect, useId, useRef, useState } from "react";

/**
 * A button that opens a menu, with the keyboard behaviour of the WAI-ARIA menu button pattern:
 * arrows and Home/End move between items, Escape and Tab close, focus returns to the button.
 * `children` gets `close` so an item can shut the menu after it acts.
 */
export function DropdownMenu({
  label,
  buttonContent,
  buttonClassName,
  align = "end",
  children,
}: {
  /** What the button is for, for screen readers ("Account menu"). */
  label: string;
  buttonContent: ReactNode;
  buttonClassName?: string;
  align?: "start" | "end";
  children: (close: (returnFocus?: boolean) => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const containerRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const focusOnOpen = useRef<"first" | "last">("first");

  const items = () => menuItemsIn(menuRef.current);

  // Focus goes back to the button after the menu closes, unless the item moved it on purpose.
  const [returnFocusOnClose, setReturnFocusOnClose] = useState(true);
  const close = (returnFocus = true) => {
    setReturnFocusOnClose(returnFocus);
    setOpen(false);
  };

  const wasOpen = useRef(false);
  useEffect(() => {
    if (!open) {
      if (wasOpen.current && returnFocusOnClose) buttonRef.current?.focus();
      wasOpen.current = false;
      return;
    }
    wasOpen.current = true;
    const list = menuItemsIn(menuRef.current);
    (focusOnOpen.current === "first" ? list[0] : list.at(-1))?.focus();
    const onPointerDown = (event: PointerEvent) => {
      if (!containerRef.current?.contains(event.target as Node)) close(false);
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [open, returnFocusOnClose]);

  const onButtonKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      focusOnOpen.current = event.key === "ArrowDown" ? "first" : "last";
      setOpen(true);
    }
  };

  const onMenuKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const list = items();
    const current = list.indexOf(document.activeElement as HTMLElement);
    const focusAt = (index: number) => list[(index + list.length) % list.length]?.focus();
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        focusAt(current + 1);
        break;
      case "ArrowUp":
        event.preventDefault();
        focusAt(current - 1);
        break;
      case "Home":
        event.preventDefault();
        focusAt(0);
        break;
      case "End":
        event.preventDefault();
        focusAt(list.length - 1);
        break;
      case "Escape":
        event.preventDefault();
        close();
        break;
      case "Tab":
        close(false);
        break;
    }
  };

  return (
    <div ref={containerRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => {
          focusOnOpen.current = "first";
          if (open) close();
          else setOpen(true);
        }}
        onKeyDown={onButtonKeyDown}
        className={buttonClassName}
      >
        {/* Named by text, not aria-label, so visible content (initials) never contradicts the name. */}
        <span className="sr-only">{label}</span>
        {buttonContent}
      </button>
      {open
        ? (
          <div
            ref={menuRef}
            id={menuId}
            role="menu"
            aria-label={label}
            onKeyDown={onMenuKeyDown}
            className={clsx(
              "absolute top-full z-50 mt-2 min-w-56 origin-top rounded-2xl border border-line bg-surface-raised p-1.5 shadow-xl shadow-black/10",
              align === "end" ? "right-0" : "left-0",
            )}
          >
            {children(close)}
          </div>
        )
        : null}
    </div>
  );
}

function menuItemsIn(menu: HTMLElement | null): HTMLElement[] {
  return Array.from(menu?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? []);
}

export const menuItemClasses = clsx(
  "flex w-full items-center gap-3 rounded-xl px-3 py-2.5 text-left text-sm font-medium text-ink",
  "hover:bg-sunken focus:bg-sunken focus:outline-none focus-visible:outline-none",
);
