import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../../auth/viewer';
import { badInput, HubError, notFound, type Bilingual } from '../../common/errors';
import { encodeCursor, decodeCursor } from '../../common/relay';
import { pageRequest, toConnection, type ConnectionData, type PageArgs } from '../../common/connection';
import { Category, CategoryMapping, Channel, Department, Region, ResponsibilityRule } from '../../entities';
import { appendToEventLog } from '../../events/event-log';
import { Topics } from '../../events/topics';
import type { ReferenceCache } from '../reference-cache';
import {
  categoryParentCode,
  checkCategory,
  checkDeactivation,
  checkDepartment,
  checkMapping,
  checkRegion,
  checkRule,
  loadReferenceState,
  mappingKey,
  normaliseLiaisons,
  ruleKey,
  sameContent,
  type CategoryRow,
  type DepartmentRow,
  type MappingRow,
  type Problem,
  type ReferenceState,
  type ReferenceTable,
  type RegionRow,
  type RuleRow,
} from './reference-rules';

/** Who changes reference data: a token (GraphQL) or the command line ("cli"). */
export interface ReferenceActor {
  tokenId: string | null;
  label: string;
}

export const CLI_ACTOR: ReferenceActor = { tokenId: null, label: 'cli' };

export function viewerActor(viewer: Viewer): ReferenceActor {
  return { tokenId: String(viewer.tokenId), label: viewer.label };
}

/**
 * The version the caller last saw: null creates (a row with that key must not exist), a number
 * updates at that version (else CONFLICT), 'ANY' is the workbook import (it states the whole
 * table, so it applies over whatever version is there).
 */
export type ExpectedVersion = number | null | 'ANY';

export type Outcome = 'added' | 'changed' | 'deactivated' | 'reactivated' | 'unchanged';

type Editable<R> = Omit<R, 'active'> & { active?: boolean };

const TABLE_NAMES: Record<ReferenceTable, Bilingual> = {
  department: { zh: '单位', en: 'Department' },
  category: { zh: '分类', en: 'Category' },
  region: { zh: '区划', en: 'Region' },
  responsibility_rule: { zh: '职责清单条目', en: '职责清单 rule' },
  category_mapping: { zh: '渠道分类映射', en: 'Category mapping' },
};

/** Problems found by the rules, as one BAD_USER_INPUT naming the first field and listing them all. */
export function problemsError(problems: Problem[]): HubError {
  const [first] = problems;
  return new HubError(
    'BAD_USER_INPUT',
    { zh: problems.map((p) => p.zh).join('；'), en: problems.map((p) => p.en).join('; ') },
    { field: first.field, problems: problems.map((p) => ({ field: p.field, zh: p.zh, en: p.en })) },
  );
}

/**
 * Applies changes to the reference tables inside one transaction: every change is checked by the
 * rules (reference-rules.ts) against the state as it is at that point, written, and audited in
 * `reference_audit`; finish() announces them on REFERENCE_CHANGED (an event-log row, delivered to
 * every instance after commit, which drops its reference cache). Used by GraphQL (one change per
 * transaction) and by the workbook import (all of them in one).
 */
export class ReferenceWriter {
  private readonly touched = new Set<ReferenceTable>();
  private changes = 0;

  private constructor(
    readonly tx: EntityManager,
    readonly actor: ReferenceActor,
    readonly state: ReferenceState,
  ) {}

  static async open(tx: EntityManager, actor: ReferenceActor): Promise<ReferenceWriter> {
    // Reference edits are rare: one at a time, so the checks see what the writes will meet.
    await tx.execute(`select pg_advisory_xact_lock(hashtext('minyi_reference_admin'))`);
    return new ReferenceWriter(tx, actor, await loadReferenceState(tx));
  }

  get changeCount(): number {
    return this.changes;
  }

  /** Announces the changes (once per transaction); no change, no event. */
  async finish(): Promise<void> {
    if (!this.changes) return;
    await appendToEventLog(this.tx, Topics.REFERENCE_CHANGED, [{ tables: [...this.touched].sort(), changes: this.changes }]);
  }

  // ── 单位 departments ──────────────────────────────────────────────────────────────────────

