import { beforeEach, describe, expect, expectTypeOf, it, vi } from "vitest";
import type * as z from "zod/mini";
import type * as account from "@domain/contracts/account";
import type * as gallery from "@domain/contracts/gallery";
import type * as imageGeneration from "@domain/contracts/image-generation";
import { getAccount } from "@/data/account/get-account";
import { getCreditBalance } from "@/data/account/get-credit-balance";
import { getGalleryImage } from "@/data/gallery-images/get-gallery-image";
import { getGalleryImages } from "@/data/gallery-images/get-gallery-images";
import { getImageModels } from "@/data/image-models/get-image-models";
import type { FunctionCall } from "@/lib/function-client";

// The fetchers parse what they receive with the schema they hand to invokeFunction, as the real one does.
const invokeFunction = vi.hoisted(() => vi.fn());
vi.mock("@/lib/invoke-function", () => ({ invokeFunction }));

// Each contract gains a field its handler does not send yet: a fetcher parsing with the contract's
// schema keeps it, one parsing with its own copy would drop it (zod objects strip unknown keys).
vi.mock("@domain/contracts/gallery", async (importOriginal) => {
  const z = await import("zod/mini");
  const original = await importOriginal<typeof gallery>();
  const galleryImage = z.extend(original.galleryImage, { addedField: z.string() });
  return {
    ...original,
    page: z.extend(original.page, { items: z.array(galleryImage) }),
    detail: z.object({ image: z.extend(original.imageDetail, { addedField: z.string() }) }),
  };
});
vi.mock("@domain/contracts/account", async (importOriginal) => {
  const z = await import("zod/mini");
  const original = await importOriginal<typeof account>();
  return { ...original, accountOverview: z.extend(original.accountOverview, { addedField: z.string() }) };
});
vi.mock("@domain/contracts/image-generation", async (importOriginal) => {
  const z = await import("zod/mini");
  const original = await importOriginal<typeof imageGeneration>();
  const imageModel = z.extend(original.imageModel, { addedField: z.string() });
  return { ...original, modelsResponse: z.object({ models: z.array(imageModel) }) };
});

beforeEach(() => {
  invokeFunction.mockReset();
});

function answering(data: unknown) {
  invokeFunction.mockImplementation(async (call: FunctionCall<z.ZodMiniType>) => call.schema.parse(data));
}

const image = {
  id: "6b1c0d3e-0000-4000-8000-000000000001",
  prompt: "a fox",
  resolvedPrompt: "a fox",
  model: "local-render",
  provider: "local",
  feature: "ai-image",
  isFavorite: false,
  width: 256,
  height: 256,
  cost: 1,
  createdAt: "2026-11-23T10:00:00.000Z",
  thumbnailUrl: null,
  addedField: "from the contract",
};

describe("the shared fetchers answer with their function's contract", () => {
  it("types each answer as exactly what the contract's schema infers", () => {
    // Exact equality: a field added to (or dropped from) a contract changes the fetcher's type
    // with it, so a fetcher on a copy of the schema fails to compile the day the two differ.
    expectTypeOf(getGalleryImages).returns.resolves.toEqualTypeOf<z.infer<typeof gallery.page>>();
    expectTypeOf(getGalleryImage).returns.resolves.toEqualTypeOf<z.infer<typeof gallery.imageDetail>>();
    expectTypeOf(getAccount).returns.resolves.toEqualTypeOf<z.infer<typeof account.accountOverview>>();
    expectTypeOf(getImageModels).returns.resolves.toEqualTypeOf<
      z.infer<typeof imageGeneration.modelsResponse>["models"]
    >();
    // The check tells a copy missing one field apart from the contract.
    type DetailWithoutAlbums = Omit<z.infer<typeof gallery.imageDetail>, "albums">;
    // @ts-expect-error the fetcher's type has every field of the contract, albums included
    expectTypeOf(getGalleryImage).returns.resolves.toEqualTypeOf<DetailWithoutAlbums>();
  });

  it("keeps a field the contract added, which a copy of the schema would strip", async () => {
    answering({ items: [image], nextCursor: null });
    expect((await getGalleryImages({}, null)).items[0]).toMatchObject({ addedField: "from the contract" });

    answering({ image: { ...image, url: null, albums: [] } });
    expect(await getGalleryImage(image.id)).toMatchObject({ addedField: "from the contract" });

    answering({
      profile: { id: "user-1", email: "ada@example.com", role: "user", createdAt: "2026-01-01T00:00:00Z" },
      credits: { balance: 7 },
      ledger: { entries: [], nextCursor: null },
      addedField: "from the contract",
    });
    expect(await getAccount({ cursor: null })).toMatchObject({ addedField: "from the contract" });
    expect(await getCreditBalance()).toBe(7);
    // The balance alone is read through the whole overview's contract: an answer without the
    // field the contract now requires is refused there as well.
    answering({
      profile: { id: "user-1", email: "ada@example.com", role: "user", createdAt: "2026-01-01T00:00:00Z" },
      credits: { balance: 7 },
      ledger: { entries: [], nextCursor: null },
    });
    await expect(getCreditBalance()).rejects.toThrow(/addedField/);

    answering({
      models: [
        {
          id: "local-render",
          label: "Offline render",
          provider: "local",
          available: true,
          retired: false,
          aliases: [],
          supportsReferenceImage: false,
          settings: {},
          addedField: "from the contract",
        },
      ],
    });
    expect((await getImageModels())[0]).toMatchObject({ addedField: "from the contract" });
  });
});
