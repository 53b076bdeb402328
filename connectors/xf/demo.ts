import { ConnectorXf } from './client';
import { makeConfigXf } from './config';
import { addDays, formatCompactTime, formatDate, parseDeadlineDate } from './dates';
import { SAMPLE_AUTH_CODE, SAMPLE_SYS_CODE, SimulatorXf, type Letter } from './simulator';
import { formatShanghaiIso, shanghaiDayStart, shanghaiWallClock } from '../../src/common/time';
import type { DemoRequestType } from '../../src/demo/data/texts';
import { pullDemoChannel } from '../../src/demo/trickle/channel';
import { DailySerial } from '../../src/demo/trickle/serials';

/**
 * 信访 (petition.md): letters whose problem location is in 赣县区 — wages, disputes and land
 * acquisition, housing, village affairs, social assistance — appear on the simulator's platform at
 * 待受理 (ZT 10), then move on as §4 allows: accepted (20, with SLSJ and the 60-day BLQX), extended
 * (21, YQTS days added to BLQX), concluded (30); some are not accepted (11), withdrawn (40) or
 * transferred out of the county (90). Every change is BBH + 1. The platform keeps the identities
 * (§8); nothing here prints them.
 */

/** README "Request-type mapping", 信访 column (XFMD), read backwards. */
const PURPOSE: Readonly<Record<DemoRequestType, string>> = {
  COMPLAINT: '01', // 申诉
  HELP: '02', // 求决
  REPORT: '03', // 揭发控告
  SUGGESTION: '04', // 建议意见
  CONSULTATION: '05', // 咨询
  PRAISE: '04',
  OTHER: '02',
};

/** §3 XFXS: 来信, 来访, 网上信访, 电话 — most letters come in online. */
const FORMS: ReadonlyArray<readonly [string, number]> = [
  ['01', 15],
  ['02', 25],
  ['03', 50],
  ['04', 10],
];

/** §4 transitions, weighted; 30, 11, 40 and 90 are final. */
const NEXT_STATUS: Readonly<Record<string, ReadonlyArray<readonly [string, number]>>> = {
  '10': [
    ['20', 78],
    ['11', 10],
    ['40', 5],
    ['90', 7],
  ],
  '20': [
    ['30', 75],
    ['21', 20],
    ['40', 5],
  ],
  '21': [['30', 100]],
};

/** How the registering clerk closes the full text (XFNR). */
const CLOSINGS = [
  '信访人请求有关部门依法依规处理。',
  '信访人表示如问题得不到解决将继续上访。',
  '信访人希望尽快给予书面答复。',
  '以上情况信访人称属实，请核查处理。',
];

/** What petitioners attach (§3 FJLB). */
const ATTACHMENTS: ReadonlyArray<readonly [string, string]> = [
  ['现场照片.jpg', 'jpg'],
  ['情况说明.pdf', 'pdf'],
  ['协议书.pdf', 'pdf'],
  ['证明材料.docx', 'docx'],
  ['聊天记录截图.png', 'png'],
];

