/**
 * 演示月报 A realistic, deterministic sample MonthlyReport (fictitious figures) for tests, for
 * previewing the renderers, and for the data side to compare against.
 *
 * Names come from the hub's reference data: the 19 townships of 赣县区, the 20 level-1
 * categories and the member units of src/demo/data. Some rates are null on purpose (a
 * department that received nothing, a key category with no evaluations, a township without a
 * population figure).
 */
import { CATEGORIES } from '../../src/demo/data/categories';
import { DEPARTMENTS } from '../../src/demo/data/departments';
import { Random } from '../../src/demo/random';
import { CHANNELS } from '../../src/reference/channels';
import { TOWNSHIPS } from '../../src/reference/townships';
import type { MonthlyReport, Rates } from '../../src/analytics/report/monthly-report';

/** Demo weights of the channels of src/reference/channels.ts (its order and names). */
const CHANNEL_WEIGHTS: Record<string, number> = {
  '12345': 68,
  '12315': 7,
  '12333': 4,
  '12328': 2,
  board: 5,
  xf: 4,
  wzjx: 3,
  wzgz: 5,
  'gwy-dc': 1,
  'govcn-ly': 1,
};
const SAMPLE_CHANNELS = CHANNELS.map((c) => [c.code, c.name, CHANNEL_WEIGHTS[c.code] ?? 1] as const);

/** Relative weights of the 20 level-1 categories. */
const CATEGORY_WEIGHTS: Record<string, number> = {
  '01': 9,
  '02': 3,
  '03': 6,
  '04': 3,
  '05': 5,
  '06': 3,
  '07': 10,
  '08': 8,
  '09': 9,
  '10': 7,
  '11': 6,
  '12': 5,
  '13': 4,
  '14': 5,
  '15': 4,
  '16': 4,
  '17': 3,
  '18': 2,
  '19': 2,
  '20': 2,
};

/** Demo resident populations in 10,000s (illustrative, not census figures); null = unknown. */
const TOWNSHIP_POPULATION: Record<string, number | null> = {
  梅林镇: 11.2,
  王母渡镇: 4.1,
  沙地镇: 3.6,
  江口镇: 3.9,
  田村镇: 4.8,
  南塘镇: 3.3,
  茅店镇: 3.7,
  吉埠镇: 2.6,
  五云镇: 3.0,
  湖江镇: 2.9,
  储潭镇: 2.4,
  韩坊镇: 2.7,
  阳埠乡: 1.8,
  大埠乡: 1.6,
  长洛乡: 1.5,
  大田乡: 1.4,
  石芫乡: 1.3,
  三溪乡: 1.7,
  白鹭乡: null,
};

const round = (v: number, digits: number): number => Number(v.toFixed(digits));

function daysInMonth(month: string): string[] {
  const [y, m] = month.split('-').map(Number);
  const n = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Array.from({ length: n }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
}

/** Splits total by weights into integers that sum to total. */
function split(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (total * w) / sum);
  const out = raw.map(Math.floor);
  let rest = total - out.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0]);
  for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) out[order[k][1]]++;
  return out;
}

/** All-null KPIs of a scope that received nothing. */
export function emptyRates(): Rates {
  return {
    received: 0,
    dispatched: 0,
    closed: 0,
    open: 0,
    overdue: 0,
    signOnTimeRate: null,
    responseRate: null,
    replyOnTimeRate: null,
    closeRate: null,
    resolutionRate: null,
    satisfactionRate: null,
    returnRate: null,
    reworkRate: null,
    extensionRate: null,
    avgHandlingHours: null,
    p90HandlingHours: null,
  };
}

