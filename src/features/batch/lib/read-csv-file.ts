import Papa from "papaparse";

/** The batch function's limit; checked here too so a big file is refused before it is uploaded. */
export const maxCsvBytes = 5 * 1024 * 1024;
/** The batch function's row limit; counted while parsing so a long file is refused before upload. */
export const maxCsvRows = 10_000;
/** Bytes sniffed to tell a text file from a binary one renamed .csv. */
const sniffBytes = 64 * 1024;
/** Above this size, parsing moves to papaparse's worker so typing and scrolling stay smooth. */
const workerThresholdBytes = 256 * 1024;
const sampleRowCount = 5;

export interface CsvFile {
  filename: string;
  /** The file as uploaded: the server parses it again, with its own quirk handling. */
  text: string;
  headers: string[];
  sampleRows: string[][];
  rowCount: number;
}

function parseRows(file: File): Promise<string[][]> {
  return new Promise((resolve, reject) => {
    Papa.parse<string[]>(file, {
      worker: file.size > workerThresholdBytes,
      skipEmptyLines: "greedy",
      complete: (result) => resolve(result.data),
      error: (error) => reject(new Error(`Couldn't read ${file.name}: ${error.message}`)),
    });
  });
}

/**
 * Whether the file's start looks like text: a NUL byte, or many control characters, means an
 * image, a spreadsheet or an archive renamed .csv (any text encoding passes).
 */
async function looksLikeText(file: File): Promise<boolean> {
  const bytes = new Uint8Array(await file.slice(0, sniffBytes).arrayBuffer());
  let control = 0;
  for (const byte of bytes) {
    if (byte === 0) return false;
    if (byte < 32 && byte !== 9 && byte !== 10 && byte !== 13 && byte !== 12) control++;
  }
  return control <= bytes.length * 0.05;
}

/** Reads a CSV's headers, first rows and row count, for mapping columns before anything is sent. */
export async function readCsvFile(file: File): Promise<CsvFile> {
  if (file.size > maxCsvBytes) throw new Error(`${file.name} is over 5 MB; split it into smaller files.`);
  if (!(await looksLikeText(file))) {
    throw new Error(
      `${file.name} isn't a text file. Export your sheet as CSV (comma-separated values) and choose that file.`,
    );
  }
  const [rows, text] = await Promise.all([parseRows(file), file.text()]);
  const [headerRow, ...dataRows] = rows;
  const headers = (headerRow ?? []).map((header) => header.replace(/^\uFEFF/, "").trim()).filter((header) =>
    header !== ""
  );
  if (headers.length === 0) {
    throw new Error(`${file.name} has no header row; the first line must name the columns.`);
  }
  if (dataRows.length === 0) {
    throw new Error(`${file.name} has a header row but no rows: add one row per image below the header.`);
  }
  if (dataRows.length > maxCsvRows) {
    throw new Error(
      `${file.name} has ${
        dataRows.length.toLocaleString("en-US")
      } rows; a batch takes up to 10,000. Split it into smaller files.`,
    );
  }
  return {
    filename: file.name,
    text,
    headers,
    sampleRows: dataRows.slice(0, sampleRowCount),
    rowCount: dataRows.length,
  };
}
