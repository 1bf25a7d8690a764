import assert from "node:assert/strict";
import { createLocalVisionOrganiser } from "../providers/vision/local-vision.ts";
import { withoutTokens } from "./title-prompt.ts";

Deno.test("tokens and their fallbacks are taken out of a prompt, possessives with them", () => {
  assert.equal(withoutTokens("[FIRSTNAME]'s dog on the beach"), "dog on the beach");
  assert.equal(withoutTokens("Portrait of [name|Ada] at [COMPANY|Acme Corp] HQ"), "Portrait of at HQ");
  assert.equal(withoutTokens("Boats at sunset"), "Boats at sunset");
});

Deno.test("a title made from token-stripped templates never holds a token value", async () => {
  const templates = [
    "[FIRSTNAME] [LASTNAME|Smith] sailing at sunset for [COMPANY|Globex]",
    "[FIRSTNAME]'s boat at sunset",
    "[COMPANY|Globex] team portrait in the studio",
    "[firstname|Zebedee] portrait in the studio",
  ];
  const { albums } = await createLocalVisionOrganiser().organiseIntoAlbums(
    templates.map((prompt, index) => ({
      id: `image-${index}`,
      prompt: withoutTokens(prompt),
      thumbnail: null,
    })),
  );
  for (const album of albums) {
    assert.doesNotMatch(`${album.title} ${album.description}`, /smith|globex|zebedee|firstname|company|\[/i);
  }
});
