import type ExcelJS from "exceljs";

// exceljs and csv-parse are loaded on the first import only: the hub's start-up loads nothing it does not use.
const excel = (): typeof ExcelJS => require("exceljs") as typeof ExcelJS;
const csvParse = (): typeof import("csv-parse/sync").parse => (require("csv-parse/sync") as typeof import("csv-parse/sync")).parse;

/** One data row of a sheet: its row number as the spreadsheet shows it (the header is row 1) and its cells by header. */
export interface SheetRow {
  row: number;
  cells: Record<string, string>;
}

export type SheetFormat = "xlsx" | "csv";

/** The format of an upload by its content type, or by its first bytes (an xlsx file is a zip: "PK"). */
export function formatOf(contentType: string | undefined, body: Buffer): SheetFormat | null {
  const type = (contentType ?? "").toLowerCase();
  if (type.includes("spreadsheetml") || type.includes("excel")) return "xlsx";
  if (type.includes("csv") || type.startsWith("text/")) return "csv";
  if (body[0] === 0x50 && body[1] === 0x4b) return "xlsx";
  return null;
}

/** The rows of the first sheet (xlsx) or of the file (csv, UTF-8 with or without BOM), cells as trimmed text. */
export { excel };

export async function readSheet(body: Buffer, format: SheetFormat): Promise<SheetRow[]> {
  return format === "csv" ? readCsv(body) : readXlsx(body);
}

function readCsv(body: Buffer): SheetRow[] {
  const records = csvParse()(body, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  const [header, ...rows] = records;
  if (!header) return [];
  return rows.map((values, i) => ({ row: i + 2, cells: Object.fromEntries(header.map((h, c) => [h.trim(), (values[c] ?? "").trim()])) }));
}

async function readXlsx(body: Buffer): Promise<SheetRow[]> {
  const workbook = new (excel().Workbook)();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const header: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => (header[col] = cellText(cell).trim()));
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    if (number === 1) return;
    const cells: Record<string, string> = {};
    header.forEach((h, col) => h && (cells[h] = cellText(row.getCell(col)).trim()));
    if (Object.values(cells).some(Boolean)) rows.push({ row: number, cells });
  });
  return rows;
}

function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object" && "richText" in value) return value.richText.map((r) => r.text).join("");
  if (typeof value === "object" && "text" in value) return String(value.text);
  if (typeof value === "object" && "result" in value) return String(value.result ?? "");
  return String(value);
}
