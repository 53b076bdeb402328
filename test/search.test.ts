import { Client } from 'pg';
import { Role } from '../src/auth/roles';
import type { Viewer } from '../src/auth/viewer';
import { generateDemoOrders } from '../src/demo/generator';
import { MAX_VARIANTS_PER_WORD, SEARCH_SYNONYM_GROUPS, expandSynonyms } from '../src/work-orders/search-synonyms';
import { SEARCH_FOLD_FROM, TRADITIONAL_TO_SIMPLIFIED, foldSearchText, normalizeSearchText, searchWords } from '../src/work-orders/search-text';
import { SEARCH_STATEMENT_TIMEOUT_MS, withSearchTimeout } from '../src/work-orders/work-order-search';
import { startTestHub, type TestHub } from './support/hub';
import { Migration20270101120000 } from '../migrations/Migration20270101120000_plpgsql_write_path';

/** Fixed clock and seed: the same demo county every run. */
const NOW = new Date('2026-11-20T04:00:00Z');
const ORDERS = 3000;

const LIST = `query List($filter: WorkOrderFilter, $first: Int) {
  workOrders(filter: $filter, first: $first) { totalCount nodes { code title } }
}`;

const OPERATOR: Viewer = { tokenId: 0, label: 'search test', role: Role.OPERATOR };

