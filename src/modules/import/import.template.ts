import { excel } from "./import.read";
import { COLUMNS, type ImportKind } from "./import.columns";

const TEMPLATE_ROWS = 1000;

/**
 * The import template of a kind: the Chinese headers, one sample row, and drop-down lists on the county, chain and
 * label columns (counties and chains from the hub's reference data, on a hidden sheet: a list typed into the rule
 * is limited to 255 characters).
 */
export async function importTemplate(kind: ImportKind, regions: string[], chains: string[]): Promise<Buffer> {
  const workbook = new (excel().Workbook)();
  const sheet = workbook.addWorksheet("导入数据");
  const options = workbook.addWorksheet("选项", { state: "veryHidden" });
  regions.forEach((name, i) => (options.getCell(i + 1, 1).value = name));
  chains.forEach((name, i) => (options.getCell(i + 1, 2).value = name));
  const columns = COLUMNS[kind];
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.header, width: Math.max(12, c.header.length * 2 + 4, Math.min(40, c.sample.length * 2)) }));
  sheet.addRow(columns.map((c) => c.sample));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  columns.forEach((c, i) => {
    const header = sheet.getCell(1, i + 1);
    if (c.required || c.note) header.note = [c.required ? "必填" : "", c.note ?? ""].filter(Boolean).join("；");
    if (!c.list) return;
    const formula =
      c.list === "region" ? `'选项'!$A$1:$A$${Math.max(1, regions.length)}` : c.list === "chain" ? `'选项'!$B$1:$B$${Math.max(1, chains.length)}` : `"${c.list.join(",")}"`;
    for (let row = 2; row <= TEMPLATE_ROWS; row++) {
      sheet.getCell(row, i + 1).dataValidation = {
        type: "list",
        // Several chains may be named in one cell (、): the list helps, it does not forbid.
        allowBlank: true,
        showErrorMessage: c.list !== "chain",
        formulae: [formula],
      };
    }
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