  async department(input: Editable<DepartmentRow>, expected: ExpectedVersion): Promise<{ outcome: Outcome; entity: Department }> {
    const before = this.state.departments.get(input.code);
    const row: DepartmentRow = {
      ...input,
      parentCode: input.parentCode || null,
      liaisons: normaliseLiaisons(input.liaisons),
      active: input.active ?? before?.active ?? true,
    };
    const problems = checkDepartment(row, this.state);
    if (problems.length) throw problemsError(problems);
    const existing = before ? await this.tx.findOneOrFail(Department, { code: row.code }) : null;
    this.checkVersion('department', row.code, existing, expected);
    const v0 = existing?.version ?? 0;
    if (before && existing && sameContent(before, row) && before.active === row.active) return { outcome: 'unchanged', entity: existing };
    const parent = row.parentCode ? await this.tx.findOneOrFail(Department, { code: row.parentCode }) : undefined;
    const region = await this.tx.findOneOrFail(Region, { code: row.regionCode });
    const entity = existing ?? this.tx.create(Department, { code: row.code, name: row.name, kind: row.kind, region, path: '/pending/' });
    const moved = !!existing && (existing.parent?.id ?? null) !== (parent?.id ?? null);
    Object.assign(entity, { name: row.name, kind: row.kind, parent: parent ?? null, region, liaisons: row.liaisons });
    this.setActive(entity, row.active);
    await this.tx.flush();
    if (!existing || moved) {
      // Materialised path of the department and, after a move, of its whole subtree.
      await this.tx.execute(
        `with n as (select d.id, d.path as old, coalesce(p.path, '/') || d.id || '/' as new
                      from department d left join department p on p.id = d.parent_id where d.id = ?)
         update department x set path = n.new || substr(x.path, length(n.old) + 1)
           from n where x.id = n.id or (n.old <> '/pending/' and x.path like n.old || '%')`,
        [entity.id],
      );
    }
    this.state.departments.set(row.code, row);
    const outcome = this.outcomeOf(before, row);
    await this.audit('department', row.code, before, v0, row, entity.version);
    return { outcome, entity };
  }

  // ── 分类 categories ───────────────────────────────────────────────────────────────────────

  async category(
    input: Omit<Editable<CategoryRow>, 'parentCode'> & { parentCode?: string | null },
    expected: ExpectedVersion,
  ): Promise<{ outcome: Outcome; entity: Category }> {
    const before = this.state.categories.get(input.code);
    const row: CategoryRow = {
      code: input.code,
      name: input.name,
      parentCode: input.parentCode === undefined ? categoryParentCode(input.code) : input.parentCode || null,
      active: input.active ?? before?.active ?? true,
    };
    const problems = checkCategory(row, this.state);
    if (problems.length) throw problemsError(problems);
    const existing = before ? await this.tx.findOneOrFail(Category, { code: row.code }) : null;
    this.checkVersion('category', row.code, existing, expected);
    const v0 = existing?.version ?? 0;
    if (before && existing && sameContent(before, row) && before.active === row.active) return { outcome: 'unchanged', entity: existing };
    const parent = row.parentCode ? await this.tx.findOneOrFail(Category, { code: row.parentCode }) : undefined;
    const entity = existing ?? this.tx.create(Category, { code: row.code, name: row.name, level: row.code.length / 2, parent });
    entity.name = row.name;
    this.setActive(entity, row.active);
    await this.tx.flush();
    this.state.categories.set(row.code, row);
    await this.audit('category', row.code, before, v0, row, entity.version);
    return { outcome: this.outcomeOf(before, row), entity };
  }

  // ── 区划 regions ──────────────────────────────────────────────────────────────────────────