describe('work-order search (filter.text)', () => {
  let t: TestHub;
  let all: number;

  beforeAll(async () => {
    t = await startTestHub();
    await generateDemoOrders(t.em(), t.hub.services.cipher, { orders: ORDERS, now: NOW, seed: 12 });
    // As autovacuum would after this many inserts: statistics, and the GIN pending list merged into the index.
    // On a session of its own without the hub's statement timeout (maintenance; VACUUM cannot run in a transaction).
    const maintenance = new Client({ connectionString: t.hub.database.url, statement_timeout: 0 });
    await maintenance.connect();
    try {
      await maintenance.query('vacuum analyze work_order');
    } finally {
      await maintenance.end();
    }
    all = await count(null);
    expect(all).toBe(ORDERS);
  }, 180_000);
  afterAll(() => t.close());

  async function search(text: string | null, token = t.tokens.OPERATOR) {
    return t.gql(token, LIST, { filter: { text }, first: 5 });
  }
  async function count(text: string | null, token = t.tokens.OPERATOR): Promise<number> {
    const result = await search(text, token);
    expect(result.errors).toBeUndefined();
    return result.data.workOrders.totalCount;
  }
  /** What the search should find, counted straight in SQL: orders whose title or content match every regex (case-insensitive). */
  async function sqlCount(...patterns: string[]): Promise<number> {
    const where = patterns.map(() => `(title || ' ' || content) ~* ?`).join(' and ');
    const [row] = await t.em().execute(`select count(*)::int as n from work_order where ${where}`, patterns);
    return row.n;
  }
  function expectBadInput(result: Awaited<ReturnType<typeof search>>, message: RegExp) {
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // (Variables may already be refused by the request preflight, which names them after the variable.)
    expect(result.errors![0].extensions!.field).toMatch(/filter\.text$/);
    expect(result.errors![0].message).toMatch(message);
  }

  describe('input', () => {
    it('refuses more than 100 characters with BAD_USER_INPUT naming the limit (counted after trimming, in characters)', async () => {
      expectBadInput(await search('噪'.repeat(101)), /100.*\|.*at most 100 characters/);
      expectBadInput(await search('a'.repeat(50_000)), /100/);
      // 100 characters are fine, also with surrounding spaces and as 100 astral characters (200 UTF-16 units).
      for (const text of [`  ${'噪'.repeat(100)}  `, '𠀀'.repeat(100)]) {
        const result = await search(text);
        expect(result.errors).toBeUndefined();
        expect(result.data.workOrders.totalCount).toBe(0);
      }
    });

    it('refuses NUL and lone surrogates', async () => {
      // In the document itself (a GraphQL string escape), which only the search argument check sees.
      const inline = await t.gql(t.tokens.OPERATOR, '{ workOrders(filter: { text: "路灯\\u0000" }) { totalCount } }');
      expectBadInput(inline, /NUL.*\|.*NUL character or a lone Unicode surrogate/);
      for (const text of ['路灯\u0000', '路灯\uD800', '\uDC00噪音']) expectBadInput(await search(text), /NUL|surrogate|代理/i);
    });

    it('reads blank or punctuation-only text as no filter, and every space- or punctuation-separated word must occur', async () => {
      for (const text of ['   ', '\u3000\t', '，。', '']) expect(await count(text)).toBe(all);
      const both = await sqlCount('路灯|街灯', '不亮');
      expect(both).toBeGreaterThan(0);
      expect(await count('路灯 不亮')).toBe(both);
      expect(await count('不亮，路灯')).toBe(both);
      expect(await count('路灯\u3000不亮')).toBe(both);
      expect(await count('路灯')).toBeGreaterThan(0);
      expect(await count('路灯 噪声')).toBe(await sqlCount('路灯|街灯', '噪音|噪声|扰民|吵闹'));
      expectBadInput(await search('一 二 三 四 五 六 七 八 九 十 十一'), /最多 10 个关键词.*\|.*at most 10 words/);
    });
  });

  describe('what it finds', () => {
    it('finds the orders that say 噪音 when asked for 噪声, and vice versa (synonym groups)', async () => {
      const noise = await sqlCount('噪音|噪声|扰民|吵闹');
      expect(noise).toBeGreaterThan(10);
      expect(await count('噪声')).toBe(noise);
      expect(await count('噪音')).toBe(noise);
      expect(await count('扰民')).toBe(noise);
      // A group word inside a longer word: 施工噪声 finds 施工噪音.
      expect(await count('施工噪声')).toBe(await sqlCount('施工(噪音|噪声|扰民|吵闹)'));
      expect(await count('施工噪声')).toBeGreaterThan(0);
      const wages = SEARCH_SYNONYM_GROUPS.find((g) => g.includes('欠薪'))!;
      expect(await count('讨薪')).toBe(await sqlCount(wages.join('|')));
      expect(await count('讨薪')).toBeGreaterThan(0);
      const water = SEARCH_SYNONYM_GROUPS.find((g) => g.includes('停水'))!;
      expect(await count('断水')).toBe(await sqlCount(water.join('|')));
      expect(await count('断水')).toBeGreaterThan(0);
    });

    it('folds full-width and upper-case letters and traditional characters, and still finds an order by its code', async () => {
      const ktv = await sqlCount('ktv');
      expect(ktv).toBeGreaterThan(0);
      expect(await count('ＫＴＶ')).toBe(ktv);
      expect(await count('Ktv')).toBe(ktv);
      expect(await count('噪聲')).toBe(await count('噪声')); // 聲 → 声
      expect(await count('停電')).toBe(await count('停电'));
      const [{ code }] = await t.em().execute(`select code from work_order order by id desc limit 1`);
      for (const text of [code, code.toLowerCase(), ` ${code} `]) {
        const result = await search(text);
        expect(result.errors).toBeUndefined();
        expect(result.data.workOrders.nodes.map((n: { code: string }) => n.code)).toEqual([code]);
      }
    });
  });

  describe('synonym list (src/work-orders/search-synonyms.ts)', () => {
    it('expands a word to its group, and a group word inside a longer word', () => {
      expect(expandSynonyms('噪声')).toEqual(['噪声', '噪音', '扰民', '吵闹']);
      expect(expandSynonyms('工地噪音')).toEqual(expect.arrayContaining(['工地噪音', '工地噪声', '工地扰民']));
      expect(expandSynonyms('路灯不亮')).toEqual(['路灯不亮', '街灯不亮']);
      expect(expandSynonyms('拖欠工资')).toContain('欠薪');
      expect(expandSynonyms('脐橙')).toEqual(['脐橙']);
      expect(expandSynonyms('噪声扰民噪音').length).toBeLessThanOrEqual(MAX_VARIANTS_PER_WORD);
      expect(expandSynonyms('噪声扰民噪音')[0]).toBe('噪声扰民噪音');
    });

    it('is well-formed: normalised words of 2+ characters, one group each, no separators', () => {
      const seen = new Map<string, number>();
      SEARCH_SYNONYM_GROUPS.forEach((group, i) => {
        expect(group.length).toBeGreaterThanOrEqual(2);
        for (const word of group) {
          expect(normalizeSearchText(word)).toBe(word);
          expect(searchWords(word)).toEqual([word]);
          expect([...word].length).toBeGreaterThanOrEqual(2);
          expect(seen.get(word)).toBeUndefined();
          seen.set(word, i);
        }
      });
      for (const [traditional, simplified] of TRADITIONAL_TO_SIMPLIFIED) {
        expect(traditional).not.toBe(simplified);
        expect(TRADITIONAL_TO_SIMPLIFIED.has(simplified)).toBe(false);
      }
    });
  });

  describe('index and plan', () => {
    it('folds in the database exactly as the query side does (one table, two places)', async () => {
      const sample = `${SEARCH_FOLD_FROM}噪音ＧＸ２０２６Abc'\\%_ 路灯`;
      const [{ s }] = await t.em().execute(`select minyi_search_text(?, 'Ｘ') as s`, [sample]);
      expect(s).toBe(`${foldSearchText(sample)} x`);
      expect(foldSearchText('ＡＢＣ　ｘｙｚ！')).toBe('abc xyz!');
    });

    it('the PL/pgSQL grams give the same index keys as the SQL-language definition they replaced (no reindex needed)', async () => {
      // The replaced definition is the new migration's down(); it runs inside a transaction rolled back.
      const migration = new Migration20270101120000(t.hub.database.orm.em.getDriver(), t.hub.database.orm.config);
      await migration.down();
      const previous = (migration.getQueries() as string[]).find((sql) => sql.includes('minyi_search_grams'))!;
      const samples: Array<[string | null, string | null]> = [
        [null, null],
        ['', ''],
        ['噪', null],
        [null, '音'],
        ['ＡＢＣ　ｘｙｚ！', 'GX２０２６ 路灯不亮'],
        [`${SEARCH_FOLD_FROM}`, "'\\%_😀𠀋"],
        ['小区夜间施工噪音扰民', '投诉人反映：某某小区工地每晚22点后仍在施工，噪音很大，影响休息，请相关部门尽快处理。'],
      ];
      const client = new Client({ connectionString: t.hub.database.url, statement_timeout: 0 });
      await client.connect();
      const grams = async () => {
        const fromSamples: unknown[] = [];
        for (const [title, content] of samples) fromSamples.push((await client.query('select minyi_search_grams($1, $2) as g', [title, content])).rows[0].g);
        const { rows } = await client.query('select minyi_search_grams(title, content) as g from work_order order by id limit 500');
        return [...fromSamples, ...rows.map((r) => r.g)];
      };
      try {
        await client.query('begin');
        const now = await grams();
        await client.query(previous);
        const before = await grams();
        expect(now.length).toBe(samples.length + 500);
        expect(now).toEqual(before);
        expect(now[2]).toEqual(['噪', ' ', '噪 ']);
      } finally {
        await client.query('rollback');
        await client.end();
      }
      const [{ language }] = await t
        .em()
        .execute(`select l.lanname as language from pg_proc p join pg_language l on l.oid = p.prolang where p.proname = 'minyi_search_grams'`);
      expect(language).toBe('plpgsql');
    });

    it('answers from the GIN index, not a Seq Scan on work_order (vacuumed and analysed table of 3000 orders)', async () => {
      const em = t.em();
      const [{ code }] = await em.execute(`select code from work_order order by id limit 1`);
      const handler = await t.em().execute(`select id, code, path from department where code = 'SCJGJ'`);
      const scoped: Viewer = {
        tokenId: 0,
        label: 'search test',
        role: Role.HANDLER,
        departmentId: handler[0].id,
        departmentCode: 'SCJGJ',
        departmentPath: handler[0].path,
      };
      const plans: Array<[string, string, unknown, Viewer]> = [];
      const explain = async (sql: string, params: unknown[]) => {
        const [row] = await em.execute(`explain (format json) ${sql}`, params);
        return (row['QUERY PLAN'] as Array<{ Plan: unknown }>)[0].Plan;
      };
      for (const [text, viewer] of [
        ['噪声', OPERATOR],
        ['拖欠工资', OPERATOR],
        ['路灯 不亮', OPERATOR],
        ['ＫＴＶ', OPERATOR],
        [code, OPERATOR],
        ['一二三四五六七八九十'.repeat(10), OPERATOR],
        ['噪声', scoped],
      ] as Array<[string, Viewer]>) {
        const statement = t.hub.services.workOrderQueries.listStatement(viewer, { filter: { text }, first: 20 });
        plans.push([text, 'page', await explain(statement.sql, statement.params), viewer]);
        plans.push([
          text,
          'count',
          await explain(`select count(*)::int as n from work_order wo where ${statement.countWhere.sql}`, statement.countWhere.params),
          viewer,
        ]);
      }
      for (const [text, query, plan, viewer] of plans) {
        const nodes = flatten(plan);
        const seqScans = nodes.filter((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'work_order');
        expect({ text, query, seqScans: seqScans.length }).toEqual({ text, query, seqScans: 0 });
        const indexes = nodes.map((n) => n['Index Name']).filter(Boolean);
        // A handler's small scope may rightly be read first (its assignments), then filtered.
        if (text !== code && viewer.role === Role.OPERATOR)
          expect({ text, query, indexes }).toEqual({ text, query, indexes: expect.arrayContaining(['work_order_search_grams_index']) });
      }
    });
  });

  describe('statement timeout', () => {
    it('answers BAD_USER_INPUT within seconds when a search cannot finish, not INTERNAL and not never', async () => {
      const blocker = new Client({ connectionString: t.hub.database.url });
      await blocker.connect();
      try {
        // Hold a lock the search must wait for: the wait counts against the statement timeout.
        await blocker.query('begin');
        await blocker.query('lock table work_order in access exclusive mode');
        const started = Date.now();
        let timer: NodeJS.Timeout | undefined;
        const outcome = await Promise.race([
          search('噪声'),
          new Promise<'still waiting'>((resolve) => (timer = setTimeout(() => resolve('still waiting'), SEARCH_STATEMENT_TIMEOUT_MS + 8000))),
        ]);
        clearTimeout(timer);
        expect(outcome).not.toBe('still waiting');
        const result = outcome as Awaited<ReturnType<typeof search>>;
        expectBadInput(result, /搜索超时.*\|.*took longer than 2 s/);
        expect(Date.now() - started).toBeGreaterThanOrEqual(SEARCH_STATEMENT_TIMEOUT_MS - 100);
      } finally {
        await blocker.query('rollback').catch(() => undefined);
        await blocker.end();
      }
      // The connection is fine afterwards and the timeout did not stay on it.
      expect(await count('噪声')).toBeGreaterThan(0);
    });

    it('sets the timeout for its own statements only, and never lengthens a shorter one', async () => {
      await t.em().transactional(async (outer) => {
        const show = async () => (await outer.execute('show statement_timeout'))[0].statement_timeout;
        await outer.execute(`set local statement_timeout = '7min'`);
        expect(await withSearchTimeout(outer, 1500, async (tx) => (await tx.execute('show statement_timeout'))[0].statement_timeout)).toBe('1500ms');
        expect(await show()).toBe('7min');
        await outer.execute(`set local statement_timeout = '300ms'`);
        expect(await withSearchTimeout(outer, 1500, async (tx) => (await tx.execute('show statement_timeout'))[0].statement_timeout)).toBe('300ms');
        expect(await show()).toBe('300ms');
      });
    });
  });
});

/** Every node of an EXPLAIN (FORMAT JSON) plan. */
function flatten(plan: unknown): Array<Record<string, unknown>> {
  const node = plan as Record<string, unknown> & { Plans?: unknown[] };
  return [node, ...(node.Plans ?? []).flatMap(flatten)];
}
