/**
 * CSV in and out for batches. In: what spreadsheets really export (a BOM, quoted newlines,
 * semicolons in European locales, blank lines, repeated headers). Out: cells that a spreadsheet
 * cannot mistake for formulas.
 */
import Papa from "papaparse";
import { isPlainText } from "../domain/contracts/text.ts";
import { ApiError, badRequest } from "../http/errors.ts";

const maxBatchRows = 10_000;
export const maxCsvBytes = 5 * 1024 * 1024;
const maxColumns = 100;

export interface ParsedCsv {
  headers: string[];
  /** One object per data row, keyed by header; row N of the batch is rows[N - 1]. */
  rows: Record<string, string>[];
  delimiter: string;
  /** Things the parser fixed on its way in (renamed headers), for the preview to show. */
  warnings: string[];
}

/** Headers as the rows will be keyed: trimmed, blanks named by position, repeats numbered. */
function uniqueHeaders(raw: string[]): { headers: string[]; warnings: string[] } {
  const warnings: string[] = [];
  const taken = new Set<string>();
  const headers = raw.map((cell, index) => {
    const trimmed = cell.trim();
    let name = trimmed || `column_${index + 1}`;
    if (!trimmed) warnings.push(`Column ${index + 1} has no header; it is called "${name}".`);
    if (taken.has(name.toLowerCase())) {
      let suffix = 2;
      while (taken.has(`${name}_${suffix}`.toLowerCase())) suffix++;
      const renamed = `${name}_${suffix}`;
      warnings.push(
        `The header "${name}" appears more than once; column ${index + 1} is called "${renamed}".`,
      );
      name = renamed;
    }
    taken.add(name.toLowerCase());
    return name;
  });
  return { headers, warnings };
}

function codePoint(character: string): string {
  return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * Postgres cannot store U+0000 and the other control characters make no sense in a prompt, so a
 * cell holding one (tabs and line breaks aside) is refused before anything is written: a 400
 * naming the row (0 for the header row) and the column.
 */
function refuseControlCharacters(cells: string[], row: number, headers: string[]) {
  cells.forEach((cell, index) => {
    if (isPlainText(cell)) return;
    const character = codePoint([...cell].find((char) => !isPlainText(char))!);
    const column = headers[index] ?? `column_${index + 1}`;
    const where = row === 0 ? `The header of column ${index + 1}` : `Row ${row}, column "${column}"`;
    throw badRequest(
      `${where} has a control character (${character}); a cell may hold only text, tabs and line breaks.`,
      {
        row,
        column: row === 0 ? index + 1 : column,
        character,
      },
    );
  });
}

/** Parses an uploaded CSV; anything that cannot make a batch is a 4xx naming the row. */
export function parseBatchCsv(text: string): ParsedCsv {
  if (new TextEncoder().encode(text).byteLength > maxCsvBytes) {
    throw new ApiError(413, "PAYLOAD_TOO_LARGE", `The CSV is larger than ${maxCsvBytes / 1024 / 1024} MB.`, {
      maxBytes: maxCsvBytes,
    });
  }
  const source = text.replace(/^\uFEFF/, "");
  const parsed = Papa.parse<string[]>(source, {
    skipEmptyLines: "greedy",
    delimitersToGuess: [",", ";", "\t", "|"],
  });
  const fatal = parsed.errors.find((error) => error.type === "Quotes");
  if (fatal) {
    const row = (fatal.row ?? 0) + 1;
    throw badRequest(`The CSV is malformed near line ${row}: ${fatal.message}.`, {
      line: row,
      code: fatal.code,
    });
  }
  const [headerCells, ...dataCells] = parsed.data;
  if (!headerCells || headerCells.every((cell) => cell.trim() === "")) {
    throw badRequest("The CSV is empty: it needs a header row and at least one data row.");
  }
  if (headerCells.length > maxColumns) {
    throw badRequest(`The CSV has ${headerCells.length} columns; a batch takes at most ${maxColumns}.`, {
      columns: headerCells.length,
      maxColumns,
    });
  }
  if (dataCells.length === 0) throw badRequest("The CSV has a header row but no data rows.");
  if (dataCells.length > maxBatchRows) {
    throw new ApiError(
      413,
      "PAYLOAD_TOO_LARGE",
      `The CSV has ${dataCells.length.toLocaleString("en-US")} rows; a batch takes at most ${
        maxBatchRows.toLocaleString("en-US")
      }. Split it into several batches.`,
      { rows: dataCells.length, maxRows: maxBatchRows },
    );
  }
  refuseControlCharacters(headerCells, 0, []);
  const { headers, warnings } = uniqueHeaders(headerCells);
  const overfull: number[] = [];
  const rows = dataCells.map((cells, index) => {
    refuseControlCharacters(cells, index + 1, headers);
    if (cells.slice(headers.length).some((cell) => cell.trim() !== "")) overfull.push(index + 1);
    return Object.fromEntries(headers.map((header, column) => [header, (cells[column] ?? "").trim()]));
  });
  if (overfull.length > 0) {
    throw badRequest(
      `Row${overfull.length > 1 ? "s" : ""} ${listRows(overfull)} ha${
        overfull.length > 1 ? "ve" : "s"
      } more cells than the header has columns.`,
      { rows: overfull.slice(0, 100) },
    );
  }
  return { headers, rows, delimiter: parsed.meta.delimiter, warnings };
}

/** "3, 7, 12 and 40 more" */
export function listRows(rows: number[], shown = 10): string {
  const head = rows.slice(0, shown).join(", ");
  return rows.length > shown ? `${head} and ${rows.length - shown} more` : head;
}

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, or a tab or carriage return before one)
 * gets a leading apostrophe, the OWASP advice for CSV injection.
 */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvCell(value: string): string {
  const safe = neutralizeFormula(value);
  return /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One CSV line (CRLF-terminated, as RFC 4180 and spreadsheets expect). */
export function csvLine(cells: Array<string | number | null | undefined>): string {
  return cells.map((cell) => csvCell(cell === null || cell === undefined ? "" : String(cell))).join(",") +
    "\r\n";
}
