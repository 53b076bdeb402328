import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../common/errors';
import { shanghaiMonthStart } from '../common/time';
import { readMapper } from '../db/read-model';
import { pgArray } from '../db/sql';
import { LeaderDutySchedule } from '../entities';
import { DUTY_SCHEDULE_SEED } from './duty-schedule-2024';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** A yyyy-MM month and its Asia/Shanghai boundaries [start, end). BAD_USER_INPUT otherwise. */
export function parseMonth(month: string, field = 'month'): { month: string; start: Date; end: Date } {
  const m = MONTH.exec(month?.trim() ?? '');
  if (!m) throw badInput(`月份格式应为 yyyy-MM：${month}`, `month must be yyyy-MM: ${month}`, field);
  const year = Number(m[1]);
  const index = Number(m[2]) - 1;
  return {
    month: m[0],
    start: shanghaiMonthStart(year, index),
    end: shanghaiMonthStart(year, index + 1),
  };
}

export interface DutyScheduleInput {
  month: string;
  leaderName: string;
  categoriesText: string;
  categoryCodes: string[];
}

/** 区长热线日 schedule (000): who is on duty each month and for which hard-case categories. */
export class DutyScheduleService {
  async list(em: EntityManager, year: number): Promise<LeaderDutySchedule[]> {
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badInput(`年份无效：${year}`, `year must be between 2000 and 2100: ${year}`, 'year');
    const rows = await em.execute('select * from leader_duty_schedule where month like ? order by month', [`${year}-%`]);
    return rows.map(readMapper(em, LeaderDutySchedule).map);
  }

  async byMonth(em: EntityManager, month: string): Promise<LeaderDutySchedule | null> {
    const [row] = await em.execute('select * from leader_duty_schedule where month = ?', [month]);
    return row ? readMapper(em, LeaderDutySchedule).map(row) : null;
  }

  /** Upsert by month after validating the month, the texts and that every category code exists. */
  async set(em: EntityManager, input: DutyScheduleInput): Promise<LeaderDutySchedule> {
    const { month } = parseMonth(input.month);
    const leaderName = input.leaderName.trim();
    if (!leaderName) throw badInput('值班区领导不能为空', 'leaderName is empty', 'leaderName');
    if ([...leaderName].length > 50) throw badInput('值班区领导姓名过长', 'leaderName is longer than 50 characters', 'leaderName');
    const categoriesText = input.categoriesText.trim();
    if (!categoriesText) throw badInput('疑难诉求类别不能为空', 'categoriesText is empty', 'categoriesText');
    const categoryCodes = [...new Set(input.categoryCodes.map((c) => c.trim()))];
    if (categoryCodes.length) {
      const rows = await em.execute('select code from category where code = any(?::text[])', [pgArray(categoryCodes)]);
      const known = new Set(rows.map((r) => r.code as string));
      const unknown = categoryCodes.filter((c) => !known.has(c));
      if (unknown.length) throw badInput(`分类代码不存在：${unknown.join('、')}`, `unknown category codes: ${unknown.join(', ')}`, 'categoryCodes');
    }
    return em.upsert(LeaderDutySchedule, { month, leaderName, categoriesText, categoryCodes }, { onConflictFields: ['month'] });
  }
}

/** Seeds the 2024 table (and its 2026 demo copy) into an empty leader_duty_schedule. */
export async function seedDutySchedule(em: EntityManager, knownCategoryCodes: ReadonlySet<string>): Promise<number> {
  if ((await em.count(LeaderDutySchedule, {})) > 0) return 0;
  for (const seed of DUTY_SCHEDULE_SEED) {
    for (const code of seed.categoryCodes) {
      if (!knownCategoryCodes.has(code)) throw new Error(`duty schedule ${seed.month}: unknown category ${code}`);
    }
    em.create(LeaderDutySchedule, { ...seed, categoryCodes: [...seed.categoryCodes] });
  }
  await em.flush();
  return DUTY_SCHEDULE_SEED.length;
}
