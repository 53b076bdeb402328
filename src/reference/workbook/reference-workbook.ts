import { Workbook, type CellValue, type Worksheet } from 'exceljs';
import type { EntityManager } from '@mikro-orm/postgresql';
import { HubError } from '../../common/errors';
import { Channel, Department } from '../../entities';
import type { Liaison } from '../../entities/department';
import { TimeLimitClass } from '../../work-orders/enums';
import { CHANNELS } from '../channels';
import { CLI_ACTOR, ReferenceWriter, type Outcome, type ReferenceActor } from '../admin/reference-admin.service';
import {
  checkCategory,
  checkDepartment,
  checkMapping,
  checkRegion,
  checkRule,
  loadReferenceState,
  mappingKey,
  normaliseLiaisons,
  ruleKey,
  type CategoryRow,
  type DepartmentRow,
  type MappingRow,
  type Problem,
  type ReferenceState,
  type ReferenceTable,
  type RegionRow,
  type RuleRow,
} from '../admin/reference-rules';
import { DepartmentKind, RegionLevel } from '../vocabulary';

/**
 * 基础数据工作簿 The county's reference data as an .xlsx workbook, one sheet per table with Chinese
 * headings: export writes the active rows; import reads an edited workbook as the whole new state
 * (a row left out is deactivated, never deleted), validates it as a whole — every problem with its
 * sheet, row and column — and then applies it in one transaction through the same writer and rules
 * as GraphQL (reference/admin), audited with the actor "cli".
 */

interface Column {
  heading: string;
  field: string;
  width: number;
  required?: boolean;
}

interface SheetSpec {
  table: ReferenceTable;
  name: string;
  columns: Column[];
}

const DEPARTMENT_COLUMNS: Column[] = [
  { heading: '单位代码', field: 'code', width: 14, required: true },
  { heading: '单位名称', field: 'name', width: 30, required: true },
  { heading: '单位类型', field: 'kind', width: 16, required: true },
  { heading: '上级单位代码', field: 'parentCode', width: 14 },
  { heading: '所在区划代码', field: 'regionCode', width: 16, required: true },
  { heading: '联络员', field: 'liaisons', width: 10 },
  { heading: '联络员职务', field: 'liaisonTitle', width: 14 },
  { heading: '联络员电话', field: 'liaisonPhone', width: 16 },
  { heading: '分管领导', field: 'leader', width: 10 },
  { heading: '分管领导职务', field: 'leaderTitle', width: 14 },
  { heading: '分管领导电话', field: 'leaderPhone', width: 16 },
];

export const SHEETS: SheetSpec[] = [
  { table: 'department', name: '部门', columns: DEPARTMENT_COLUMNS },
  {
    table: 'category',
    name: '类别',
    columns: [
      { heading: '分类代码', field: 'code', width: 12, required: true },
      { heading: '分类名称', field: 'name', width: 30, required: true },
      { heading: '上级分类代码', field: 'parentCode', width: 14 },
    ],
  },
  {
    table: 'responsibility_rule',
    name: '职责清单',
    columns: [
      { heading: '分类代码', field: 'categoryCode', width: 12, required: true },
      { heading: '乡镇区划代码', field: 'regionCode', width: 16 },
      { heading: '主办单位代码', field: 'leadDepartmentCode', width: 14, required: true },
      { heading: '协办单位代码', field: 'coDepartmentCodes', width: 24 },
      { heading: '办理时限类别', field: 'timeLimitClass', width: 22, required: true },
      { heading: '职责依据', field: 'note', width: 40 },
    ],
  },
  {
    table: 'category_mapping',
    name: '渠道类别映射',
    columns: [
      { heading: '渠道代码', field: 'channelCode', width: 12, required: true },
      { heading: '渠道分类文本', field: 'hint', width: 30, required: true },
      { heading: '分类代码', field: 'categoryCode', width: 12, required: true },
    ],
  },
  {
    table: 'region',
    name: '区划',
    columns: [
      { heading: '区划代码', field: 'code', width: 16, required: true },
      { heading: '名称', field: 'name', width: 16, required: true },
      { heading: '层级', field: 'level', width: 10, required: true },
      { heading: '上级区划代码', field: 'parentCode', width: 16 },
    ],
  },
];