  async region(input: Editable<RegionRow>, expected: ExpectedVersion): Promise<{ outcome: Outcome; entity: Region }> {
    const before = this.state.regions.get(input.code);
    const row: RegionRow = { ...input, parentCode: input.parentCode || null, active: input.active ?? before?.active ?? true };
    const problems = checkRegion(row, this.state);
    if (before && before.level !== row.level) problems.push({ field: 'level', zh: '区划层级不能修改', en: 'the level of a region cannot change' });
    if (problems.length) throw problemsError(problems);
    const existing = before ? await this.tx.findOneOrFail(Region, { code: row.code }) : null;
    this.checkVersion('region', row.code, existing, expected);
    const v0 = existing?.version ?? 0;
    if (before && existing && sameContent(before, row) && before.active === row.active) return { outcome: 'unchanged', entity: existing };
    const parent = row.parentCode ? await this.tx.findOneOrFail(Region, { code: row.parentCode }) : undefined;
    const entity = existing ?? this.tx.create(Region, { code: row.code, name: row.name, level: row.level, parent });
    Object.assign(entity, { name: row.name, parent: parent ?? null });
    this.setActive(entity, row.active);
    await this.tx.flush();
    this.state.regions.set(row.code, row);
    await this.audit('region', row.code, before, v0, row, entity.version);
    return { outcome: this.outcomeOf(before, row), entity };
  }

  // ── 职责清单 rules ────────────────────────────────────────────────────────────────────────

  async rule(input: Editable<RuleRow>, expected: ExpectedVersion): Promise<{ outcome: Outcome; entity: ResponsibilityRule }> {
    const key = ruleKey({ categoryCode: input.categoryCode, regionCode: input.regionCode || null });
    const before = this.state.rules.get(key);
    const row: RuleRow = {
      ...input,
      regionCode: input.regionCode || null,
      leadDepartmentCode: input.leadDepartmentCode || null,
      coDepartmentCodes: [...input.coDepartmentCodes].sort(),
      note: (input.note ?? '').trim(),
      active: input.active ?? before?.active ?? true,
    };
    const problems = checkRule(row, this.state);
    if (problems.length) throw problemsError(problems);
    const existing = before ? await this.findRule(row) : null;
    this.checkVersion('responsibility_rule', key, existing, expected);
    const v0 = existing?.version ?? 0;
    if (before && existing && sameContent(before, row) && before.active === row.active) return { outcome: 'unchanged', entity: existing };
    const category = await this.tx.findOneOrFail(Category, { code: row.categoryCode });
    const region = row.regionCode ? await this.tx.findOneOrFail(Region, { code: row.regionCode }) : undefined;
    const lead = row.leadDepartmentCode ? await this.tx.findOneOrFail(Department, { code: row.leadDepartmentCode }) : undefined;
    const co = row.coDepartmentCodes.length ? await this.tx.find(Department, { code: { $in: row.coDepartmentCodes } }) : [];
    const entity = existing ?? this.tx.create(ResponsibilityRule, { category, region, timeLimitClass: row.timeLimitClass });
    if (existing) await existing.coDepartments.init();
    Object.assign(entity, {
      leadDepartment: lead ?? null,
      leadIsTownship: row.leadIsTownship,
      coTownship: row.coTownship,
      timeLimitClass: row.timeLimitClass,
      note: row.note,
    });
    entity.coDepartments.set(co);
    this.setActive(entity, row.active);
    await this.tx.flush();
    if (existing && entity.version === v0) {
      // Only the co-handlers changed (the pivot table): the rule's version still counts the change.
      await this.tx.execute('update responsibility_rule set version = version + 1 where id = ?', [entity.id]);
      await this.tx.refresh(entity);
    }
    this.state.rules.set(key, row);
    await this.audit('responsibility_rule', key, before, v0, row, entity.version);
    return { outcome: this.outcomeOf(before, row), entity };
  }

  private findRule(row: { categoryCode: string; regionCode: string | null }): Promise<ResponsibilityRule> {
    return this.tx.findOneOrFail(ResponsibilityRule, { category: { code: row.categoryCode }, region: row.regionCode ? { code: row.regionCode } : null });
  }

  // ── 渠道分类映射 channel category mappings ───────────────────────────────────────────────

