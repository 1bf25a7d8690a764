import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { VideoState } from "@domain/contracts/image-to-video";
import VideoPage from "@/features/video/video-page";
import { ValidationError } from "@/lib/function-errors";
import { renderWithProviders, testSession } from "@/testing/render";
import { type FunctionCall, type FunctionRoutes, serveFunctions } from "@/testing/serve-functions";

const invokeFunction = vi.hoisted(() => vi.fn());
const showErrorToast = vi.hoisted(() => vi.fn());
vi.mock("@/lib/invoke-function", () => ({ invokeFunction }));
vi.mock("@/lib/error-toast", () => ({ showErrorToast }));

const imageId = "6b1c0d3e-0000-4000-8000-000000000001";
const videoId = "9a7e0c11-0000-4000-8000-000000000002";

function videoState(overrides: Partial<VideoState> = {}): VideoState {
  return {
    status: "processing",
    progress: 40,
    estimatedTime: 5,
    videoUrl: null,
    previewUrl: null,
    paymentRequired: true,
    paymentStatus: "unpaid",
    paymentAmount: 100,
    currency: "usd",
    effect: "ken-burns",
    duration: 3,
    resolution: "720p",
    createdAt: "2026-11-23T10:00:00.000Z",
    error: null,
    ...overrides,
  };
}

const serve = (routes: FunctionRoutes) => serveFunctions(invokeFunction, routes);

const sourceImage = {
  "GET image-to-video": () => ({ videos: [] }),
  [`GET gallery/${imageId}`]: () => ({
    image: {
      id: imageId,
      resolvedPrompt: "A lighthouse at dawn",
      width: 1024,
      height: 768,
      thumbnailUrl: "https://storage/thumb.webp",
      url: "https://storage/original.png",
    },
  }),
};

/** The bodies sent to one route, in order. */
function callsTo(key: string): unknown[] {
  return invokeFunction.mock.calls
    .map((args) => args[0] as FunctionCall)
    .filter((call) => `${call.method ?? "POST"} ${call.name}` === key)
    .map((call) => call.body);
}

beforeEach(() => {
  invokeFunction.mockReset();
  showErrorToast.mockReset();
});

