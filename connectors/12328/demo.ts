import { mkdir, mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { Connector12328 } from './client';
import { makeConfig12328 } from './config';
import { businessDateStart } from './dates';
import { IGNORED_SUBDIR } from './drop';
import { parseFileName } from './file';
import { Simulator12328 } from './simulator';
import { DAY_MS, shanghaiDateStamp, shanghaiWallClock } from '../../src/common/time';
import { Random } from '../../src/demo/random';
import { pullDemoChannel } from '../../src/demo/trickle/channel';
import { DailySerial } from '../../src/demo/trickle/serials';

/**
 * 12328 (12328.md): complaints about transport in 赣县区 — taxis, buses, coaches, roads, driving
 * schools — exported as the day's GBK CSV (now and then XLSX, §5) into a drop folder under the hub's
 * data directory, which the hub's connector reads once stable. The real exporter delivers once a
 * day; the demo re-issues the day's file after changes (`_N`, a complete file for its date, §1) —
 * within seconds while the day's 99 re-issues allow, spread out until midnight once they run short —
 * and a new day starts at `_0`. Orders move on as §4 allows: 待处理 → 处理中 → 已办结 → 已回访; some
 * are 已作废 (created by mistake).
 */

/** §4 诉求类别 for the hub's 交通运输 categories (data/categories.ts). */
const CATEGORY: Readonly<Record<string, string>> = {
  '110101': '出租汽车',
  '110102': '公交',
  '110103': '道路客运',
  '110104': '其他', // 非法营运 (黑车)
  '110201': '路政',
  '110202': '路政',
  '110301': '货运',
  '110302': '驾培',
};

/** Where a coach route from a township goes (`线路`, e.g. `赣县—南康`). */
const DESTINATIONS = ['赣州', '南康', '于都', '兴国', '赣县城区'];

/** §4 transitions, weighted; 已办结 goes on to the call-back (已回访); 已回访 and 已作废 are final here. */
const NEXT_STATUS: Readonly<Record<string, ReadonlyArray<readonly [string, number]>>> = {
  待处理: [
    ['处理中', 80],
    ['已办结', 12],
    ['已作废', 8],
  ],
  处理中: [['已办结', 100]],
  已办结: [['已回访', 100]],
};

/** §1 wants ≥ 60 s unchanged; the simulator writes each file whole, so a short wait is enough here. */
const STABLE_SECONDS = 1;
/** §1 file names allow re-issues `_1` … `_99` of a business date. */
const LAST_REISSUE = 99;
/** A changed day's file is re-issued this soon after the previous file … */
const QUICK_REISSUE_MS = 5_000;
/** … while enough re-issues are left to deliver at least this often until midnight; then evenly spread. */
const SLOW_REISSUE_MS = 30 * 60_000;
/** A file that could not be written is tried again this much later. */
const RETRY_MS = 60_000;

/** `2024/3/1 8:05` (§4 受理时间: no leading zeros but the minutes, Asia/Shanghai). */
function acceptTime(at: Date): string {
  const l = shanghaiWallClock(at);
  return `${l.year}/${l.month}/${l.day} ${l.hour}:${String(l.minute).padStart(2, '0')}`;
}

/**
 * The exporter's side of the drop folder: which file of a business date comes next, and when. The
 * numbering goes on from the files already in the folder and its archive (a restarted demo never
 * writes a (date, N) the hub has imported), and a day's 99 re-issues are paced to last until midnight.
 */
class DemoDrop {
  /** Business date → N of its last file. */
  private readonly written = new Map<string, number>();
  /** Business date → orders created or changed since its last file. */
  private readonly pending = new Map<string, Set<string>>();
  private lastWriteMs = 0;
  private retryAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly sim: Simulator12328,
    private readonly archiveDir: string,
    private readonly r: Random,
    private readonly log: Logger,
  ) {}

  async start(): Promise<void> {
    for (const dir of [this.sim.dir, this.archiveDir, join(this.archiveDir, IGNORED_SUBDIR)]) {
      for (const name of await readdir(dir).catch(() => [] as string[])) {
        const file = parseFileName(name.replace(/^[0-9a-f]{64}_/, '')); // archived as `<sha256>_<name>`
        if (file) this.written.set(file.date, Math.max(file.n, this.written.get(file.date) ?? 0));
      }
    }
    // §1: a day without orders still has its (empty) file; yesterday's, so the hub misses none after 10:00.
    const yesterday = shanghaiDateStamp(new Date(Date.now() - DAY_MS));
    if (!this.written.has(yesterday)) await this.write(yesterday);
  }

  /** Order `id` was created or changed at the simulator's clock. */
  changed(id: string): void {
    const day = shanghaiDateStamp(this.sim.now());
    this.pending.set(day, (this.pending.get(day) ?? new Set()).add(id));
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.writing;
  }

  private schedule(): void {
    if (this.timer || this.stopped || !this.pending.size) return;
    const now = Date.now();
    const at = Math.max(this.retryAt, Math.min(...[...this.pending.keys()].map((day) => this.dueAt(day, now))));
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.writing = this.writing.then(() => this.deliver()).then(() => this.schedule());
      },
      Math.max(0, at - now),
    );
    this.timer.unref();
  }

  /** When the next file of `day` may be written: its first at once, a re-issue paced (see above). */
  private dueAt(day: string, now: number): number {
    const n = this.written.get(day);
    if (n === undefined) return now;
    const start = businessDateStart(day)!.getTime();
    const end = start + DAY_MS;
    if (n >= LAST_REISSUE) return Math.max(now, end); // spent: the changes go out with the next day's file
    const last = Math.max(this.lastWriteMs, start);
    const left = LAST_REISSUE - n;
    const rest = end - last;
    return last + (left > Math.ceil(rest / SLOW_REISSUE_MS) ? QUICK_REISSUE_MS : rest / left);
  }

  private async deliver(): Promise<void> {
    for (const day of [...this.pending.keys()].sort()) {
      const now = Date.now();
      if (this.stopped || this.dueAt(day, now) > now) continue;
      const ids = this.pending.get(day)!;
      this.pending.delete(day);
      if ((this.written.get(day) ?? -1) >= LAST_REISSUE) {
        // No 100th file for a date (§1): the rows, as they stand, are in today's file.
        this.sim.setClock(new Date());
        for (const id of ids) {
          this.sim.updateOrder(id, {});
          this.changed(id);
        }
        continue;
      }
      if (!(await this.write(day))) {
        for (const id of ids) this.pending.set(day, (this.pending.get(day) ?? new Set()).add(id));
        return;
      }
    }
  }

  /** The complete file of `day` as its next version; sometimes the XLSX the owner uploads when the CSV export fails (§5). */
  private async write(day: string): Promise<boolean> {
    const n = (this.written.get(day) ?? -1) + 1;
    this.sim.setClock(new Date()); // the file's mtime
    try {
      await this.sim.writeDay(day, { n, format: this.r.chance(0.08) ? 'xlsx' : 'csv' });
    } catch (error) {
      this.retryAt = Date.now() + RETRY_MS;
      this.log.warn({ channel: '12328', err: error instanceof Error ? error.message : String(error) }, 'demo 12328 file not written');
      return false;
    }
    this.written.set(day, n);
    this.lastWriteMs = Date.now();
    return true;
  }
}

