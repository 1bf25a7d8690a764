import assert from "node:assert/strict";
import { checkTokensKept } from "../domain/prompt-tools/token-rule.ts";
import { createTextGenerator } from "./text-generator.ts";
import { structurePrompt } from "./local-text.ts";

Deno.test("the offline helper sorts a prompt into subject, style, lighting and composition", () => {
  const structure = structurePrompt(
    "[FIRSTNAME|A chef] at [COMPANY], watercolour painting, golden hour light, close-up",
    "ai-image",
  );
  assert.equal(structure.subject, "[FIRSTNAME|A chef] at [COMPANY]");
  assert.match(structure.style, /watercolour/);
  assert.match(structure.lighting, /golden hour/);
  assert.match(structure.composition, /close-up/);
  assert.deepEqual(structure.given.sort(), ["composition", "lighting", "style", "subject"]);
});

Deno.test("a feature's own style fills the gap when the prompt names none", () => {
  const structure = structurePrompt("a lighthouse on a cliff", "ghibli-image");
  assert.match(structure.style, /Ghibli/);
  assert.deepEqual(structure.given, ["subject"]);
});

Deno.test("the offline polish streams in chunks, keeps every token and gives the same answer twice", async () => {
  const generator = createTextGenerator({
    env: (name) => (name === "LOCAL_TEXT_CHUNK_DELAY_MS" ? "0" : undefined),
  });
  const prompt = "[FIRSTNAME|Sam] from [COMPANY] on a beach, neon";
  const input = {
    task: { kind: "polish", feature: "ai-image", prompt } as const,
    instructions: "",
    messages: [{ role: "user" as const, content: prompt }],
  };
  const plan = generator.plan({ maxOutputTokens: 300 });
  assert.equal(plan.model.id, "local-text");
  let chunks = 0;
  let text = "";
  for await (const event of generator.stream(plan, input)) {
    if (event.type === "delta") {
      chunks++;
      text += event.text;
    }
  }
  assert.ok(chunks > 3, `${chunks} chunks`);
  assert.ok(checkTokensKept(prompt, text).ok, text);
  assert.equal((await generator.complete(plan, input)).text, text);
});
