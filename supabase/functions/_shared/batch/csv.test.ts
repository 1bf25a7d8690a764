import assert from "node:assert/strict";
import { ApiError } from "../http/errors.ts";
import { checkBatch } from "./batch-validation.ts";
import { csvLine, neutralizeFormula, parseBatchCsv } from "./csv.ts";

function failure(run: () => unknown): ApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error("expected a failure");
}

Deno.test("a byte-order mark does not end up in the first header", () => {
  const parsed = parseBatchCsv("\uFEFFfirstname,company\r\nAda,Acme\r\n");
  assert.deepEqual(parsed.headers, ["firstname", "company"]);
  assert.deepEqual(parsed.rows, [{ firstname: "Ada", company: "Acme" }]);
});

Deno.test("quoted cells keep their newlines, commas and doubled quotes", () => {
  const parsed = parseBatchCsv('name,note\n"Ada","line one\nline two, with ""quotes"""\nGrace,plain\n');
  assert.equal(parsed.rows.length, 2);
  assert.equal(parsed.rows[0].note, 'line one\nline two, with "quotes"');
  assert.equal(parsed.rows[1].name, "Grace");
});

Deno.test("a semicolon-separated export is detected", () => {
  const parsed = parseBatchCsv("firstname;company;city\nAda;Acme, Inc.;Paris\nGrace;Navy;Arlington\n");
  assert.equal(parsed.delimiter, ";");
  assert.deepEqual(parsed.rows[0], { firstname: "Ada", company: "Acme, Inc.", city: "Paris" });
});

Deno.test("repeated headers are renamed with a warning, blank ones named by position", () => {
  const parsed = parseBatchCsv("email,Email,,email\na@x,b@x,c,d@x\n");
  assert.deepEqual(parsed.headers, ["email", "Email_2", "column_3", "email_3"]);
  assert.equal(parsed.rows[0].email_3, "d@x");
  assert.equal(parsed.warnings.length, 3);
  assert.match(parsed.warnings[0], /"Email" appears more than once/);
});

Deno.test("empty and blank lines are skipped and do not count as rows", () => {
  const parsed = parseBatchCsv("name,company\n\nAda,Acme\n   \n,\nGrace,Navy\n\n\n");
  assert.deepEqual(parsed.rows.map((row) => row.name), ["Ada", "Grace"]);
});

Deno.test("10,000 rows are accepted and 10,001 are refused with a clear 413", () => {
  const csv = (rows: number) =>
    "name\n" + Array.from({ length: rows }, (_, index) => `Person ${index}`).join("\n");
  assert.equal(parseBatchCsv(csv(10_000)).rows.length, 10_000);
  const error = failure(() => parseBatchCsv(csv(10_001)));
  assert.equal(error.status, 413);
  assert.match(error.message, /10,001 rows; a batch takes at most 10,000/);
  assert.deepEqual(error.details, { rows: 10_001, maxRows: 10_000 });
});

Deno.test("a CSV over 5 MB is refused before parsing", () => {
  const error = failure(() => parseBatchCsv("name\n" + "x".repeat(5 * 1024 * 1024)));
  assert.equal(error.status, 413);
});

Deno.test("header-only, unterminated quotes and overfull rows are 400s naming the row", () => {
  assert.match(failure(() => parseBatchCsv("name,company\n")).message, /no data rows/);
  assert.match(failure(() => parseBatchCsv("")).message, /empty/);
  const quotes = failure(() => parseBatchCsv('name\n"Ada\nGrace\n'));
  assert.equal(quotes.status, 400);
  const overfull = failure(() => parseBatchCsv("name\nAda\nGrace,extra\n"));
  assert.match(overfull.message, /Row 2 has more cells/);
});

Deno.test("validation reports a token no column feeds, empty values and long prompts by row", () => {
  const parsed = parseBatchCsv(
    "First name,company\nAda,Acme\n,Navy\nGrace,\n" + `Linus,${"y".repeat(500)}\n`,
  );
  const check = checkBatch({
    prompt: "Portrait of [FIRST_NAME] at [COMPANY] in [CITY]; [COMPANY], [COMPANY], [COMPANY], [COMPANY]",
    headers: parsed.headers,
    rows: parsed.rows,
    columnMapping: {},
    globalTokens: {},
  });
  assert.deepEqual(check.mapping, { "First name": "FIRST_NAME", company: "COMPANY" });
  assert.deepEqual(check.issues.map((issue) => [issue.row, issue.code]), [
    [undefined, "MISSING_COLUMN"],
    [2, "EMPTY_VALUE"],
    [3, "EMPTY_VALUE"],
    [4, "PROMPT_TOO_LONG"],
  ]);
  assert.match(check.summary!, /\[CITY\]/);
  assert.match(check.summary!, /rows 2, 3/);
});

Deno.test("a row's columns win over global tokens; globals and fallbacks fill the gaps; mapping renames", () => {
  const parsed = parseBatchCsv("fname,company,ignored\nAda,Acme,x\nGrace,,y\n");
  const check = checkBatch({
    prompt: "Hi [NAME] of [COMPANY], from [CITY|Paris]",
    headers: parsed.headers,
    rows: parsed.rows,
    columnMapping: { fname: "NAME", ignored: "" },
    globalTokens: { COMPANY: "Globex", NAME: "Someone" },
  });
  assert.equal(check.issueCount, 0);
  assert.deepEqual(check.rows.map((row) => row.resolvedPrompt), [
    "Hi Ada of Acme, from Paris",
    "Hi Grace of Globex, from Paris",
  ]);
  assert.equal(check.mapping.ignored, undefined);
});

Deno.test("cells that a spreadsheet would run as formulas are exported with a leading apostrophe", () => {
  assert.equal(neutralizeFormula("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
  for (const cell of ["+1+1", "-2", "@SUM(A1)", "\t=1", "\r=1"]) {
    assert.equal(neutralizeFormula(cell)[0], "'");
  }
  assert.equal(neutralizeFormula("Ada"), "Ada");
  assert.equal(
    csvLine([1, "=cmd|' /C calc'!A0", 'say "hi", ok', null]),
    `1,'=cmd|' /C calc'!A0,"say ""hi"", ok",\r\n`,
  );
  const roundTrip = parseBatchCsv("a,b\n" + csvLine(['=HYPERLINK("x")', "-5"]));
  assert.deepEqual(roundTrip.rows[0], { a: `'=HYPERLINK("x")`, b: "'-5" });
});