export const demoXf = pullDemoChannel<string>('xf', async (content) => {
  const r = content.random;
  // Real time; the rate limit (§1: 2/s) leaves room for the demo's short polls next to the connector's own spacing.
  const sim = await SimulatorXf.start({ seed: false, clock: new Date(), ratePerSecond: 20 });
  const connector = new ConnectorXf(
    makeConfigXf({
      url: sim.url,
      sysCode: SAMPLE_SYS_CODE,
      authCode: SAMPLE_AUTH_CODE,
      startWatermark: formatShanghaiIso(new Date(Date.now() - 3600_000), { millis: false }),
    }),
  );
  const serials = new DailySerial(5);

  return {
    connector,
    add() {
      const now = sim.now();
      const m = content.matter(['01', '03', '08', '16', '17'], '信访人');
      const { day, serial } = serials.next(now);
      const xfjbh = `360704${day.slice(2)}${serial}`; // 区划 + yyMMdd + seq (§3)
      // Registered on the day in the number (DJSJ), assigned to the county now (GXSJ).
      const registered = new Date(Math.max(content.minutesBefore(now, 5, 240).getTime(), shanghaiDayStart(now).getTime()));
      const persons = m.urgent && r.chance(0.4) ? r.int(5, 30) : r.chance(0.15) ? r.int(2, 4) : 1; // ≥ 5: 集体访
      const person = content.person();
      const names = [person.name, ...Array.from({ length: Math.min(persons, 3) - 1 }, () => content.person().name)];
      const township = r.chance(0.85) ? m.township : null;
      const files = r.chance(0.2) ? r.int(1, 2) : 0;
      const letter: Letter = {
        XFJBH: xfjbh,
        BBH: '1',
        XFRXM: names.join('、'), // joint petitions name up to three
        ...(r.chance(0.6) ? { ZJLX: '01', ZJHM: person.idNumber } : {}),
        LXDH: r.weighted([
          [person.mobile, 80],
          [`0797-${r.int(4_000_000, 8_999_999)}`, 10],
          ['', 10],
        ]),
        ...(r.chance(0.6) ? { XFRDZ: `江西省赣州市赣县区${m.township.name}${m.village}` } : {}),
        XFRS: String(persons),
        XFXS: r.weighted(FORMS),
        XFMD: PURPOSE[m.requestType],
        ...(r.chance(0.85) ? { WTLB: content.categoryPath(m.categoryCode) } : {}),
        WTSD: township ? township.code : '360704',
        WTSDMC: `江西省赣州市赣县区${township ? township.name : ''}`,
        NRZY: m.content.replace(/^信访人(反映|表示|建议)，/, '$1'),
        ...(r.chance(0.7) ? { XFNR: `${m.content}\n${r.pick(CLOSINGS)}` } : {}),
        JJCD: m.urgent || persons >= 5 ? '2' : '1',
        DJSJ: formatCompactTime(registered),
        SLQX: formatDate(addDays(shanghaiWallClock(registered), 15)), // §5: date(DJSJ) + 15
        ZT: '10',
        GXSJ: formatCompactTime(now),
        ...(files
          ? {
              FJLB: Array.from({ length: files }, (_, i) => {
                const [name, type] = r.pick(ATTACHMENTS);
                return `<FJ><WJM>${name}</WJM><WJLX>${type}</WJLX><WJDX>${r.int(40_000, 2_000_000)}</WJDX><XZDZ>https://xf.example.gov.cn/xfjk/files/${xfjbh}/${i + 1}</XZDZ></FJ>`;
              }).join(''),
            }
          : {}),
      };
      sim.addLetter(letter);
      return xfjbh;
    },
    update(xfjbh) {
      const letter = sim.getLetter(xfjbh);
      const next = letter && NEXT_STATUS[letter.ZT];
      if (!letter || !next) return false;
      if (letter.ZT === '10' && letter.JJCD === '1' && r.chance(0.1)) {
        sim.updateLetter(xfjbh, { JJCD: '2' }); // marked urgent while awaiting acceptance
        return true;
      }
      const status = r.weighted(next);
      const today = shanghaiWallClock(sim.now());
      if (status === '20') {
        // §5: handle within 60 days of acceptance.
        sim.updateLetter(xfjbh, { ZT: '20', SLSJ: formatCompactTime(sim.now()), BLQX: formatDate(addDays(today, 60)) });
      } else if (status === '21') {
        // §5: one extension of up to 30 days, approved on the platform.
        const days = r.pick([15, 30]);
        sim.updateLetter(xfjbh, { ZT: '21', YQTS: String(days), BLQX: formatDate(addDays(parseDeadlineDate(letter.BLQX ?? '') ?? addDays(today, 60), days)) });
      } else {
        sim.updateLetter(xfjbh, { ZT: status });
      }
      return NEXT_STATUS[status] !== undefined;
    },
    stop: () => sim.stop(),
  };
});