describe("VideoPage", () => {
  it("makes a preview, polls it to the end, takes a test payment and only then offers the download", async () => {
    const states = [
      videoState(),
      videoState({
        status: "preview_ready",
        progress: 100,
        estimatedTime: 0,
        previewUrl: "https://storage/preview.mp4",
      }),
    ];
    let paid = false;
    serve({
      ...sourceImage,
      "POST image-to-video": () => ({ videoId, status: "processing", estimatedTime: 2 }),
      [`GET image-to-video/${videoId}/status`]: () =>
        paid
          ? videoState({
            status: "completed",
            progress: 100,
            previewUrl: "https://storage/preview.mp4",
            videoUrl: "https://storage/full.mp4",
            paymentRequired: false,
            paymentStatus: "paid",
          })
          : (states.length > 1 ? states.shift() : states[0]),
      "POST create-payment-intent": () => ({
        paymentIntentId: "pi_test_1",
        clientSecret: "pi_test_1_secret_x",
        amount: 100,
        currency: "usd",
        testMode: true,
        publishableKeyRequired: false,
      }),
      "POST create-payment-intent/test-confirm": () => {
        paid = true;
        return { status: "succeeded" };
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<VideoPage />, {
      route: `/features/image-to-video?imageId=${imageId}`,
      session: testSession(),
    });

    expect((await screen.findByTestId("source-image-prompt")).textContent).toBe("A lighthouse at dawn");
    expect(screen.getByRole("img", { name: "A lighthouse at dawn" }).getAttribute("src")).toBe(
      "https://storage/thumb.webp",
    );
    await user.click(screen.getByRole("radio", { name: "Pan left" }));
    fireEvent.change(screen.getByRole("slider", { name: "Duration" }), { target: { value: "3" } });
    expect(screen.getByRole("slider", { name: "Duration" }).getAttribute("aria-valuetext")).toBe("3 seconds");
    await user.click(screen.getByRole("radio", { name: /^1080p/ }));
    await user.click(screen.getByRole("radio", { name: /Fit with bars/ }));
    await user.click(screen.getByRole("checkbox", { name: /Add a music bed/ }));
    await user.click(screen.getByRole("button", { name: "Make the preview" }));

    await waitFor(() => expect(callsTo("POST image-to-video")).toHaveLength(1));
    expect(callsTo("POST image-to-video")[0]).toEqual({
      imageId,
      effect: "pan-left",
      duration: 3,
      resolution: "1080p",
      fit: "pad",
      includeAudio: true,
    });
    await waitFor(() =>
      expect(screen.getByTestId("location").textContent).toBe(
        `/features/image-to-video?imageId=${imageId}&video=${videoId}`,
      )
    );

    // On a phone the video sits below the form: it takes the focus, so it is where the person is.
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole("heading", { name: "Your video" }))
    );
    const bar = await screen.findByRole("progressbar", { name: "Rendering the preview" });
    expect(bar.getAttribute("aria-valuenow")).toBe("40");
    expect(bar.getAttribute("aria-valuetext")).toBe("40%, about 3 s left");

    const preview = await screen.findByTestId("preview-video", {}, { timeout: 3000 });
    expect(preview.getAttribute("src")).toBe("https://storage/preview.mp4");
    expect(preview.hasAttribute("controls")).toBe(true);
    expect(screen.getByTestId("video-price").textContent).toBe("$1.00");
    expect(screen.queryByRole("button", { name: /Download/ })).toBeNull();

    // A ready preview waiting for its payment is not polled.
    const polls = callsTo(`GET image-to-video/${videoId}/status`).length;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(callsTo(`GET image-to-video/${videoId}/status`)).toHaveLength(polls);

    await user.click(screen.getByRole("button", { name: "Pay $1.00" }));
    const testPayment = await screen.findByRole("region", { name: "Test payment" });
    expect(testPayment.textContent).toContain("Test payment — no card is charged");
    expect(callsTo("POST create-payment-intent")[0]).toEqual({ videoId });
    await user.click(within(testPayment).getByRole("button", { name: "Complete test payment" }));
    expect(callsTo("POST create-payment-intent/test-confirm")[0]).toEqual({ paymentIntentId: "pi_test_1" });

    const full = await screen.findByTestId("full-video");
    expect(full.getAttribute("src")).toBe("https://storage/full.mp4");
    expect(screen.getByRole("button", { name: "Download video" })).toBeTruthy();
    expect(showErrorToast).not.toHaveBeenCalled();
  });

  it("turns AI motion off with the server's reason when no provider can run it, keeping the form as it was", async () => {
    serve({
      ...sourceImage,
      "POST image-to-video": () => {
        // What the function answers when GOOGLE_AI_API_KEY is not set.
        throw new ValidationError(
          "image-to-video",
          400,
          "VALIDATION_ERROR",
          "No AI video provider is configured.",
          {
            field: "effect",
            reason: "PROVIDER_NOT_CONFIGURED",
          },
        );
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<VideoPage />, {
      route: `/features/image-to-video?imageId=${imageId}`,
      session: testSession(),
    });
    await screen.findByTestId("source-image-prompt");
    await user.click(screen.getByRole("radio", { name: /AI motion/ }));
    fireEvent.change(screen.getByRole("slider", { name: "Duration" }), { target: { value: "7" } });
    await user.click(screen.getByRole("button", { name: "Make the preview" }));

    expect((await screen.findByTestId("ai-motion-unavailable")).textContent).toBe(
      "AI motion is unavailable: No AI video provider is configured.",
    );
    expect(showErrorToast).toHaveBeenCalledTimes(1);
    expect((screen.getByRole("slider", { name: "Duration" }) as HTMLInputElement).value).toBe("7");
    expect((screen.getByRole("radio", { name: /AI motion/ }) as HTMLInputElement).checked).toBe(true);

    // Asking again is refused here, without another request.
    await user.click(screen.getByRole("button", { name: "Make the preview" }));
    expect(await screen.findByText("AI motion isn't available right now. Choose another effect."))
      .toBeTruthy();
    expect(callsTo("POST image-to-video")).toHaveLength(1);

    await user.click(screen.getByRole("radio", { name: "Zoom in" }));
    expect((screen.getByRole("radio", { name: /AI motion/ }) as HTMLInputElement).disabled).toBe(true);
  });

  it("searches the whole gallery for the image, not just the recent ones", async () => {
    const queries: unknown[] = [];
    serve({
      ...sourceImage,
      "GET gallery": (call) => {
        const query = (call as FunctionCall).query as { q?: string } | undefined;
        queries.push(query?.q);
        if (!query?.q) return { items: [], nextCursor: null };
        return {
          items: query.q === "lighthouse"
            ? [{
              id: imageId,
              resolvedPrompt: "A lighthouse at dawn",
              width: 1024,
              height: 768,
              thumbnailUrl: null,
            }]
            : [],
          nextCursor: null,
        };
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<VideoPage />, { route: "/features/image-to-video", session: testSession() });

    await user.type(await screen.findByRole("searchbox", { name: "Search your images" }), "lighthouse");
    const results = await screen.findByRole("list", { name: "Images matching “lighthouse”" });
    // One request for the whole word, not one per key.
    expect(queries.filter((q) => q !== undefined)).toEqual(["lighthouse"]);
    await user.click(within(results).getByRole("button", { name: "Use the image “A lighthouse at dawn”" }));
    await waitFor(() =>
      expect(screen.getByTestId("location").textContent).toBe(`/features/image-to-video?imageId=${imageId}`)
    );

    await user.click(await screen.findByRole("button", { name: "Choose another image" }));
    await user.type(await screen.findByRole("searchbox", { name: "Search your images" }), "zebra");
    expect((await screen.findByText(/No images match “zebra”/)).getAttribute("role")).toBe("status");
  });

  it("asks for an image when none is chosen, offers recent ones, and lists past videos with their status", async () => {
    serve({
      ...sourceImage,
      "GET gallery": () => ({
        items: [{
          id: imageId,
          resolvedPrompt: "A lighthouse at dawn",
          width: 1024,
          height: 768,
          thumbnailUrl: null,
        }],
        nextCursor: null,
      }),
      "GET image-to-video": () => ({
        videos: [
          {
            ...videoState({ status: "completed", paymentStatus: "paid" }),
            id: videoId,
            imageId,
            thumbnailUrl: null,
          },
          {
            ...videoState({ status: "preview_ready", paymentStatus: "pending" }),
            id: "v2",
            imageId,
            thumbnailUrl: null,
          },
        ],
      }),
    });
    const user = userEvent.setup();
    renderWithProviders(<VideoPage />, { route: "/features/image-to-video", session: testSession() });

    const past = await screen.findByRole("list", { name: "Past videos" });
    const rows = within(past).getAllByRole("link");
    expect(rows.map((row) => row.textContent)).toEqual([
      expect.stringMatching(/Ken Burns · 3 s · 720p.*Completed$/),
      expect.stringMatching(/Ken Burns · 3 s · 720p.*Paying$/),
    ]);

    await user.click(screen.getByRole("button", { name: "Make the preview" }));
    expect(await screen.findByText("Choose an image to animate.")).toBeTruthy();
    expect(callsTo("POST image-to-video")).toHaveLength(0);

    await user.click(await screen.findByRole("button", { name: "Use the image “A lighthouse at dawn”" }));
    await waitFor(() =>
      expect(screen.getByTestId("location").textContent).toBe(`/features/image-to-video?imageId=${imageId}`)
    );
    expect((await screen.findByTestId("source-image-prompt")).textContent).toBe("A lighthouse at dawn");
  });

  it("offers to finish a payment that was started and left, after a reload", async () => {
    serve({
      ...sourceImage,
      [`GET image-to-video/${videoId}/status`]: () =>
        videoState({
          status: "preview_ready",
          progress: 100,
          previewUrl: "https://storage/preview.mp4",
          paymentStatus: "pending",
        }),
    });
    renderWithProviders(<VideoPage />, {
      route: `/features/image-to-video?video=${videoId}`,
      session: testSession(),
    });
    expect(await screen.findByRole("button", { name: "Pay $1.00" })).toBeTruthy();
    expect(within(screen.getByTestId("open-video")).getByRole("status").textContent).toBe("Paying");
    expect(screen.queryByText(/Waiting for it to settle/)).toBeNull();
  });

  it("says when the last payment failed and lets the person pay again", async () => {
    serve({
      ...sourceImage,
      [`GET image-to-video/${videoId}/status`]: () =>
        videoState({
          status: "preview_ready",
          progress: 100,
          previewUrl: "https://storage/preview.mp4",
          paymentStatus: "failed",
        }),
    });
    renderWithProviders(<VideoPage />, {
      route: `/features/image-to-video?video=${videoId}`,
      session: testSession(),
    });
    expect((await screen.findByRole("alert")).textContent).toContain("The last payment didn't go through");
    expect(screen.getByRole("button", { name: "Pay $1.00" })).toBeTruthy();
  });

  it("shows a paid video whose full render failed as Refunded, with the server's words and nothing to pay", async () => {
    const refundedLine = "The full video could not be rendered, so your payment of $1.00 was refunded.";
    serve({
      ...sourceImage,
      [`GET image-to-video/${videoId}/status`]: () =>
        videoState({
          status: "failed",
          progress: 0,
          previewUrl: "https://storage/preview.mp4",
          paymentStatus: "refunded",
          error: refundedLine,
        }),
    });
    renderWithProviders(<VideoPage />, {
      route: `/features/image-to-video?video=${videoId}`,
      session: testSession(),
    });
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("your payment was refunded");
    expect(alert.textContent).toContain(refundedLine);
    const openVideo = screen.getByTestId("open-video");
    expect(within(openVideo).getByRole("status").textContent).toBe("Refunded");
    expect(within(openVideo).getAllByText("Refunded").length).toBeGreaterThan(0);
    expect(screen.queryByRole("button", { name: /Pay/ })).toBeNull();
  });
});