/** Consistent KPIs for a scope that received `received` items; `quality` 0–1 shifts the rates. */
function sampleRates(rng: Random, received: number, quality: number): Rates {
  if (received === 0) return emptyRates();
  const jitter = (spread: number) => (rng.next() - 0.5) * spread;
  const clamp = (v: number) => round(Math.min(1, Math.max(0, v)), 4);
  const dispatched = Math.round(received * (0.74 + jitter(0.06)));
  const closed = Math.min(received, Math.round(received * (0.9 + 0.07 * quality + jitter(0.02))));
  const open = received - closed;
  const overdue = Math.min(open, Math.round(open * (0.35 - 0.3 * quality)));
  const avg = round(20 + 40 * (1 - quality) + jitter(8), 1);
  return {
    received,
    dispatched,
    closed,
    open,
    overdue,
    signOnTimeRate: clamp(0.93 + 0.06 * quality + jitter(0.02)),
    responseRate: clamp(0.95 + 0.05 * quality + jitter(0.01)),
    replyOnTimeRate: clamp(0.88 + 0.1 * quality + jitter(0.03)),
    closeRate: clamp(closed / received),
    resolutionRate: clamp(0.8 + 0.15 * quality + jitter(0.04)),
    satisfactionRate: clamp(0.84 + 0.13 * quality + jitter(0.04)),
    returnRate: clamp(0.06 - 0.05 * quality + jitter(0.01)),
    reworkRate: clamp(0.05 - 0.04 * quality + jitter(0.01)),
    extensionRate: clamp(0.04 - 0.03 * quality + jitter(0.01)),
    avgHandlingHours: avg,
    p90HandlingHours: round(avg * (2.4 + jitter(0.4)), 1),
  };
}