export const demo12328 = pullDemoChannel<string>('12328', async (content, context) => {
  const r = content.random;
  // Under the data directory the folder, its archive and the file numbering outlive a restart; a
  // temporary one (no data directory given) is left to the system to clear, like any /tmp file.
  const dropDir = join(context.dataDir ?? (await mkdtemp(join(tmpdir(), 'minyi-demo-'))), 'demo-12328');
  await mkdir(dropDir, { recursive: true });
  const sim = new Simulator12328(dropDir, { clock: new Date() });
  const connector = new Connector12328(makeConfig12328({ dropDir, stableSeconds: STABLE_SECONDS }));
  // The files' own dice (CSV or XLSX), so when they are written does not change what the orders say.
  const drop = new DemoDrop(sim, connector.config.archiveDir, new Random(r.int(1, 2 ** 30)), context.log);
  await drop.start();
  const serials = new DailySerial(6);
  const digits = (n: number) => Array.from({ length: n }, () => r.int(0, 9)).join('');

  /** §4 车牌号 in the forms callers give, as fits the category (none for roads). */
  const plate = (category: string): string => {
    if (r.chance(0.25)) return ''; // the caller did not note it
    switch (category) {
      case '出租汽车':
        return r.pick([`赣B·T${digits(4)}`, `赣BT${digits(4)}`, `赣B T${digits(4)}`]);
      case '公交':
        return `赣BD${digits(5)}`; // new energy
      case '道路客运':
        return `赣B·${digits(5)}`;
      case '货运':
      case '其他':
        return `赣B${digits(5)}`;
      case '驾培':
        return `赣B${digits(4)}学`;
      default:
        return '';
    }
  };

  return {
    connector,
    add() {
      sim.setClock(new Date());
      const now = sim.now();
      const m = content.matter(['11']);
      const category = CATEGORY[m.categoryCode] ?? '其他';
      const person = content.person();
      const { day, serial } = serials.next(now);
      const id = `${day}${serial}`;
      // 受理时间 on the day of the 工单号 (§4: yyyyMMdd of creation).
      const accepted = new Date(Math.max(content.minutesBefore(now, 1, 30).getTime(), businessDateStart(day)!.getTime()));
      sim.addOrder({
        工单号: id,
        受理时间: acceptTime(accepted),
        来电号码: r.weighted([
          [person.mobile, 70],
          [`0797-${r.int(4_000_000, 8_999_999)}`, 15],
          ['', 15],
        ]),
        来电人: r.weighted([
          [person.name, 45],
          [content.politeName(), 40],
          ['', 15],
        ]),
        诉求类别: category,
        车牌号: plate(category),
        线路: category === '公交' ? `赣县${r.int(1, 12)}路` : category === '道路客运' ? `${m.township.name.slice(0, -1)}—${r.pick(DESTINATIONS)}` : '',
        事发地点: m.address,
        // Agents often start the caller's demand on a new line (a quoted multi-line field, §3).
        诉求内容: r.chance(0.3) ? m.content.replace('诉求：', '\n诉求：') : m.content,
        紧急程度: m.urgent && r.chance(0.7) ? '紧急' : '一般',
        处理状态: r.chance(0.8) ? '待处理' : '处理中',
      });
      drop.changed(id);
      return id;
    },
    update(id) {
      const next = NEXT_STATUS[sim.getOrder(id)?.处理状态 ?? ''];
      if (!next) return false;
      const status = r.weighted(next);
      sim.setClock(new Date());
      sim.setStatus(id, status); // §2: a status change puts the order in the day's file
      drop.changed(id);
      return NEXT_STATUS[status] !== undefined;
    },
    stop: () => drop.stop(),
  };
});
