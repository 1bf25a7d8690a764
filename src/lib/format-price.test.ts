import { describe, expect, it } from "vitest";
import { formatPrice } from "@/lib/format-price";

describe("formatPrice", () => {
  it("turns Stripe's minor units into the currency's major unit", () => {
    expect(formatPrice(100, "usd", "en-US")).toBe("$1.00");
    expect(formatPrice(150, "usd", "en-US")).toBe("$1.50");
    expect(formatPrice(1999, "USD", "en-US")).toBe("$19.99");
  });

  it("follows the currency's own number of decimals", () => {
    expect(formatPrice(500, "jpy", "en-US")).toBe("¥500");
    // German puts a no-break space between the amount and the sign.
    expect(formatPrice(1234, "eur", "de-DE")).toBe("12,34\u00a0€");
  });
});
