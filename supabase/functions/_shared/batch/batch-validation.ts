/**
 * Everything that can be wrong with a batch before a credit is spent: the prompt's tokens against
 * the CSV's columns and the global tokens, and each row's resolved prompt. Pure, so the preview
 * and the create call agree.
 */
import {
  findTokens,
  maxResolvedPromptLength,
  mergeTokenValues,
  normalizeTokenName,
  resolvePrompt,
} from "../domain/personalization-tokens.ts";
import { listRows } from "./csv.ts";

export const previewRows = 5;
/** Issues listed in a response; the count says how many there were in all. */
const maxListedIssues = 100;

export interface BatchIssue {
  /** The 1-based data row, or absent for a problem with the whole batch. */
  row?: number;
  code: "MISSING_COLUMN" | "EMPTY_VALUE" | "PROMPT_TOO_LONG" | "EMPTY_PROMPT";
  message: string;
  tokens?: string[];
}

export interface ResolvedRow {
  rowNumber: number;
  data: Record<string, string>;
  resolvedPrompt: string;
}

export interface BatchCheck {
  rows: ResolvedRow[];
  /** Which token each column feeds (columns feeding no token are not listed). */
  mapping: Record<string, string>;
  issues: BatchIssue[];
  issueCount: number;
  summary: string | undefined;
}

const tokenName = /^[A-Z][A-Z0-9_]{0,63}$/;

/**
 * Which token each column feeds: the explicit mapping first (an empty value drops the column),
 * then every other column under its own name made token-like ("First name" → FIRST_NAME).
 */
function columnTokens(headers: string[], mapping: Record<string, string>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const header of headers) {
    const explicit = Object.hasOwn(mapping, header) ? mapping[header] : undefined;
    const name = normalizeTokenName(
      explicit ?? header.replace(/[^A-Za-z0-9]+/g, "_").replace(/^_+|_+$/g, ""),
    );
    if (tokenName.test(name)) result[header] = name;
  }
  return result;
}

/** A row's token values: the global tokens, then the row's columns, which win when not empty. */
export function rowTokenValues(
  row: Record<string, string>,
  mapping: Record<string, string>,
  globalTokens: Record<string, string>,
): Map<string, string> {
  const fromRow: Record<string, string> = {};
  for (const [column, token] of Object.entries(mapping)) {
    if (row[column] !== undefined && row[column] !== "") fromRow[token] = row[column];
  }
  return mergeTokenValues(globalTokens, fromRow);
}

export function checkBatch(input: {
  prompt: string;
  headers: string[];
  rows: Record<string, string>[];
  columnMapping: Record<string, string>;
  globalTokens: Record<string, string>;
}): BatchCheck {
  const mapping = columnTokens(input.headers, input.columnMapping);
  const fedByColumns = new Set(Object.values(mapping));
  const globals = mergeTokenValues(input.globalTokens);
  const issues: BatchIssue[] = [];

  const unfed = findTokens(input.prompt).filter((token) =>
    !fedByColumns.has(token.name) && !globals.get(token.name) && token.fallback === undefined
  ).map((token) => token.name);
  if (unfed.length > 0) {
    issues.push({
      code: "MISSING_COLUMN",
      tokens: unfed,
      message: `No column or global token gives ${
        unfed.map((name) => `[${name}]`).join(", ")
      }: map a column to ${unfed.length > 1 ? "them" : "it"}, set a global value, or give ${
        unfed.length > 1 ? "them" : "it"
      } a fallback like [${unfed[0]}|friend].`,
    });
  }
  const unfedSet = new Set(unfed);

  const byCode = new Map<BatchIssue["code"], number[]>();
  const rows = input.rows.map((data, index) => {
    const rowNumber = index + 1;
    const resolved = resolvePrompt(input.prompt, rowTokenValues(data, mapping, input.globalTokens));
    const emptyTokens = resolved.missing.filter((name) => !unfedSet.has(name));
    const note = (issue: BatchIssue) => {
      byCode.set(issue.code, [...(byCode.get(issue.code) ?? []), rowNumber]);
      issues.push(issue);
    };
    if (emptyTokens.length > 0) {
      note({
        row: rowNumber,
        code: "EMPTY_VALUE",
        tokens: emptyTokens,
        message: `Row ${rowNumber}: ${emptyTokens.map((name) => `[${name}]`).join(", ")} ${
          emptyTokens.length > 1 ? "are" : "is"
        } empty and has no fallback.`,
      });
    } else if (resolved.missing.length === 0 && resolved.text.length === 0) {
      note({
        row: rowNumber,
        code: "EMPTY_PROMPT",
        message: `Row ${rowNumber}: the prompt is empty once resolved.`,
      });
    }
    if (resolved.text.length > maxResolvedPromptLength) {
      note({
        row: rowNumber,
        code: "PROMPT_TOO_LONG",
        message:
          `Row ${rowNumber}: the resolved prompt is ${resolved.text.length} characters; the limit is ${maxResolvedPromptLength}.`,
      });
    }
    return { rowNumber, data, resolvedPrompt: resolved.text };
  });

  const parts = [
    ...(unfed.length > 0 ? [issues[0].message] : []),
    ...[...byCode].map(([code, numbers]) =>
      `${describeCode(code)} in row${numbers.length > 1 ? "s" : ""} ${listRows(numbers)}`
    ),
  ];
  return {
    rows,
    mapping,
    issues: issues.slice(0, maxListedIssues),
    issueCount: issues.length,
    summary: parts.length > 0 ? `${parts.join("; ")}.` : undefined,
  };
}

function describeCode(code: BatchIssue["code"]): string {
  switch (code) {
    case "EMPTY_VALUE":
      return "Empty values without a fallback";
    case "PROMPT_TOO_LONG":
      return `Prompts over ${maxResolvedPromptLength} characters`;
    default:
      return "Empty prompts";
  }
}
