import assert from "node:assert/strict";
import { videoResolutions } from "../domain/video-options.ts";
import { videoCurrency, videoPrice, videoPriceCents } from "./video-prices.ts";

Deno.test("a video costs the $1.00 base at 480p and 720p, more at 1080p, in US dollars", () => {
  assert.deepEqual(videoPrice("480p"), { amountCents: 100, currency: "usd" });
  assert.deepEqual(videoPrice("720p"), { amountCents: 100, currency: "usd" });
  assert.deepEqual(videoPrice("1080p"), { amountCents: 150, currency: "usd" });
});

Deno.test("every resolution has a price Stripe accepts, and both lookups agree", () => {
  for (const resolution of videoResolutions) {
    const price = videoPrice(resolution);
    assert.ok(
      Number.isInteger(price.amountCents) && price.amountCents >= 50,
      `${resolution}: ${price.amountCents}`,
    );
    assert.equal(price.amountCents, videoPriceCents(resolution));
    assert.equal(price.currency, videoCurrency);
  }
});

Deno.test("a resolution outside the table has no price rather than a made-up one", () => {
  assert.throws(() => videoPrice("4k" as never), /no price for video resolution "4k"/);
});
