import assert from "node:assert/strict";
import { checkTokensKept, findBrokenToken } from "./token-rule.ts";

const original = "Portrait of [FIRSTNAME|Sam] from [COMPANY], holding a [COMPANY] mug";

Deno.test("a rewrite keeping every token exactly, in order, passes", () => {
  const result = checkTokensKept(
    original,
    "A warm studio portrait of [FIRSTNAME|Sam] of [COMPANY], soft light, a [COMPANY] mug in hand",
  );
  assert.deepEqual(result, { ok: true, tokens: ["[FIRSTNAME|Sam]", "[COMPANY]", "[COMPANY]"] });
});

Deno.test("a lost token, a changed fallback or an invented token is refused with the reason", () => {
  const lost = checkTokensKept(original, "Portrait of [FIRSTNAME|Sam] holding a [COMPANY] mug");
  assert.equal(lost.ok, false);
  assert.ok(
    !lost.ok && lost.lost.includes("[COMPANY]") && /lost \[COMPANY\]/.test(lost.reason),
    JSON.stringify(lost),
  );

  const changedFallback = checkTokensKept(
    original,
    "Portrait of [FIRSTNAME|Alex] from [COMPANY], a [COMPANY] mug",
  );
  assert.ok(!changedFallback.ok);
  assert.deepEqual(changedFallback.lost, ["[FIRSTNAME|Sam]"]);
  assert.deepEqual(changedFallback.invented, ["[FIRSTNAME|Alex]"]);

  const invented = checkTokensKept(original, `${original} in [CITY]`);
  assert.ok(
    !invented.ok && invented.invented.includes("[CITY]") && /invented \[CITY\]/.test(invented.reason),
  );
});

Deno.test("the same tokens in another order, or a broken bracket, are refused", () => {
  const reordered = checkTokensKept("[FIRSTNAME] at [COMPANY]", "[COMPANY] welcomes [FIRSTNAME]");
  assert.ok(!reordered.ok && reordered.reordered, JSON.stringify(reordered));
  assert.match(reordered.reason, /order/);

  const broken = checkTokensKept("[FIRSTNAME] smiling", "[FIRSTNAME] smiling at [COMPANY");
  assert.ok(!broken.ok && /broken token/.test(broken.reason), JSON.stringify(broken));
});

Deno.test("a broken token is found where it starts; well-formed tokens are not broken", () => {
  assert.equal(findBrokenToken("Hello [FIRSTNAME|friend] and [COMPANY]"), undefined);
  assert.deepEqual(findBrokenToken("Hello [FIRST NAME] there"), { index: 6, excerpt: "[FIRST NAME]" });
  assert.equal(findBrokenToken("a [COMPANY")?.index, 2);
});