  async mapping(input: Editable<MappingRow>, expected: ExpectedVersion): Promise<{ outcome: Outcome; entity: CategoryMapping }> {
    const key = mappingKey(input);
    const before = this.state.mappings.get(key);
    const row: MappingRow = { ...input, active: input.active ?? before?.active ?? true };
    const problems = checkMapping(row, this.state);
    if (problems.length) throw problemsError(problems);
    const existing = before ? await this.tx.findOneOrFail(CategoryMapping, { channel: { code: row.channelCode }, hint: row.hint }) : null;
    this.checkVersion('category_mapping', key, existing, expected);
    const v0 = existing?.version ?? 0;
    if (before && existing && sameContent(before, row) && before.active === row.active) return { outcome: 'unchanged', entity: existing };
    const category = await this.tx.findOneOrFail(Category, { code: row.categoryCode });
    const channel = await this.tx.findOneOrFail(Channel, { code: row.channelCode });
    const entity = existing ?? this.tx.create(CategoryMapping, { channel, hint: row.hint, category });
    entity.category = category;
    this.setActive(entity, row.active);
    await this.tx.flush();
    this.state.mappings.set(key, row);
    await this.audit('category_mapping', key, before, v0, row, entity.version);
    return { outcome: this.outcomeOf(before, row), entity };
  }

  // ── 停用 / 启用 deactivate / reactivate ──────────────────────────────────────────────────

  /** Deactivates (never deletes) or reactivates one row by its key. */
  async setRowActive(table: ReferenceTable, key: string, active: boolean, expected: ExpectedVersion): Promise<Outcome> {
    const row = this.rowOf(table, key);
    if (!row) throw notFound(TABLE_NAMES[table]);
    if (row.active === active) {
      // Still a version check: the caller acted on what it saw.
      this.checkVersion(table, key, await this.entityOf(table, row), expected);
      return 'unchanged';
    }
    if (!active) {
      const problems = checkDeactivation(table, key, this.state);
      if (problems.length) throw problemsError(problems);
    }
    const next = { ...row, active };
    switch (table) {
      case 'department':
        return (await this.department(next as DepartmentRow, expected)).outcome;
      case 'category':
        return (await this.category(next as CategoryRow, expected)).outcome;
      case 'region':
        return (await this.region(next as RegionRow, expected)).outcome;
      case 'responsibility_rule':
        return (await this.rule(next as RuleRow, expected)).outcome;
      case 'category_mapping':
        return (await this.mapping(next as MappingRow, expected)).outcome;
    }
  }

  rowOf(table: ReferenceTable, key: string): DepartmentRow | CategoryRow | RegionRow | RuleRow | MappingRow | undefined {
    switch (table) {
      case 'department':
        return this.state.departments.get(key);
      case 'category':
        return this.state.categories.get(key);
      case 'region':
        return this.state.regions.get(key);
      case 'responsibility_rule':
        return this.state.rules.get(key);
      case 'category_mapping':
        return this.state.mappings.get(key);
    }
  }

  async entityOf(table: ReferenceTable, row: object): Promise<{ id: number; version: number }> {
    switch (table) {
      case 'department':
        return this.tx.findOneOrFail(Department, { code: (row as DepartmentRow).code });
      case 'category':
        return this.tx.findOneOrFail(Category, { code: (row as CategoryRow).code });
      case 'region':
        return this.tx.findOneOrFail(Region, { code: (row as RegionRow).code });
      case 'responsibility_rule':
        return this.findRule(row as RuleRow);
      case 'category_mapping':
        return this.tx.findOneOrFail(CategoryMapping, { channel: { code: (row as MappingRow).channelCode }, hint: (row as MappingRow).hint });
    }
  }

  // ── helpers ───────────────────────────────────────────────────────────────────────────────

  private checkVersion(table: ReferenceTable, key: string, existing: { version: number } | null, expected: ExpectedVersion): void {
    if (expected === 'ANY') return;
    const what = TABLE_NAMES[table];
    if (expected === null && existing) {
      throw badInput(`${what.zh}已存在：${key}（修改请回传 version）`, `${what.en} ${key} already exists (pass its version to edit it)`, 'code');
    }
    if (expected !== null && !existing) throw notFound(what);
    if (expected !== null && existing && existing.version !== expected) {
      throw new HubError('CONFLICT', undefined, { currentVersion: existing.version });
    }
  }

  private setActive(entity: { active: boolean; deactivatedAt?: Date | null }, active: boolean): void {
    if (entity.active === active && (active || entity.deactivatedAt)) return;
    entity.active = active;
    entity.deactivatedAt = active ? null : new Date();
  }

  private outcomeOf(before: { active: boolean } | undefined, row: { active: boolean }): Outcome {
    if (!before) return 'added';
    if (before.active && !row.active) return 'deactivated';
    if (!before.active && row.active) return 'reactivated';
    return 'changed';
  }

