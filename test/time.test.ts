import {
  DAY_MS,
  formatShanghaiIso,
  parseIsoDateTime,
  parseShanghaiDateTime,
  shanghaiDate,
  shanghaiDateStamp,
  shanghaiDateTime,
  shanghaiDayStart,
  shanghaiMidnight,
  shanghaiMonthStart,
  shanghaiMsOfDay,
  shanghaiToInstant,
  shanghaiWallClock,
  shiftDate,
} from '../src/common/time';

/** The one date module (src/common/time.ts): Asia/Shanghai is UTC+08:00, so its midnight is 16:00 UTC the day before. */
describe('Asia/Shanghai dates', () => {
  const shanghaiMidnightUtc = new Date('2026-02-28T16:00:00.000Z'); // 2026-03-01 00:00 in Shanghai
  const justBefore = new Date(shanghaiMidnightUtc.getTime() - 1); // 2026-02-28 23:59:59.999 in Shanghai

  it('the local date turns at Shanghai midnight (16:00 UTC), not at UTC midnight', () => {
    expect([shanghaiDate(justBefore), shanghaiDate(shanghaiMidnightUtc)]).toEqual(['2026-02-28', '2026-03-01']);
    expect([shanghaiDateStamp(justBefore), shanghaiDateStamp(shanghaiMidnightUtc)]).toEqual(['20260228', '20260301']);
    // UTC midnight is 08:00 the same Shanghai day.
    const utcMidnight = new Date('2026-03-01T00:00:00.000Z');
    expect(shanghaiDate(utcMidnight)).toBe('2026-03-01');
    expect(shanghaiDateTime(utcMidnight)).toBe('2026-03-01 08:00');
    expect(shanghaiMsOfDay(utcMidnight)).toBe(8 * 3600_000);
    expect(shanghaiMsOfDay(shanghaiMidnightUtc)).toBe(0);
    expect(shanghaiMsOfDay(justBefore)).toBe(DAY_MS - 1);
  });

  it('month and year boundaries, leap days', () => {
    expect(shanghaiDate(new Date('2025-12-31T16:00:00Z'))).toBe('2026-01-01');
    expect(shanghaiDate(new Date('2025-12-31T15:59:59.999Z'))).toBe('2025-12-31');
    expect(shanghaiDate(new Date('2024-02-28T16:00:00Z'))).toBe('2024-02-29');
    expect(shanghaiMonthStart(2026, 2).toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(shanghaiMonthStart(2026, 12).toISOString()).toBe('2026-12-31T16:00:00.000Z'); // month 12 = January of the next year
    expect(shanghaiMonthStart(2024, 0).toISOString()).toBe('2023-12-31T16:00:00.000Z');
    expect(shanghaiMidnight('2026-03-01').getTime()).toBe(shanghaiMidnightUtc.getTime());
    expect(shanghaiDayStart(justBefore).toISOString()).toBe('2026-02-27T16:00:00.000Z');
    expect(shanghaiDayStart(shanghaiMidnightUtc).toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect([shiftDate('2026-03-01', -1), shiftDate('2024-03-01', -1), shiftDate('2025-12-31', 1)]).toEqual(['2026-02-28', '2024-02-29', '2026-01-01']);
  });

  it('wall-clock times and texts → instants, and back', () => {
    expect(shanghaiToInstant({ year: 2026, month: 3, day: 1, hour: 0, minute: 0, second: 0 })?.toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(shanghaiToInstant({ year: 2026, month: 2, day: 29, hour: 0, minute: 0, second: 0 })).toBeNull(); // no 29 February in 2026
    expect(shanghaiToInstant({ year: 2026, month: 3, day: 1, hour: 24, minute: 0, second: 0 })).toBeNull();
    expect(parseShanghaiDateTime('2026-03-01 00:00:00')?.toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(parseIsoDateTime('2026-03-01T00:00:00')).toEqual({ instant: shanghaiMidnightUtc, offsetMinutes: null });
    expect(parseIsoDateTime('2026-03-01T00:00:00', { requireOffset: true })).toBeNull();
    expect(parseIsoDateTime('2026-02-28T16:00:00Z')).toEqual({ instant: shanghaiMidnightUtc, offsetMinutes: 0 });
    expect(formatShanghaiIso(justBefore)).toBe('2026-02-28T23:59:59.999+08:00');
    expect(formatShanghaiIso(justBefore, { millis: false })).toBe('2026-02-28T23:59:59+08:00');
    expect(parseIsoDateTime(formatShanghaiIso(justBefore))?.instant.getTime()).toBe(justBefore.getTime());
    expect(shanghaiWallClock(justBefore)).toEqual({ year: 2026, month: 2, day: 28, hour: 23, minute: 59, second: 59, millisecond: 999 });
  });

  it('invalid instants: a RangeError for the date, the text unchanged for a report header', () => {
    expect(() => shanghaiDate(new Date('nope'))).toThrow(RangeError);
    expect(shanghaiDateTime('not a time')).toBe('not a time');
  });
});
