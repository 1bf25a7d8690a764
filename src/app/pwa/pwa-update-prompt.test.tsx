import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { domAnimation, LazyMotion } from "framer-motion";
import { describe, expect, it, vi } from "vitest";
import { PWAUpdatePrompt } from "@/app/pwa/pwa-update-prompt";

const registration = vi.hoisted(() => ({
  needRefresh: false,
  setNeedRefresh: vi.fn(),
  updateServiceWorker: vi.fn(() => Promise.resolve()),
}));
vi.mock("virtual:pwa-register/react", () => ({
  useRegisterSW: () => ({
    needRefresh: [registration.needRefresh, registration.setNeedRefresh],
    offlineReady: [false, vi.fn()],
    updateServiceWorker: registration.updateServiceWorker,
  }),
}));

const renderPrompt = () =>
  render(
    <LazyMotion features={domAnimation}>
      <PWAUpdatePrompt />
    </LazyMotion>,
  );

describe("PWAUpdatePrompt", () => {
  it("says nothing while no new version is waiting", () => {
    registration.needRefresh = false;
    renderPrompt();
    expect(screen.queryByText("A new version of Personify is ready.")).toBeNull();
  });

  it("offers the waiting version, and reloads into it on request", async () => {
    registration.needRefresh = true;
    const user = userEvent.setup();
    renderPrompt();

    expect(screen.getByText("A new version of Personify is ready.")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Reload" }));
    expect(registration.updateServiceWorker).toHaveBeenCalledWith(true);

    await user.click(screen.getByRole("button", { name: "Later" }));
    expect(registration.setNeedRefresh).toHaveBeenCalledWith(false);
  });
});
