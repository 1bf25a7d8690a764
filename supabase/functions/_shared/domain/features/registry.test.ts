import assert from "node:assert/strict";
import { findImageModel, validateImageSettings } from "../../providers/catalog.ts";
import { findTokens } from "../personalization-tokens.ts";
import { defaultInputs } from "./feature-definition.ts";
import { applyPromptTemplate, features, findFeature, isKnownFeature } from "./registry.ts";

Deno.test("the registry holds the four seed features and at least twelve more, each slug once", () => {
  const slugs = features.map((feature) => feature.slug);
  assert.ok(features.length >= 16, `${features.length} features`);
  assert.equal(new Set(slugs).size, slugs.length);
  for (const seed of ["action-figure", "ghibli-image", "cartoon-style", "meme-generator"]) {
    assert.ok(findFeature(seed), seed);
  }
  for (const slug of slugs) assert.match(slug, /^[a-z][a-z0-9-]{0,39}$/);
  assert.ok(isKnownFeature("ai-image"));
  assert.equal(isKnownFeature("dragon-style"), false);
});

Deno.test("every row's template takes the prompt, and its default model and settings are the catalog's", () => {
  for (const feature of features) {
    assert.ok(feature.promptTemplate.includes("{{prompt}}"), feature.slug);
    const model = findImageModel(feature.defaultModel);
    assert.ok(model, `${feature.slug}: ${feature.defaultModel} is in the catalog`);
    assert.ok(
      feature.providers.includes(model.provider),
      `${feature.slug} is served by its default model's provider`,
    );
    assert.ok(feature.providers.includes("local"), `${feature.slug} runs offline`);
    validateImageSettings(model, feature.defaultSettings);
    assert.ok(feature.credits >= 0);
  }
});

Deno.test("each row's inputs accept its defaults and refuse unknown fields and unknown choices", () => {
  for (const feature of features) {
    assert.ok(feature.inputs.safeParse(defaultInputs(feature)).success, feature.slug);
    assert.equal(feature.inputs.safeParse({ notAField: "x" }).success, false, feature.slug);
    for (const field of feature.fields) {
      if (field.kind !== "choice") continue;
      assert.equal(feature.inputs.safeParse({ [field.name]: "not-an-option" }).success, false, field.name);
    }
  }
});

Deno.test("the template fills the prompt and the choice's label, and leaves tokens to the pipeline", () => {
  const ghibli = findFeature("ghibli-image")!;
  const season = ghibli.fields.find((field) => field.name === "season");
  assert.ok(season && season.kind === "choice");
  const winter = season.options.find((option) => option.value === "winter")!;
  const prompt = applyPromptTemplate(ghibli, "[FIRSTNAME|A traveller] on a hill", { season: "winter" });
  assert.ok(prompt.startsWith("[FIRSTNAME|A traveller] on a hill"), prompt);
  assert.ok(prompt.includes(winter.label), prompt);
  assert.equal(prompt.includes("{{"), false, prompt);
  assert.deepEqual(findTokens(prompt).map((token) => token.name), ["FIRSTNAME"]);
});
