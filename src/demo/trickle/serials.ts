import { DAY_MS, shanghaiDateStamp, shanghaiMsOfDay } from '../../common/time';

/**
 * Record numbers for the demo channels that stay unique across restarts without storing anything:
 * each number is at least the previous one + 1 and never behind the time of day, so a restarted
 * hub (whose simulators start empty) never hands out a number an earlier run already used, unless
 * the earlier run issued more than `10^digits` numbers per day ahead of the clock.
 */
export class DailySerial {
  private day = '';
  private last = -1;

  constructor(private readonly digits: number) {}

  /** `{ day: 'YYYYMMDD', serial: '000123' }`, both Asia/Shanghai. */
  next(now: Date): { day: string; serial: string } {
    const day = shanghaiDateStamp(now);
    if (day !== this.day) {
      this.day = day;
      this.last = -1;
    }
    const msOfDay = shanghaiMsOfDay(now);
    const byClock = Math.floor((msOfDay * 10 ** this.digits) / DAY_MS);
    this.last = Math.max(this.last + 1, byClock);
    return { day, serial: String(this.last).padStart(this.digits, '0') };
  }
}

/** One increasing number, not per day (the board's `tid`): tenths of seconds since 2024, or previous + 1. */
export class ClockSerial {
  private last = 0;
  private static readonly EPOCH = Date.UTC(2024, 0, 1);

  next(now: Date): number {
    this.last = Math.max(this.last + 1, Math.floor((now.getTime() - ClockSerial.EPOCH) / 100));
    return this.last;
  }
}