/** 属地: the township government where the matter happened (lead or co-handler). */
export const TOWNSHIP_MARK = '属地';

const KIND_LABELS: Record<DepartmentKind, string> = {
  [DepartmentKind.COUNTY_DEPARTMENT]: '区直部门',
  [DepartmentKind.TOWNSHIP]: '乡镇人民政府',
  [DepartmentKind.SUB_UNIT]: '下属单位',
  [DepartmentKind.ENTERPRISE]: '公共服务企业',
  [DepartmentKind.PEOPLE_ORGANISATION]: '群团组织',
};
const LEVEL_LABELS: Record<RegionLevel, string> = {
  [RegionLevel.COUNTY]: '区县',
  [RegionLevel.TOWNSHIP]: '乡镇',
  [RegionLevel.VILLAGE]: '村（社区）',
};
const TIME_LIMIT_LABELS: Record<TimeLimitClass, string> = {
  [TimeLimitClass.URGENT]: '紧急（3小时）',
  [TimeLimitClass.BASIC_LIVING]: '基本生活保障（24小时）',
  [TimeLimitClass.GENERAL]: '一般（5个自然日）',
};

/** A label (or the code itself, any case) → the code; anything else is returned as typed, for the rules to report. */
function fromLabel<E extends string>(labels: Record<E, string>, text: string): E {
  const wanted = text.trim();
  for (const [code, label] of Object.entries(labels) as Array<[E, string]>) {
    if (wanted === label || wanted.toUpperCase() === code || wanted === label.replace(/（.*$/, '')) return code;
  }
  return wanted as E;
}

// ── export ──────────────────────────────────────────────────────────────────────────────────

function cellsOf(table: ReferenceTable, row: DepartmentRow | CategoryRow | RuleRow | MappingRow | RegionRow): string[] {
  switch (table) {
    case 'department': {
      const d = row as DepartmentRow;
      const contact = (role: Liaison['role']) => d.liaisons.find((l) => l.role === role);
      const l = contact('LIAISON');
      const h = contact('LEADER');
      return [
        d.code,
        d.name,
        KIND_LABELS[d.kind] ?? d.kind,
        d.parentCode ?? '',
        d.regionCode,
        l?.name ?? '',
        l?.title ?? '',
        l?.phone ?? '',
        h?.name ?? '',
        h?.title ?? '',
        h?.phone ?? '',
      ];
    }
    case 'category': {
      const c = row as CategoryRow;
      return [c.code, c.name, c.parentCode ?? ''];
    }
    case 'responsibility_rule': {
      const r = row as RuleRow;
      const co = [...r.coDepartmentCodes, ...(r.coTownship ? [TOWNSHIP_MARK] : [])];
      return [
        r.categoryCode,
        r.regionCode ?? '',
        r.leadIsTownship ? TOWNSHIP_MARK : (r.leadDepartmentCode ?? ''),
        co.join('、'),
        TIME_LIMIT_LABELS[r.timeLimitClass] ?? r.timeLimitClass,
        r.note,
      ];
    }
    case 'category_mapping': {
      const m = row as MappingRow;
      return [m.channelCode, m.hint, m.categoryCode];
    }
    case 'region': {
      const r = row as RegionRow;
      return [r.code, r.name, LEVEL_LABELS[r.level] ?? r.level, r.parentCode ?? ''];
    }
  }
}