  private async audit(
    table: ReferenceTable,
    key: string,
    before: object | undefined,
    beforeVersion: number,
    after: object,
    afterVersion: number,
  ): Promise<void> {
    this.touched.add(table);
    this.changes++;
    await this.tx.execute(`insert into reference_audit (actor_token_id, actor_label, table_name, key, before, after) values (?, ?, ?, ?, ?::jsonb, ?::jsonb)`, [
      this.actor.tokenId,
      this.actor.label,
      table,
      key,
      before ? JSON.stringify({ ...before, version: beforeVersion }) : null,
      JSON.stringify({ ...after, version: afterVersion }),
    ]);
  }
}

export interface ReferenceAuditRow {
  id: string;
  occurredAt: Date;
  actorTokenId: string | null;
  actorLabel: string;
  table: ReferenceTable;
  key: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** The tables `setActive` serves, and their entities. */
const ACTIVATABLE = { department: Department, category: Category, region: Region } as const;

/**
 * 基础数据维护 ADMIN's edits of the county's reference data (GraphQL), one change per transaction,
 * through the same writer and rules as the workbook import. The local reference cache is dropped
 * right after commit (other instances drop theirs when the REFERENCE_CHANGED event reaches them).
 */
export class ReferenceAdminService {
  constructor(private readonly cache?: ReferenceCache) {}

  async change<T>(em: EntityManager, actor: ReferenceActor, fn: (writer: ReferenceWriter) => Promise<T>): Promise<T> {
    const result = await em.transactional(async (tx) => {
      const writer = await ReferenceWriter.open(tx as EntityManager, actor);
      const value = await fn(writer);
      await writer.finish();
      return value;
    });
    this.cache?.invalidate();
    return result;
  }

  /** Deactivates or reactivates a department, category or region (by code) and returns it as stored. */
  setActive<K extends keyof typeof ACTIVATABLE>(
    em: EntityManager,
    actor: ReferenceActor,
    table: K,
    code: string,
    active: boolean,
    version: number,
  ): Promise<InstanceType<(typeof ACTIVATABLE)[K]>> {
    return this.change(em, actor, async (w) => {
      await w.setRowActive(table, code, active, version);
      return (await w.tx.findOneOrFail(ACTIVATABLE[table] as typeof Department, { code })) as InstanceType<(typeof ACTIVATABLE)[K]>;
    });
  }

  /** Newest first; `table` narrows to one table. */
  async audit(em: EntityManager, args: PageArgs & { table?: ReferenceTable | null }): Promise<ConnectionData<ReferenceAuditRow>> {
    const request = pageRequest({ first: args.first, after: args.after });
    const where: string[] = ['true'];
    const params: unknown[] = [];
    if (args.table) {
      where.push('table_name = ?');
      params.push(args.table);
    }
    const countWhere = where.join(' and ');
    const countParams = [...params];
    if (request.cursor) {
      const [id] = decodeCursor(request.cursor, ['text']);
      if (!/^\d{1,18}$/.test(id)) throw badInput('无效的分页游标', 'Invalid pagination cursor', 'after');
      where.push('id < ?::bigint');
      params.push(id);
    }
    const rows = await em.execute(
      `select id::text as id, occurred_at, actor_token_id, actor_label, table_name, key, before, after
         from reference_audit where ${where.join(' and ')} order by reference_audit.id desc limit ${request.limit + 1}`,
      params,
    );
    const json = (v: unknown) => (v == null ? null : typeof v === 'string' ? JSON.parse(v) : v) as Record<string, unknown> | null;
    return toConnection(
      rows.map((r: Record<string, any>) => ({
        id: r.id,
        occurredAt: r.occurred_at instanceof Date ? r.occurred_at : new Date(r.occurred_at),
        actorTokenId: r.actor_token_id ?? null,
        actorLabel: r.actor_label,
        table: r.table_name,
        key: r.key,
        before: json(r.before),
        after: json(r.after),
      })),
      request,
      (r) => encodeCursor([r.id]),
      async () => (await em.execute(`select count(*)::int as n from reference_audit where ${countWhere}`, countParams))[0].n,
    );
  }
}
