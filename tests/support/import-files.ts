// Builders for import tests: CSV text, multipart bodies and workbooks made in the test itself.
import ExcelJS from "exceljs";

/** A CSV file from rows of cells, joined with the delimiter (cells are written as given). */
export function csv(rows: (string | number)[][], delimiter = ";"): Buffer {
  return Buffer.from(rows.map((r) => r.join(delimiter)).join("\r\n") + "\r\n", "utf8");
}

/** Several files in one multipart/form-data body, as a browser's FormData sends them. */
export async function multipart(
  files: Record<string, Buffer | string>,
): Promise<{ bytes: Buffer; contentType: string }> {
  const form = new FormData();
  for (const [name, content] of Object.entries(files)) {
    form.append(
      name.replace(/\.\w+$/, ""),
      new Blob([typeof content === "string" ? Buffer.from(content) : content]),
      name,
    );
  }
  const request = new Request("http://localhost/", { method: "POST", body: form });
  return {
    bytes: Buffer.from(await request.arrayBuffer()),
    contentType: request.headers.get("content-type") ?? "",
  };
}

export type SheetSpec = Record<string, (ExcelJS.CellValue | undefined)[][]>;

/** A workbook with one sheet per entry; cells may be formulas ({ formula, result }) or numbers with a format. */
export async function workbook(
  sheets: SheetSpec,
  style?: (sheet: ExcelJS.Worksheet, name: string) => void,
): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = book.addWorksheet(name);
    for (const row of rows) sheet.addRow(row.map((v) => v ?? null));
    style?.(sheet, name);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