function rowsOf(state: ReferenceState, table: ReferenceTable): Array<DepartmentRow | CategoryRow | RuleRow | MappingRow | RegionRow> {
  const active = <T extends { active: boolean }>(rows: Iterable<T>) => [...rows].filter((r) => r.active);
  switch (table) {
    case 'department':
      return active(state.departments.values()); // in tree order (by path)
    case 'category':
      return active(state.categories.values());
    case 'responsibility_rule':
      return active(state.rules.values());
    case 'category_mapping':
      return active(state.mappings.values());
    case 'region':
      return active(state.regions.values());
  }
}

/** The active reference data as an .xlsx workbook (every cell text, so Excel keeps leading zeros). */
export async function exportReferenceWorkbook(em: EntityManager): Promise<{ body: Buffer; rows: Record<string, number> }> {
  const state = await loadReferenceState(em);
  const workbook = new Workbook();
  workbook.creator = 'Minyi Hub';
  const counts: Record<string, number> = {};
  for (const spec of SHEETS) {
    const sheet = workbook.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = spec.columns.map((c) => ({ header: c.heading, key: c.field, width: c.width, style: { numFmt: '@' } }));
    sheet.getRow(1).font = { bold: true };
    const rows = rowsOf(state, spec.table);
    for (const row of rows) sheet.addRow(cellsOf(spec.table, row));
    counts[spec.name] = rows.length;
  }
  return { body: Buffer.from(await workbook.xlsx.writeBuffer()), rows: counts };
}

// ── import: reading ─────────────────────────────────────────────────────────────────────────

/** One problem of the workbook, where it is: sheet, row (1-based as Excel shows it) and column heading. */
export interface WorkbookProblem {
  sheet: string;
  row: number;
  column: string | null;
  cell: string | null;
  zh: string;
  en: string;
}

export function formatProblem(p: WorkbookProblem): string {
  const where = p.column ? `「${p.column}」${p.cell ? `（${p.cell}）` : ''}` : '';
  const whereEn = p.column ? `, column ${p.column}${p.cell ? ` (${p.cell})` : ''}` : '';
  return `[${p.sheet}] 第 ${p.row} 行${where}：${p.zh} | sheet ${p.sheet}, row ${p.row}${whereEn}: ${p.en}`;
}

interface Located<R> {
  row: R;
  line: number;
}

export interface ParsedWorkbook {
  departments: Array<Located<DepartmentRow>>;
  categories: Array<Located<CategoryRow>>;
  rules: Array<Located<RuleRow>>;
  mappings: Array<Located<MappingRow>>;
  regions: Array<Located<RegionRow>>;
  problems: WorkbookProblem[];
  /** Column letter of each heading, per sheet (for cell references in problems). */
  letters: Map<string, Map<string, string>>;
}

function text(value: CellValue): string {
  if (value == null) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText))
      return value.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('text' in value && typeof value.text === 'string') return value.text.trim();
    if ('result' in value) return text(value.result as CellValue);
  }
  return String(value).trim();
}

/** Category codes typed as numbers lose their leading zero in Excel ("0101" → 101): put it back. */
function categoryCode(value: string): string {
  return /^\d+$/.test(value) && value.length % 2 === 1 ? `0${value}` : value;
}

