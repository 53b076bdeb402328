import { writeFileSync } from 'node:fs';
import { Workbook } from 'exceljs';

/** The reference workbook's sheets and headings (src/reference/workbook), as a county IT team fills them in. */
export const REFERENCE_HEADINGS = {
  部门: ['单位代码', '单位名称', '单位类型', '上级单位代码', '所在区划代码', '联络员', '联络员职务', '联络员电话', '分管领导', '分管领导职务', '分管领导电话'],
  类别: ['分类代码', '分类名称', '上级分类代码'],
  职责清单: ['分类代码', '乡镇区划代码', '主办单位代码', '协办单位代码', '办理时限类别', '职责依据'],
  渠道类别映射: ['渠道代码', '渠道分类文本', '分类代码'],
  区划: ['区划代码', '名称', '层级', '上级区划代码'],
} as const;

/** Writes a reference workbook: every sheet with its headings, then the given rows (missing sheets empty). */
export async function writeReferenceWorkbook(file: string, rows: Partial<Record<keyof typeof REFERENCE_HEADINGS, string[][]>>): Promise<string> {
  const workbook = new Workbook();
  for (const [name, headings] of Object.entries(REFERENCE_HEADINGS) as Array<[keyof typeof REFERENCE_HEADINGS, readonly string[]]>) {
    const sheet = workbook.addWorksheet(name);
    sheet.addRow([...headings]);
    for (const row of rows[name] ?? []) sheet.addRow(row);
  }
  writeFileSync(file, Buffer.from(await workbook.xlsx.writeBuffer()));
  return file;
}
