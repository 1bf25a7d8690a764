import Papa from "papaparse";

/** The batch function's limit; checked here too so a big file is refused before it is uploaded. */
export const maxCsvBytes = 5 * 1024 * 1024;
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

/** Reads a CSV's headers, first rows and row count, for mapping columns before anything is sent. */
export async function readCsvFile(file: File): Promise<CsvFile> {
  if (file.size > maxCsvBytes) throw new Error(`${file.name} is over 5 MB; split it into smaller files.`);
  const [rows, text] = await Promise.all([parseRows(file), file.text()]);
  const [headerRow, ...dataRows] = rows;
  const headers = (headerRow ?? []).map((header) => header.replace(/^\uFEFF/, "").trim()).filter((header) =>
    header !== ""
  );
  if (headers.length === 0) {
    throw new Error(`${file.name} has no header row; the first line must name the columns.`);
  }
  return {
    filename: file.name,
    text,
    headers,
    sampleRows: dataRows.slice(0, sampleRowCount),
    rowCount: dataRows.length,
  };
}