function splitCodes(value: string): string[] {
  return value
    .split(/[,，、;；\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Reads the five sheets: structure (sheets, headings), required cells and duplicate keys. */
export async function readReferenceWorkbook(body: Buffer | ArrayBuffer): Promise<ParsedWorkbook> {
  const workbook = new Workbook();
  const parsed: ParsedWorkbook = { departments: [], categories: [], rules: [], mappings: [], regions: [], problems: [], letters: new Map() };
  try {
    await workbook.xlsx.load(body as ArrayBuffer);
  } catch {
    parsed.problems.push({
      sheet: '-',
      row: 0,
      column: null,
      cell: null,
      zh: '无法读取工作簿（应为 .xlsx 文件）',
      en: 'cannot read the workbook (an .xlsx file is expected)',
    });
    return parsed;
  }
  for (const spec of SHEETS) {
    const sheet = workbook.getWorksheet(spec.name);
    if (!sheet) {
      parsed.problems.push({ sheet: spec.name, row: 1, column: null, cell: null, zh: `缺少工作表「${spec.name}」`, en: `the sheet ${spec.name} is missing` });
      continue;
    }
    const columns = readHeadings(sheet, spec, parsed);
    if (!columns) continue;
    const seen = new Map<string, number>();
    sheet.eachRow({ includeEmpty: false }, (excelRow, line) => {
      if (line === 1) return;
      const cells: Record<string, string> = {};
      for (const c of spec.columns) cells[c.field] = text(excelRow.getCell(columns.get(c.field)!).value);
      if (Object.values(cells).every((v) => v === '')) return;
      const problem = (field: string, zh: string, en: string) => parsed.problems.push(locate(parsed, spec, line, field, zh, en));
      for (const c of spec.columns)
        if (c.required && !cells[c.field]) problem(c.field, `必填项「${c.heading}」为空`, `the required cell ${c.heading} is empty`);
      const located = toRow(spec.table, cells);
      const key = keyOf(spec.table, located);
      const keyField = spec.columns[0].field;
      if (seen.has(key)) {
        problem(
          keyField,
          `重复的${spec.table === 'responsibility_rule' ? '分类 × 区划' : spec.table === 'category_mapping' ? '渠道 × 渠道分类文本' : '代码'}：${key}（与第 ${seen.get(key)} 行重复）`,
          `duplicate ${spec.table === 'responsibility_rule' ? 'category × region' : spec.table === 'category_mapping' ? 'channel × hint' : 'code'} ${key} (also on row ${seen.get(key)})`,
        );
        return;
      }
      seen.set(key, line);
      (parsed[LIST_OF[spec.table]] as Array<Located<unknown>>).push({ row: located, line });
    });
  }
  return parsed;
}

const LIST_OF = {
  department: 'departments',
  category: 'categories',
  responsibility_rule: 'rules',
  category_mapping: 'mappings',
  region: 'regions',
} as const satisfies Record<ReferenceTable, keyof ParsedWorkbook>;

function readHeadings(sheet: Worksheet, spec: SheetSpec, parsed: ParsedWorkbook): Map<string, number> | null {
  const byHeading = new Map<string, number>();
  const letters = new Map<string, string>();
  sheet.getRow(1).eachCell((cell, column) => byHeading.set(text(cell.value), column));
  const columns = new Map<string, number>();
  let ok = true;
  for (const c of spec.columns) {
    const at = byHeading.get(c.heading);
    if (!at) {
      parsed.problems.push({ sheet: spec.name, row: 1, column: c.heading, cell: null, zh: `缺少列「${c.heading}」`, en: `the column ${c.heading} is missing` });
      ok = false;
      continue;
    }
    columns.set(c.field, at);
    letters.set(c.field, sheet.getColumn(at).letter);
  }
  parsed.letters.set(spec.name, letters);
  return ok ? columns : null;
}

function locate(parsed: ParsedWorkbook, spec: SheetSpec, line: number, field: string, zh: string, en: string): WorkbookProblem {
  const column = spec.columns.find((c) => c.field === field) ?? spec.columns[0];
  const letter = parsed.letters.get(spec.name)?.get(column.field);
  return { sheet: spec.name, row: line, column: column.heading, cell: letter ? `${letter}${line}` : null, zh, en };
}

function toRow(table: ReferenceTable, c: Record<string, string>): DepartmentRow | CategoryRow | RuleRow | MappingRow | RegionRow {
  switch (table) {
    case 'department': {
      const liaisons: Liaison[] = [];
      if (c.liaisons || c.liaisonTitle || c.liaisonPhone) liaisons.push({ role: 'LIAISON', name: c.liaisons, title: c.liaisonTitle, phone: c.liaisonPhone });
      if (c.leader || c.leaderTitle || c.leaderPhone) liaisons.push({ role: 'LEADER', name: c.leader, title: c.leaderTitle, phone: c.leaderPhone });
      return {
        code: c.code,
        name: c.name,
        kind: fromLabel(KIND_LABELS, c.kind),
        parentCode: c.parentCode || null,
        regionCode: c.regionCode,
        liaisons: normaliseLiaisons(liaisons),
        active: true,
      };
    }
    case 'category': {
      const code = categoryCode(c.code);
      return { code, name: c.name, parentCode: c.parentCode ? categoryCode(c.parentCode) : null, active: true };
    }
    case 'responsibility_rule': {
      const co = splitCodes(c.coDepartmentCodes);
      const leadIsTownship = c.leadDepartmentCode === TOWNSHIP_MARK;
      return {
        categoryCode: categoryCode(c.categoryCode),
        regionCode: c.regionCode || null,
        leadDepartmentCode: leadIsTownship ? null : c.leadDepartmentCode || null,
        leadIsTownship,
        coDepartmentCodes: co.filter((x) => x !== TOWNSHIP_MARK).sort(),
        coTownship: co.includes(TOWNSHIP_MARK),
        timeLimitClass: fromLabel(TIME_LIMIT_LABELS, c.timeLimitClass),
        note: c.note,
        active: true,
      };
    }
    case 'category_mapping':
      return { channelCode: c.channelCode, hint: c.hint, categoryCode: categoryCode(c.categoryCode), active: true };
    case 'region':
      return { code: c.code, name: c.name, level: fromLabel(LEVEL_LABELS, c.level), parentCode: c.parentCode || null, active: true };
  }
}

function keyOf(table: ReferenceTable, row: object): string {
  switch (table) {
    case 'responsibility_rule':
      return ruleKey(row as RuleRow);
    case 'category_mapping':
      return mappingKey(row as MappingRow);
    default:
      return (row as { code: string }).code;
  }
}

// ── import: validation as a whole ───────────────────────────────────────────────────────────

/**
 * The state the workbook describes: its rows active, every other row of the database inactive
 * (a row left out is deactivated), channels as they are (plus the hub's built-in ones).
 */
function targetState(current: ReferenceState, parsed: ParsedWorkbook): ReferenceState {
  const overlay = <R extends { active: boolean }>(rows: Map<string, R>, located: Array<Located<R>>, key: (r: R) => string) => {
    const next = new Map<string, R>();
    for (const [k, r] of rows) next.set(k, { ...r, active: false });
    for (const { row } of located) next.set(key(row), row);
    return next;
  };
  return {
    departments: overlay(current.departments, parsed.departments, (r) => r.code),
    categories: overlay(current.categories, parsed.categories, (r) => r.code),
    regions: overlay(current.regions, parsed.regions, (r) => r.code),
    rules: overlay(current.rules, parsed.rules, ruleKey),
    mappings: overlay(current.mappings, parsed.mappings, mappingKey),
    channels: new Set([...current.channels, ...CHANNELS.map((c) => c.code)]),
  };
}

/** Every problem of the workbook against the state it describes, with the same rules as GraphQL. */
export function validateReferenceWorkbook(current: ReferenceState, parsed: ParsedWorkbook): WorkbookProblem[] {
  const target = targetState(current, parsed);
  const problems = [...parsed.problems];
  const spec = (table: ReferenceTable) => SHEETS.find((s) => s.table === table)!;
  const report = (table: ReferenceTable, line: number, found: Problem[]) => {
    for (const p of found) {
      const field = p.field === 'liaisons' ? 'liaisons' : p.field;
      const where = locate(parsed, spec(table), line, field, p.zh, p.en);
      // A required cell already reported empty is not reported again by the rules.
      if (!problems.some((q) => q.sheet === where.sheet && q.row === where.row && q.column === where.column && q.zh.startsWith('必填项'))) problems.push(where);
    }
  };
  for (const { row, line } of parsed.regions) {
    const found = checkRegion(row, target);
    const before = current.regions.get(row.code);
    if (before && before.level !== row.level && Object.values(RegionLevel).includes(row.level))
      found.push({ field: 'level', zh: '区划层级不能修改', en: 'the level of a region cannot change' });
    report('region', line, found);
  }
  for (const { row, line } of parsed.departments) report('department', line, checkDepartment(row, target));
  for (const { row, line } of parsed.categories) report('category', line, checkCategory(row, target));
  for (const { row, line } of parsed.rules) report('responsibility_rule', line, checkRule(row, target));
  for (const { row, line } of parsed.mappings) report('category_mapping', line, checkMapping(row, target));
  return problems.sort((a, b) => SHEETS.findIndex((s) => s.name === a.sheet) - SHEETS.findIndex((s) => s.name === b.sheet) || a.row - b.row);
}

// ── import: applying ────────────────────────────────────────────────────────────────────────

export interface TableSummary {
  added: number;
  changed: number;
  deactivated: number;
}

export interface ImportSummary {
  dryRun: boolean;
  /** By sheet name (部门, 类别, 职责清单, 渠道类别映射, 区划), plus 渠道 for built-in channels added. */
  tables: Record<string, TableSummary>;
}

export type ImportResult = { ok: true; summary: ImportSummary } | { ok: false; problems: WorkbookProblem[] };

class DryRun extends Error {
  constructor(readonly summary: ImportSummary) {
    super('dry run');
  }
}

function depthOf(code: string, parentOf: (code: string) => string | null): number {
  let depth = 0;
  for (let at = parentOf(code); at && depth < 1000; at = parentOf(at)) depth++;
  return depth;
}

/**
 * Validates the workbook as a whole, then applies it in one transaction (parents before children,
 * deactivations last and children first), audited as `actor`. With `dryRun` the transaction is
 * rolled back after the same work, so the summary is exactly what a real import would do.
 */
export async function importReferenceWorkbook(
  em: EntityManager,
  body: Buffer,
  options: { dryRun?: boolean; actor?: ReferenceActor } = {},
): Promise<ImportResult> {
  const parsed = await readReferenceWorkbook(body);
  if (parsed.problems.some((p) => p.row <= 1)) return { ok: false, problems: parsed.problems };
  const problems = validateReferenceWorkbook(await loadReferenceState(em), parsed);
  if (problems.length) return { ok: false, problems };

  const tables: Record<string, TableSummary> = {};
  for (const spec of SHEETS) tables[spec.name] = { added: 0, changed: 0, deactivated: 0 };
  const count = (sheet: string, outcome: Outcome) => {
    if (outcome === 'added') tables[sheet].added++;
    else if (outcome === 'changed' || outcome === 'reactivated') tables[sheet].changed++;
    else if (outcome === 'deactivated') tables[sheet].deactivated++;
  };
  let failedAt = null as WorkbookProblem | null;
  try {
    await em.transactional(async (tx) => {
      const writer = await ReferenceWriter.open(tx as EntityManager, options.actor ?? CLI_ACTOR);
      const target = targetState(writer.state, parsed);
      const step = async (table: ReferenceTable, line: number, work: () => Promise<Outcome>) => {
        try {
          count(SHEETS.find((s) => s.table === table)!.name, await work());
        } catch (error) {
          if (error instanceof HubError && error.extensions.code === 'BAD_USER_INPUT') {
            const spec = SHEETS.find((s) => s.table === table)!;
            failedAt = locate(
              parsed,
              spec,
              line,
              String(error.extensions.field ?? spec.columns[0].field),
              String(error.extensions.messageZh),
              String(error.extensions.messageEn),
            );
          }
          throw error;
        }
      };
      const regionParent = (code: string) => target.regions.get(code)?.parentCode ?? null;
      const departmentParent = (code: string) => target.departments.get(code)?.parentCode ?? null;

      const added = await ensureChannels(tx as EntityManager, writer.state);
      if (added) tables.渠道 = { added, changed: 0, deactivated: 0 };
      for (const { row, line } of [...parsed.regions].sort((a, b) => depthOf(a.row.code, regionParent) - depthOf(b.row.code, regionParent))) {
        await step('region', line, async () => (await writer.region(row, 'ANY')).outcome);
      }
      for (const { row, line } of [...parsed.departments].sort((a, b) => depthOf(a.row.code, departmentParent) - depthOf(b.row.code, departmentParent))) {
        await step('department', line, async () => (await writer.department(row, 'ANY')).outcome);
      }
      if (added) await linkChannelDepartments(tx as EntityManager);
      for (const { row, line } of [...parsed.categories].sort((a, b) => a.row.code.length - b.row.code.length)) {
        await step('category', line, async () => (await writer.category(row, 'ANY')).outcome);
      }
      for (const { row, line } of parsed.rules) await step('responsibility_rule', line, async () => (await writer.rule(row, 'ANY')).outcome);
      for (const { row, line } of parsed.mappings) await step('category_mapping', line, async () => (await writer.mapping(row, 'ANY')).outcome);

      // Rows left out of the workbook: deactivated, most dependent first.
      const gone = <R extends { active: boolean }>(current: Map<string, R>, next: Map<string, R>) =>
        [...current].filter(([k, r]) => r.active && !next.get(k)?.active).map(([k]) => k);
      const deactivate = async (table: ReferenceTable, keys: string[]) => {
        for (const key of keys) await step(table, 1, () => writer.setRowActive(table, key, false, 'ANY'));
      };
      const snapshot = await loadReferenceState(tx as EntityManager);
      await deactivate('category_mapping', gone(snapshot.mappings, target.mappings));
      await deactivate('responsibility_rule', gone(snapshot.rules, target.rules));
      await deactivate(
        'category',
        gone(snapshot.categories, target.categories).sort((a, b) => b.length - a.length),
      );
      await deactivate(
        'department',
        gone(snapshot.departments, target.departments).sort(
          (a, b) => depthOf(b, (c) => snapshot.departments.get(c)?.parentCode ?? null) - depthOf(a, (c) => snapshot.departments.get(c)?.parentCode ?? null),
        ),
      );
      await deactivate(
        'region',
        gone(snapshot.regions, target.regions).sort(
          (a, b) => depthOf(b, (c) => snapshot.regions.get(c)?.parentCode ?? null) - depthOf(a, (c) => snapshot.regions.get(c)?.parentCode ?? null),
        ),
      );

      await writer.finish();
      if (options.dryRun) throw new DryRun({ dryRun: true, tables });
    });
  } catch (error) {
    if (error instanceof DryRun) return { ok: true, summary: error.summary };
    if (failedAt) return { ok: false, problems: [failedAt] };
    throw error;
  }
  return { ok: true, summary: { dryRun: false, tables } };
}

/**
 * The hub's own channels (12345 and the connectors it is built with, reference/channels.ts) are
 * part of the hub, not of the workbook: a fresh county gets any that are missing.
 */
async function ensureChannels(tx: EntityManager, state: ReferenceState): Promise<number> {
  let added = 0;
  for (const seed of CHANNELS) {
    if (state.channels.has(seed.code)) continue;
    tx.create(Channel, { code: seed.code, name: seed.name, kind: seed.kind, mode: seed.mode, pulled: seed.pulled });
    state.channels.add(seed.code);
    added++;
  }
  if (added) await tx.flush();
  return added;
}

/** Channels added by the import get their managing department (附件1) when the county has that unit. */
async function linkChannelDepartments(tx: EntityManager): Promise<void> {
  for (const seed of CHANNELS) {
    const department = await tx.findOne(Department, { code: seed.managingDepartmentCode });
    if (department) await tx.nativeUpdate(Channel, { code: seed.code, managingDepartment: null }, { managingDepartment: department });
  }
}
