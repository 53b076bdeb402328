import type { EntityManager } from '@mikro-orm/postgresql';
import { readMapper } from '../db/read-model';
import { Category, Channel, Department, Region } from '../entities';
import { type DepartmentKind } from './vocabulary';

/** Reference data as listed to frontends (承办单位, 渠道, 诉求分类, 行政区划): small tables, read whole. */

/** Departments by path, optionally of one kind or under one parent; active only unless asked. */
export async function listDepartments(
  em: EntityManager,
  args: { kind?: DepartmentKind | null; parentCode?: string | null; includeInactive?: boolean },
): Promise<Department[]> {
  const kind = args.kind ?? null;
  const parentCode = args.parentCode ?? null;
  const rows = await em.execute(
    `select d.* from department d
      where (?::text is null or d.kind::text = ?)
        and (?::text is null or d.parent_id = (select id from department where code = ?))
        and (? or d.active)
      order by d.path`,
    [kind, kind, parentCode, parentCode, !!args.includeInactive],
  );
  return rows.map(readMapper(em, Department).map);
}

export async function listChannels(em: EntityManager): Promise<Channel[]> {
  return (await em.execute('select * from channel order by id')).map(readMapper(em, Channel).map);
}

/** Top-level categories (all levels with `all`), by code; active only unless asked. */
export async function listCategories(em: EntityManager, args: { all: boolean; includeInactive: boolean }): Promise<Category[]> {
  const rows = await em.execute(`select * from category where (? or level = 1) and (? or active) order by code`, [args.all, args.includeInactive]);
  return rows.map(readMapper(em, Category).map);
}

/** Regions by code; active only unless asked. */
export async function listRegions(em: EntityManager, args: { includeInactive: boolean }): Promise<Region[]> {
  return (await em.execute('select * from region where (? or active) order by code', [args.includeInactive])).map(readMapper(em, Region).map);
}
