import ExcelJS from 'exceljs';
import { DATE1904_OFFSET_DAYS } from './dates';

/**
 * The XLSX variant (12328.md §5), read with exceljs: the first worksheet only, its non-empty rows
 * with their cells as plain JSON values, and the workbook's date system.
 */

/**
 * A cell as read, in a form JSON keeps exactly: text, number, boolean, empty (null), or an Excel
 * error. Rich text and hyperlinks become their text, formulas their cached result. A cell exceljs
 * shows as a Date (a number with a date format) is given back as the serial number it holds.
 */
export type XlsxCell = string | number | boolean | null | { error: string };

export interface XlsxRow {
  /** 1-based row number in the sheet. */
  number: number;
  /** Cells from column A; missing cells are null. */
  cells: XlsxCell[];
}

export interface XlsxSheet {
  name: string;
  /** The workbook uses the 1904 date system (§5: serials + 1462 days). */
  date1904: boolean;
  /** Non-empty rows, in order. */
  rows: XlsxRow[];
}

const DAY_MS = 86_400_000;
const UNIX_EPOCH_SERIAL = 25569;

/** The workbook's first worksheet; throws when the bytes are not a readable workbook or it has no sheet. */
export async function readFirstSheet(bytes: Buffer): Promise<XlsxSheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('the workbook has no worksheet');
  const date1904 = workbook.properties?.date1904 === true;
  const rows: XlsxRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const values = row.values as ExcelJS.CellValue[];
    const cells: XlsxCell[] = [];
    for (let c = 1; c < values.length; c++) cells.push(cellValue(values[c], date1904));
    if (cells.some((cell) => cell !== null && cell !== '')) rows.push({ number, cells });
  });
  return { name: sheet.name, date1904, rows };
}

/** exceljs value → XlsxCell (see the type). */
function cellValue(value: ExcelJS.CellValue, date1904: boolean): XlsxCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) {
    // exceljs made the serial v into Date((v − 25569 [+ 1462]) days): give v back.
    return value.getTime() / DAY_MS + UNIX_EPOCH_SERIAL - (date1904 ? DATE1904_OFFSET_DAYS : 0);
  }
  if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((part) => part.text ?? '').join('');
  if ('error' in value) return { error: String(value.error) };
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as ExcelJS.CellFormulaValue).result;
    return result === undefined ? null : cellValue(result, date1904);
  }
  if ('hyperlink' in value) return cellValue((value as ExcelJS.CellHyperlinkValue).text as ExcelJS.CellValue, date1904);
  return { error: 'unsupported cell value' };
}
