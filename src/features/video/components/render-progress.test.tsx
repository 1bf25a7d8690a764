import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { RenderProgress } from "@/features/video/components/render-progress";

describe("RenderProgress", () => {
  it("holds its highest value when a later poll reports less, and says which render it is", () => {
    const { rerender } = render(
      <RenderProgress kind="preview" label="Rendering the preview" progress={100} estimatedTime={4} />,
    );
    rerender(<RenderProgress kind="preview" label="Rendering the preview" progress={0} estimatedTime={4} />);

    expect(screen.getByRole("progressbar", { name: "Rendering the preview" }).getAttribute("aria-valuenow"))
      .toBe("100");
    expect(screen.getByText("Step 1 of 2: watermarked preview")).toBeTruthy();
  });
});