/** A sample report for `month` (default '2026-10'); deterministic, and a fresh object on every call. */
export function sampleMonthlyReport(month = '2026-10'): MonthlyReport {
  const rng = new Random(20261031);
  const [y, m] = month.split('-');
  const days = daysInMonth(month);
  const nationalDay = m === '10';

  const trend = days.map((date) => {
    const day = Number(date.slice(8));
    const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
    const base = nationalDay && day <= 7 ? 85 : dow === 0 || dow === 6 ? 112 : 168;
    const received = Math.round(base * (0.88 + rng.next() * 0.24));
    const closed = Math.round(received * (0.86 + rng.next() * 0.16));
    return { date, received, closed };
  });
  const received = trend.reduce((s, d) => s + d.received, 0);

  const current = sampleRates(rng, received, 0.62);
  const previous = sampleRates(rng, Math.round(received * 1.06), 0.55);

  const channelCounts = split(
    received,
    SAMPLE_CHANNELS.map(([, , w]) => w),
  );
  const channels = SAMPLE_CHANNELS.map(([code, name], i) => ({ code, name, received: channelCounts[i], share: round(channelCounts[i] / received, 4) }));

  const categoryCounts = split(
    received,
    CATEGORIES.map((c) => CATEGORY_WEIGHTS[c.code] ?? 1),
  );
  const categories = CATEGORIES.map((c, i) => ({ code: c.code, name: c.name, received: categoryCounts[i], share: round(categoryCounts[i] / received, 4) }));

  // About 30% of the items are county-level (no township); the rest follow the population.
  const townshipCounts = split(
    Math.round(received * 0.7),
    TOWNSHIPS.map((t) => (TOWNSHIP_POPULATION[t.name] ?? 1.2) * (0.8 + rng.next() * 0.4)),
  );
  const townships = TOWNSHIPS.map((t, i) => {
    const population = TOWNSHIP_POPULATION[t.name];
    return { code: t.code, name: t.name, received: townshipCounts[i], perTenThousand: population ? round(townshipCounts[i] / population, 2) : null };
  });

  const county = DEPARTMENTS.filter((d) => d.kind === 'COUNTY_DEPARTMENT' && !['QWB', 'BB', 'ZFB', 'XZSPJ'].includes(d.code)).slice(0, 18);
  const townGovs = DEPARTMENTS.filter((d) => d.kind === 'TOWNSHIP');
  const scored = [...county, ...townGovs].map((d, i) => {
    const quality = rng.next();
    // One unit received nothing this month: all of its rates are null.
    const unitReceived = i === 5 ? 0 : rng.int(8, 160);
    const score = round(70 + 28 * quality + (rng.next() - 0.5) * 2, 1);
    // Some units were not ranked last month.
    const change = i % 9 === 4 ? null : round((rng.next() - 0.45) * 8, 1);
    return { departmentCode: d.code, departmentName: d.name, score, change, rates: sampleRates(rng, unitReceived, quality) };
  });
  scored.sort((a, b) => b.score - a.score || a.departmentCode.localeCompare(b.departmentCode));
  const ranking = scored.map((r, i) => ({ rank: i + 1, ...r }));

  const bottom = ranking.slice(-3);
  const accountability: MonthlyReport['accountability'] = [
    {
      departmentCode: bottom[0].departmentCode,
      departmentName: bottom[0].departmentName,
      level: 'SUPERVISOR_TALK',
      reason: '综合得分排名倒数第三，按时回复率低于90%',
    },
    {
      departmentCode: bottom[1].departmentCode,
      departmentName: bottom[1].departmentName,
      level: 'HEAD_TALK',
      reason: '连续两个月排名后三位，二次不满意工单2件',
    },
    {
      departmentCode: bottom[2].departmentCode,
      departmentName: bottom[2].departmentName,
      level: 'RECTIFICATION',
      reason: '综合得分排名末位，超期工单未按要求说明原因',
    },
  ];

  const keyCategories: MonthlyReport['keyCategories'] = [
    { key: '0101', name: '欠薪', received: 96, closed: 88, overdue: 3, satisfactionRate: 0.9125 },
    { key: '02', name: '安全生产', received: 41, closed: 40, overdue: 0, satisfactionRate: 0.9722 },
    { key: '03', name: '矛盾纠纷', received: 88, closed: 79, overdue: 4, satisfactionRate: 0.8533 },
    { key: '04', name: '农村饮水住房安全', received: 37, closed: 35, overdue: 1, satisfactionRate: 0.9412 },
    { key: '05', name: '生态环保', received: 72, closed: 66, overdue: 2, satisfactionRate: 0.8871 },
    { key: '06', name: '营商环境', received: 12, closed: 9, overdue: 0, satisfactionRate: null },
  ];

  const hotIssues: MonthlyReport['hotIssues'] = [
    { title: '梅林镇城区夜间施工噪音扰民', region: '梅林镇', members: 23, score: 87.5, status: 'CONFIRMED' },
    { title: '王母渡镇某建筑工地拖欠农民工工资', region: '王母渡镇', members: 17, score: 81.2, status: 'CONFIRMED' },
    { title: '茅店镇部分村组自来水水压不足', region: '茅店镇', members: 14, score: 72.8, status: 'NEW' },
    { title: '储潭镇“赣江沿岸”非法采砂', region: '储潭镇', members: 9, score: 64.3, status: 'CONFIRMED' },
    { title: '江口镇农贸市场占道经营 & 垃圾清运不及时', region: '江口镇', members: 8, score: 58.9, status: 'NEW' },
    { title: '梅林镇某小区物业费上涨争议', region: '梅林镇', members: 7, score: 52.4, status: 'RESOLVED' },
    { title: '国庆假期景区停车难', region: '赣县区', members: 6, score: 47.1, status: 'DISMISSED' },
  ];

  const twiceUnsatisfied: MonthlyReport['twiceUnsatisfied'] = [
    { code: `GX${y}${m}030127`, title: '反映小区地下车库长期积水未处理', department: '区住建局' },
    { code: `GX${y}${m}090044`, title: '反映拖欠装修工程款三个月未结清', department: '区人社局' },
    { code: `GX${y}${m}140213`, title: '反映村道路灯损坏夜间出行不便', department: '南塘镇人民政府' },
    { code: `GX${y}${m}210088`, title: '反映养殖场异味影响周边居民', department: '区生态环境分局' },
    { code: `GX${y}${m}270151`, title: '反映预付卡商家关门无法退费', department: null },
  ];

  return {
    month,
    // 09:30 Asia/Shanghai on the first day of the next month
    generatedAt: new Date(Date.UTC(Number(y), Number(m), 1, 1, 30)).toISOString(),
    headline: { ...current, previous },
    trend,
    channels,
    categories,
    townships,
    ranking,
    accountability,
    keyCategories,
    hotIssues,
    twiceUnsatisfied,
    // 2026 demo 区长热线日 for October (src/dispatch/duty-schedule-2024.ts): 商务执法、生态环境类
    dutyDay: { leader: '陈婷婷', date: `${month}-15`, categories: ['生态环保', '营商环境', '市场秩序'], hardCases: 6 },
  };
}

/** A report with nothing in it (no items, no previous month): every rate null, every list empty. */
export function emptyMonthlyReport(month = '2026-10'): MonthlyReport {
  return {
    month,
    generatedAt: `${month}-01T00:00:00.000Z`,
    headline: { ...emptyRates(), previous: null },
    trend: [],
    channels: [],
    categories: [],
    townships: [],
    ranking: [],
    accountability: [],
    keyCategories: [],
    hotIssues: [],
    twiceUnsatisfied: [],
    dutyDay: null,
  };
}
