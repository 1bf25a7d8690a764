import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { domAnimation, LazyMotion } from "framer-motion";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { captureInstallPrompt } from "@/app/pwa/install-prompt-store";
import { PWAInstallPrompt } from "@/app/pwa/pwa-install-prompt";

/** Chromium's install offer, as far as the app uses it. */
function offerInstall(outcome: "accepted" | "dismissed" = "accepted") {
  const event = Object.assign(new Event("beforeinstallprompt", { cancelable: true }), {
    prompt: vi.fn(() => Promise.resolve()),
    userChoice: Promise.resolve({ outcome }),
  });
  act(() => {
    window.dispatchEvent(event);
  });
  return event;
}

const renderPrompt = () =>
  render(
    <LazyMotion features={domAnimation}>
      <PWAInstallPrompt delayMs={0} />
    </LazyMotion>,
  );

describe("PWAInstallPrompt", () => {
  beforeAll(() => captureInstallPrompt());

  it("stays hidden until the browser offers installing", () => {
    renderPrompt();
    expect(screen.queryByRole("complementary", { name: "Install Personify" })).toBeNull();
  });

  it("offers installing, and opens the browser's dialog on Install", async () => {
    const user = userEvent.setup();
    renderPrompt();
    const event = offerInstall();

    expect(event.defaultPrevented).toBe(true);
    await user.click(await screen.findByRole("button", { name: "Install" }));

    expect(event.prompt).toHaveBeenCalledOnce();
    await vi.waitFor(() => expect(screen.queryByRole("button", { name: "Install" })).toBeNull());
  });

  it("goes away on Not now and stays away on the next visit", async () => {
    const user = userEvent.setup();
    const { unmount } = renderPrompt();
    offerInstall();

    await user.click(await screen.findByRole("button", { name: "Not now" }));
    await vi.waitFor(() => expect(screen.queryByRole("button", { name: "Install" })).toBeNull());
    unmount();

    renderPrompt();
    offerInstall();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.queryByRole("button", { name: "Install" })).toBeNull();
  });
});
