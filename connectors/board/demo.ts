import { ConnectorBoard } from './client';
import { makeConfigBoard } from './config';
import { escapeHtml } from './html';
import { SAMPLE_APP_KEY, SAMPLE_SECRET, SimulatorBoard } from './simulator';
import { DAY_MS, formatShanghaiIso, shanghaiDayStart } from '../../src/common/time';
import type { DemoRequestType } from '../../src/demo/data/texts';
import { pullDemoChannel } from '../../src/demo/trickle/channel';
import { ClockSerial } from '../../src/demo/trickle/serials';

/**
 * 领导留言板 (message-board.md): citizens' messages to the county's leaders are published on the
 * simulator's board. The window pull reads a thread once (§3, `auditTime` never changes); a status
 * change reaches the hub only through the daily re-read of open threads (§3.1). The board itself
 * changes a pending thread only when its writer withdraws it or the moderators hide it (§4; a reply
 * is the hub's), so some threads end that way — the others wait for the hub's answer.
 */

/** §4 msgType for the hub's request types (the board has no 举报). */
const MSG_TYPE: Readonly<Record<DemoRequestType, string>> = {
  CONSULTATION: '咨询',
  HELP: '求助',
  COMPLAINT: '投诉',
  REPORT: '投诉',
  SUGGESTION: '建言',
  PRAISE: '感谢',
  OTHER: '其他',
};

/** §4 domain for the hub's top-level categories (data/categories.ts). */
const DOMAIN: Readonly<Record<string, string>> = {
  '01': '就业',
  '04': '三农',
  '05': '环保',
  '06': '企业',
  '07': '城建',
  '08': '城建',
  '09': '城建',
  '10': '企业',
  '11': '交通',
  '12': '教育',
  '13': '医疗',
  '14': '就业',
  '15': '治安',
  '16': '三农',
};

/** Addressees, as in the §8 samples. */
const LEADERS = [
  { name: '刘建平', title: '区长', org: '赣州市赣县区人民政府' },
  { name: '王志明', title: '区委书记', org: '中共赣州市赣县区委员会' },
  { name: '李明', title: '市长', org: '赣州市人民政府' },
] as const;

/** Share of threads later withdrawn by their writer or hidden by the moderators. */
const CLOSED_BY_BOARD = 0.15;

/** §4: where a pending thread goes without a reply, weighted (both final). */
const CLOSE_STATUS: ReadonlyArray<readonly [string, number]> = [
  ['withdrawn', 60],
  ['hidden', 40],
];

/** §3: windows end 60 s before now; a thread audited a little earlier is in the next poll's window. */
const AUDITED_BEFORE_MS = 61_000;

const boardTime = (at: Date) => formatShanghaiIso(at, { millis: false });

/** 23:59:59 Asia/Shanghai, `days` days after the date of `at` (the board's deadline for a reply). */
function endOfDayAfter(at: Date, days: number): Date {
  return new Date(shanghaiDayStart(at).getTime() + (days + 1) * DAY_MS - 1000);
}

export const demoBoard = pullDemoChannel<number>('board', async (content) => {
  const r = content.random;
  const sim = await SimulatorBoard.start({ seed: false, clock: new Date() });
  const connector = new ConnectorBoard(
    makeConfigBoard({ baseUrl: sim.url, appKey: SAMPLE_APP_KEY, appSecret: SAMPLE_SECRET, startWatermark: boardTime(new Date(Date.now() - 3600_000)) }),
  );
  const tids = new ClockSerial();

  return {
    connector,
    add() {
      const now = sim.now();
      const m = content.matter([], '网友');
      const audited = new Date(now.getTime() - AUDITED_BEFORE_MS - r.int(0, 20_000));
      const created = content.minutesBefore(audited, 10, 600);
      const title = m.title.length > 50 ? m.title.slice(0, 50) : m.title;
      const tid = tids.next(now);
      sim.addThread({
        tid,
        title: escapeHtml(title),
        content: escapeHtml(m.content),
        leader: r.pick(LEADERS),
        regionCode: '360704',
        domain: DOMAIN[m.categoryCode.slice(0, 2)] ?? '其他',
        msgType: MSG_TYPE[m.requestType],
        nickName: r.chance(0.5) ? `${m.township.name.slice(0, 2)}网友${r.int(100, 9999)}` : `网友${r.int(0, 36 ** 6).toString(36)}`,
        phone: r.chance(0.5) ? content.person().mobile : null,
        isPublic: r.chance(0.85),
        attachments: [],
        createTime: boardTime(created),
        auditTime: boardTime(audited),
        dueTime: r.chance(0.6) ? boardTime(endOfDayAfter(created, 15)) : null,
        status: 'pending',
      });
      return r.chance(CLOSED_BY_BOARD) ? tid : null; // the rest change only by the hub's reply
    },
    update(tid) {
      if (sim.getThread(tid)?.status === 'pending') sim.setStatus(tid, r.weighted(CLOSE_STATUS));
      return false; // withdrawn and hidden are final
    },
    stop: () => sim.stop(),
  };
});
