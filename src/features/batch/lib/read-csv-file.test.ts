import { describe, expect, it } from "vitest";
import { readCsvFile } from "@/features/batch/lib/read-csv-file";

const csvFile = (content: BlobPart, name = "contacts.csv") => new File([content], name, { type: "text/csv" });

describe("readCsvFile", () => {
  it("reads the headers, first rows and row count", async () => {
    const csv = await readCsvFile(csvFile("first_name,company\nAda,Acme\nGrace,Navy\n"));
    expect(csv.headers).toEqual(["first_name", "company"]);
    expect(csv.rowCount).toBe(2);
  });

  it("refuses a binary file renamed .csv", async () => {
    const png = new Uint8Array([
      0x89,
      0x50,
      0x4e,
      0x47,
      0x0d,
      0x0a,
      0x1a,
      0x0a,
      0,
      0,
      0,
      0x0d,
      0x49,
      0x48,
      0x44,
      0x52,
    ]);
    await expect(readCsvFile(csvFile(png, "photo.csv"))).rejects.toThrow("photo.csv isn't a text file");
  });

  it("refuses a header with no rows", async () => {
    await expect(readCsvFile(csvFile("first_name,company\n"))).rejects.toThrow(
      "has a header row but no rows",
    );
  });

  it("refuses more than 10,000 rows before anything is uploaded", async () => {
    const rows = Array.from({ length: 10_001 }, (_, index) => `Person ${index}`);
    await expect(readCsvFile(csvFile(`name\n${rows.join("\n")}\n`))).rejects.toThrow(
      "has 10,001 rows; a batch takes up to 10,000",
    );
  });
});
