import { ConnectorBoard } from '../../../connectors/board/client';
import { makeConfigBoard } from '../../../connectors/board/config';
import { escapeHtml } from '../../../connectors/board/html';
import { SAMPLE_APP_KEY, SAMPLE_SECRET, SimulatorBoard } from '../../../connectors/board/simulator';
import { formatShanghaiIso } from '../../../connectors/shared/time';
import { DAY_MS, SHANGHAI_OFFSET_MS } from '../../common/time';
import type { DemoRequestType } from '../data/texts';
import { pullDemoChannel } from './channel';
import { ClockSerial } from './serials';

/**
 * 领导留言板 (message-board.md): citizens' messages to the county's leaders are published on the
 * simulator's board. New threads only: the window pull reads a thread once (§3, `auditTime` never
 * changes) and status changes reach the hub through the daily re-read of open threads (§3.1), which
 * the scheduler does not run yet, so a changed thread would never show.
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
  '01': '就业', '04': '三农', '05': '环保', '06': '企业', '07': '城建', '08': '城建', '09': '城建',
  '10': '企业', '11': '交通', '12': '教育', '13': '医疗', '14': '就业', '15': '治安', '16': '三农',
};

/** Addressees, as in the §8 samples. */
const LEADERS = [
  { name: '刘建平', title: '区长', org: '赣州市赣县区人民政府' },
  { name: '王志明', title: '区委书记', org: '中共赣州市赣县区委员会' },
  { name: '李明', title: '市长', org: '赣州市人民政府' },
] as const;

/** §3: windows end 60 s before now; a thread audited a little earlier is in the next poll's window. */
const AUDITED_BEFORE_MS = 61_000;

const boardTime = (at: Date) => formatShanghaiIso(at, { millis: false });

/** 23:59:59 Asia/Shanghai, `days` days after the date of `at` (the board's deadline for a reply). */
function endOfDayAfter(at: Date, days: number): Date {
  const localMidnight = Math.floor((at.getTime() + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS - SHANGHAI_OFFSET_MS;
  return new Date(localMidnight + (days + 1) * DAY_MS - 1000);
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
      sim.addThread({
        tid: tids.next(now),
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
      return null; // nothing the hub would see change (see above)
    },
    stop: () => sim.stop(),
  };
});
