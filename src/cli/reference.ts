import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { loadConfig } from '../config/config';
import { openCliDatabase } from './open-database';
import { exportReferenceWorkbook, formatProblem, importReferenceWorkbook, SHEETS } from '../reference/workbook/reference-workbook';

export const REFERENCE_USAGE = `Usage: npm run minyi -- reference <command>
  reference export --out FILE.xlsx
      Writes the county's active reference data as a workbook, one sheet per table:
      ${SHEETS.map((s) => s.name).join(', ')}.
  reference import FILE.xlsx [--dry-run]
      Applies an edited workbook as the new state: validated first as a whole (every problem with
      sheet, row and column), then applied in one transaction, audited as "cli". A row removed from
      the workbook is deactivated, never deleted. --dry-run reports what would change and changes nothing.
  Exit codes: 0 done, 2 validation problems (or bad usage), 1 unexpected error.`;

/**
 * `npm run minyi -- reference export|import`: the county's own reference data as a workbook
 * (reference/workbook). Sets process.exitCode: 0 ok, 2 validation problems or usage, 1 unexpected
 * (thrown to minyi.ts, which prints it and exits 1).
 */
export async function referenceCommand(positional: string[], options: Record<string, string | true>): Promise<void> {
  const [command, file] = positional;
  const exporting = command === 'export' && typeof options.out === 'string' && !file;
  const importing = command === 'import' && !!file && positional.length === 2;
  if (!exporting && !importing) {
    console.error(REFERENCE_USAGE);
    process.exitCode = 2;
    return;
  }
  let body: Buffer | undefined;
  if (importing) {
    try {
      body = readFileSync(file);
    } catch {
      console.error(`无法读取文件：${file} | cannot read the file ${file}`);
      process.exitCode = 2;
      return;
    }
  }
  const config = loadConfig();
  const db = await openCliDatabase(config, { migrate: true });
  try {
    const em = db.orm.em.fork() as EntityManager;
    if (exporting) {
      const path = resolve(String(options.out));
      const { body: xlsx, rows } = await exportReferenceWorkbook(em);
      writeFileSync(path, xlsx);
      console.log(
        `wrote ${path}: ${Object.entries(rows)
          .map(([sheet, n]) => `${sheet} ${n}`)
          .join(', ')}`,
      );
      process.exitCode = 0;
      return;
    }
    const result = await importReferenceWorkbook(em, body!, { dryRun: options['dry-run'] === true });
    if (!result.ok) {
      for (const problem of result.problems) console.error(formatProblem(problem));
      console.error(`${result.problems.length} 个问题，未做任何修改 | ${result.problems.length} problem(s); nothing was changed`);
      process.exitCode = 2;
      return;
    }
    const { summary } = result;
    for (const [sheet, t] of Object.entries(summary.tables)) {
      console.log(`${sheet}: 新增 ${t.added}，修改 ${t.changed}，停用 ${t.deactivated} | added ${t.added}, changed ${t.changed}, deactivated ${t.deactivated}`);
    }
    if (summary.dryRun) console.log('试运行，未做任何修改 | dry run: nothing was changed');
    console.log(JSON.stringify({ summary }));
    process.exitCode = 0;
  } finally {
    await db.close();
  }
}
