import type { EntityManager } from '@mikro-orm/postgresql';
import { Category, Channel, Department, Region, ResponsibilityRule } from '../entities';
import { seedDutySchedule } from '../dispatch/duty-schedule.service';
import { CHANNELS } from '../reference/channels';
import { notifyReferenceChanged } from '../reference/reference-cache';
import { COUNTY, TOWNSHIPS } from '../reference/townships';
import { TimeLimitClass } from '../work-orders/enums';
import { CATEGORIES, type CategorySeed } from './data/categories';
import { DEPARTMENTS } from './data/departments';
import { RESPONSIBILITY_RULES } from './data/responsibility-rules';
import { Random } from './random';
import { GIVEN_NAME_CHARS, SURNAMES, VILLAGES } from './data/texts';
import { DepartmentKind, RegionLevel } from '../reference/vocabulary';

/**
 * Loads the county's reference data: regions, departments (tree), channels, the three-level
 * category tree and the 职责清单. Only what is missing (by code) is inserted, so it can run on
 * every start and after an upgrade adds entries.
 */
export async function seedReferenceData(em: EntityManager): Promise<{ inserted: number }> {
  let inserted = 0;
  const random = new Random(360704);

  // Regions: the county and its townships.
  const regions = new Map((await em.find(Region, {})).map((r) => [r.code, r]));
  let county = regions.get(COUNTY.code);
  if (!county) {
    county = em.create(Region, { code: COUNTY.code, name: COUNTY.name, level: RegionLevel.COUNTY });
    regions.set(county.code, county);
    inserted++;
  }
  for (const t of TOWNSHIPS) {
    if (regions.has(t.code)) continue;
    regions.set(t.code, em.create(Region, { code: t.code, name: t.name, level: RegionLevel.TOWNSHIP, parent: county }));
    inserted++;
  }
  await em.flush();

  // Departments: parents before children (the seed lists them so); path needs the ids.
  const departments = new Map((await em.find(Department, {})).map((d) => [d.code, d]));
  const added: Department[] = [];
  for (const seed of DEPARTMENTS) {
    if (departments.has(seed.code)) continue;
    const parent = seed.parentCode ? departments.get(seed.parentCode) : undefined;
    if (seed.parentCode && !parent) throw new Error(`department ${seed.code}: parent ${seed.parentCode} comes later or is missing`);
    const department = em.create(Department, {
      code: seed.code,
      name: seed.name,
      kind: seed.kind as DepartmentKind,
      parent,
      region: regions.get(seed.regionCode) ?? county,
      path: '/pending/',
      liaisons: seed.liaisons.map((l) => ({
        role: l.role,
        title: l.title,
        name: `${random.pick(SURNAMES)}${random.pick(GIVEN_NAME_CHARS)}${random.chance(0.6) ? random.pick(GIVEN_NAME_CHARS) : ''}`,
        phone: l.role === 'LEADER' ? `139${String(random.int(0, 99_999_999)).padStart(8, '0')}` : `0797-44${String(random.int(0, 99_999)).padStart(5, '0')}`,
      })),
    });
    departments.set(seed.code, department);
    added.push(department);
    inserted++;
  }
  // One flush for all of them (a flush per department re-examined every managed entity each time),
  // then the paths from the ids, parents first (the seed's order), in a second.
  await em.flush();
  for (const department of added) department.path = `${department.parent?.path ?? '/'}${department.id}/`;
  await em.flush();

  // Channels.
  const channels = new Set((await em.find(Channel, {})).map((c) => c.code));
  for (const seed of CHANNELS) {
    if (channels.has(seed.code)) continue;
    em.create(Channel, {
      code: seed.code,
      name: seed.name,
      kind: seed.kind,
      mode: seed.mode,
      pulled: seed.pulled,
      managingDepartment: departments.get(seed.managingDepartmentCode),
    });
    inserted++;
  }

  // Categories, level by level.
  const categories = new Map((await em.find(Category, {})).map((c) => [c.code, c]));
  const addCategories = (seeds: CategorySeed[], parent: Category | undefined, level: number) => {
    for (const seed of seeds) {
      let category = categories.get(seed.code);
      if (!category) {
        category = em.create(Category, { code: seed.code, name: seed.name, level, parent });
        categories.set(seed.code, category);
        inserted++;
      }
      if (seed.children) addCategories(seed.children, category, level + 1);
    }
  };
  addCategories(CATEGORIES, undefined, 1);
  await em.flush();

  // 职责清单: loaded once (rules are edited in the hub afterwards, not re-imported).
  if ((await em.count(ResponsibilityRule, {})) === 0) {
    for (const seed of RESPONSIBILITY_RULES) {
      const category = categories.get(seed.categoryCode);
      if (!category) throw new Error(`responsibility rule: unknown category ${seed.categoryCode}`);
      const lead = seed.lead === 'TOWNSHIP' ? undefined : departments.get(seed.lead);
      if (seed.lead !== 'TOWNSHIP' && !lead) throw new Error(`responsibility rule ${seed.categoryCode}: unknown lead ${seed.lead}`);
      const rule = em.create(ResponsibilityRule, {
        category,
        region: seed.regionCode ? regions.get(seed.regionCode) : undefined,
        leadDepartment: lead,
        leadIsTownship: seed.lead === 'TOWNSHIP',
        coTownship: seed.co.includes('TOWNSHIP'),
        timeLimitClass: seed.timeLimitClass as TimeLimitClass,
        note: seed.note,
      });
      for (const code of seed.co.filter((c) => c !== 'TOWNSHIP')) {
        const co = departments.get(code);
        if (!co) throw new Error(`responsibility rule ${seed.categoryCode}: unknown co-handler ${code}`);
        rule.coDepartments.add(co);
      }
      inserted++;
    }
  }
  await em.flush();

  // 区长热线日 2024 table (000) and its 2026 demo copy: loaded once, edited in the hub afterwards.
  inserted += await seedDutySchedule(em, new Set(categories.keys()));
  if (inserted) await notifyReferenceChanged(em);
  return { inserted };
}

/**
 * The demo county's villages and communities (src/demo/data/texts.ts VILLAGES) as VILLAGE regions
 * under their townships: the county's own gazetteer, which the text analyser reads to recognise
 * 浓口村 or 梅林社区 as places. Codes follow 统计用区划代码: the township's first 9 digits, then
 * 001… for communities (社区) and 211… for villages (村). Only missing codes are inserted.
 */
export async function seedDemoVillages(em: EntityManager): Promise<{ inserted: number }> {
  const regions = new Map((await em.find(Region, {})).map((r) => [r.code, r]));
  let inserted = 0;
  for (const [townshipCode, names] of Object.entries(VILLAGES)) {
    const township = regions.get(townshipCode);
    if (!township) continue;
    let community = 0;
    let village = 0;
    for (const name of names) {
      const serial = name.endsWith('社区') ? 1 + community++ : 211 + village++;
      const code = `${townshipCode.slice(0, 9)}${String(serial).padStart(3, '0')}`;
      if (regions.has(code)) continue;
      regions.set(code, em.create(Region, { code, name, level: RegionLevel.VILLAGE, parent: township }));
      inserted++;
    }
  }
  await em.flush();
  if (inserted) await notifyReferenceChanged(em);
  return { inserted };
}
