import { shanghaiDate } from '../src/common/time';
import { parseHolidayCnJson, WorkCalendar, type CalendarDay } from '../src/sla/calendar';

/** An instant given as Asia/Shanghai local time. */
const local = (dateTime: string) => new Date(`${dateTime}+08:00`);
/** End of a local day, the shape of every addWorkingDays deadline. */
const endOf = (date: string) => local(`${date}T23:59:59.999`);

const workingDays = (cal: WorkCalendar, dates: string[]) => dates.filter((d) => cal.isWorkingDay(d));

/** A made-up 2027 notice in holiday-cn shape (test fixture, not the real 2027 notice). */
const NOTICE_2027 = JSON.stringify({
  $schema: 'https://raw.githubusercontent.com/NateScarlet/holiday-cn/master/schema.json',
  $id: 'https://raw.githubusercontent.com/NateScarlet/holiday-cn/master/2027.json',
  year: 2027,
  papers: ['test fixture'],
  days: [
    { name: '元旦', date: '2027-01-01', isOffDay: true },
    { name: '元旦', date: '2027-01-02', isOffDay: true },
    { name: '元旦', date: '2027-01-03', isOffDay: true },
    { name: '元旦', date: '2027-01-04', isOffDay: true },
    { name: '元旦', date: '2027-01-09', isOffDay: false },
  ],
});

describe('WorkCalendar (调休-aware working days)', () => {
  const cal = new WorkCalendar();

  describe('2026 Spring Festival, as chinese-days 1.5.7 has it (= 2026 notice: 2-15..2-23 off, Sat 2-14 and Sat 2-28 working)', () => {
    const february = Array.from({ length: 17 }, (_, i) => `2026-02-${String(12 + i).padStart(2, '0')}`);

    it('marks 2-15..2-23 off and the make-up Saturdays 2-14 and 2-28 working', () => {
      expect(february.filter((d) => !cal.isWorkingDay(d))).toEqual([
        '2026-02-15',
        '2026-02-16',
        '2026-02-17',
        '2026-02-18',
        '2026-02-19',
        '2026-02-20',
        '2026-02-21',
        '2026-02-22',
        '2026-02-23',
      ]);
      expect(workingDays(cal, ['2026-02-13', '2026-02-14', '2026-02-24', '2026-02-28', '2026-03-01'])).toEqual([
        '2026-02-13',
        '2026-02-14',
        '2026-02-24',
        '2026-02-28',
      ]);
    });

    it('a deadline started before the holiday skips it and counts the make-up Saturdays', () => {
      const received = local('2026-02-12T10:00:00'); // Thursday
      // 2-13 Fri (1), 2-14 Sat 调休 (2), 2-15..2-23 off, 2-24 (3), 2-25 (4), 2-26 (5)
      expect(cal.addWorkingDays(received, 5)).toEqual({ at: endOf('2026-02-26'), warnings: [] });
      // 004 "一般不超过7个工作日": 2-27 (6), Sat 2-28 调休 (7)
      expect(cal.addWorkingDays(received, 7)).toEqual({ at: endOf('2026-02-28'), warnings: [] });
    });

    it('an order received during the holiday starts at 08:30 of the first working day after it', () => {
      expect(cal.nextWorkingStart(local('2026-02-17T15:20:00'))).toEqual({ at: local('2026-02-24T08:30:00'), warnings: [] });
      expect(cal.addWorkingDays(local('2026-02-17T15:20:00'), 1).at).toEqual(endOf('2026-02-24'));
    });
  });

  describe('2026 中秋 and 国庆, as chinese-days 1.5.7 has it (中秋 9-25..9-27 off; 国庆 10-1..10-7 off; Sun 9-20 and Sat 10-10 working)', () => {
    it('marks the holidays off and the make-up days working', () => {
      const days = Array.from({ length: 25 }, (_, i) => new Date(Date.UTC(2026, 8, 18 + i)).toISOString().slice(0, 10));
      expect(days.filter((d) => !cal.isWorkingDay(d))).toEqual([
        '2026-09-19', // Saturday
        '2026-09-25',
        '2026-09-26',
        '2026-09-27', // 中秋
        '2026-10-01',
        '2026-10-02',
        '2026-10-03',
        '2026-10-04',
        '2026-10-05',
        '2026-10-06',
        '2026-10-07', // 国庆
        '2026-10-11', // Sunday
      ]);
      expect(cal.isWorkingDay('2026-09-20')).toBe(true); // Sunday, 调休
      expect(cal.isWorkingDay('2026-10-08')).toBe(true); // Thursday after the holiday
      expect(cal.isWorkingDay('2026-10-10')).toBe(true); // Saturday, 调休
    });

    it('deadlines skip the holidays and count the make-up days', () => {
      // 9-19 Sat off, 9-20 Sun 调休 (1), 9-21 (2), 9-22 (3)
      expect(cal.addWorkingDays(local('2026-09-18T16:00:00'), 3).at).toEqual(endOf('2026-09-22'));
      // 9-30 (1), 10-1..10-7 off, 10-8 (2), 10-9 (3), 10-10 Sat 调休 (4), 10-12 (5), 10-13 (6), 10-14 (7)
      expect(cal.addWorkingDays(local('2026-09-29T09:00:00'), 7)).toEqual({ at: endOf('2026-10-14'), warnings: [] });
    });
  });

  describe('month and year ends', () => {
    it('crosses a month end and the 劳动节 holiday with its make-up Saturday', () => {
      expect(cal.addWorkingDays(local('2026-01-30T11:00:00'), 1).at).toEqual(endOf('2026-02-02'));
      // 5-1..5-5 off, 5-6 (1), 5-7 (2), 5-8 (3), Sat 5-9 调休 (4)
      expect(cal.addWorkingDays(local('2026-04-30T11:00:00'), 4).at).toEqual(endOf('2026-05-09'));
    });

    it('crosses 2025 → 2026 on official data in both years, with no warning', () => {
      // 2026-01-01..01-03 元旦 off, Sun 01-04 调休
      expect(cal.addWorkingDays(local('2025-12-31T10:00:00'), 1)).toEqual({ at: endOf('2026-01-04'), warnings: [] });
    });

    it('warns, naming 2027, when a deadline reaches 2027 without official data', () => {
      expect(cal.hasOfficialData(2026)).toBe(true);
      expect(cal.hasOfficialData(2027)).toBe(false);
      // 12-31 (1), 2027-01-01 Fri counted as working (2), 01-04 Mon (3)
      const result = cal.addWorkingDays(local('2026-12-30T10:00:00'), 3);
      expect(result.at).toEqual(endOf('2027-01-04'));
      expect(result.warnings).toHaveLength(1);
      expect(result.warnings[0]).toMatch(/2027 年无官方节假日安排/);
      expect(result.warnings[0]).toMatch(/No official holiday notice for 2027/);

      // Staying inside 2026 gives no warning; every year crossed is named once.
      expect(cal.addWorkingDays(local('2026-12-30T10:00:00'), 1).warnings).toEqual([]);
      const long = cal.addWorkingDays(local('2026-12-30T10:00:00'), 300);
      expect(long.warnings.map((w) => w.match(/^(\d{4})/)?.[1])).toEqual(['2027', '2028']);
      expect(cal.nextWorkingStart(local('2027-01-02T10:00:00'))).toEqual({
        at: local('2027-01-04T08:30:00'),
        warnings: [expect.stringContaining('2027')],
      });
    });

    it('honours a supplied 2027 notice and drops the warning', () => {
      const with2027 = new WorkCalendar(parseHolidayCnJson(NOTICE_2027).days);
      expect(with2027.hasOfficialData(2027)).toBe(true);
      // 12-31 (1), 2027-01-01..01-04 off per the notice, 01-05 (2), 01-06 (3)
      expect(with2027.addWorkingDays(local('2026-12-30T10:00:00'), 3)).toEqual({ at: endOf('2027-01-06'), warnings: [] });
      expect(with2027.isWorkingDay('2027-01-09')).toBe(true); // the notice's make-up Saturday
      expect(with2027.nextWorkingStart(local('2027-01-02T10:00:00'))).toEqual({ at: local('2027-01-05T08:30:00'), warnings: [] });
    });
  });

  describe('instants are judged by their Asia/Shanghai local date', () => {
    it('2026-02-13T17:00:00Z is 2026-02-14 01:00 local, a make-up working day', () => {
      const at = new Date('2026-02-13T17:00:00Z');
      expect(shanghaiDate(at)).toBe('2026-02-14');
      expect(shanghaiDate(new Date('2026-02-13T15:59:59.999Z'))).toBe('2026-02-13');
      expect(cal.isWorkingInstant(at)).toBe(true);
      expect(cal.nextWorkingStart(at)).toEqual({ at, warnings: [] });
      // The day of receipt is not counted: 2-14 local → first working day after is 2-24.
      expect(cal.addWorkingDays(at, 1).at).toEqual(new Date('2026-02-24T15:59:59.999Z'));
      // One hour earlier it is still Friday 2-13 locally, so the first working day after is 2-14.
      expect(cal.addWorkingDays(new Date('2026-02-13T15:00:00Z'), 1).at).toEqual(new Date('2026-02-14T15:59:59.999Z'));
    });

    it('2026-02-14T16:30:00Z is 2026-02-15 00:30 local, inside the holiday', () => {
      const at = new Date('2026-02-14T16:30:00Z');
      expect(cal.isWorkingInstant(at)).toBe(false);
      expect(cal.nextWorkingStart(at).at).toEqual(new Date('2026-02-24T00:30:00Z'));
    });
  });

  describe('overrides', () => {
    it('win over chinese-days, the later entry for a date winning', () => {
      const days: CalendarDay[] = [
        { date: '2026-02-24', isOffDay: true, name: '临时停工' },
        { date: '2026-02-16', isOffDay: false, name: '值班' },
        { date: '2026-02-14', isOffDay: true },
        { date: '2026-02-14', isOffDay: false, name: '更正' },
      ];
      const overridden = new WorkCalendar(days);
      expect(overridden.isWorkingDay('2026-02-24')).toBe(false);
      expect(overridden.isWorkingDay('2026-02-16')).toBe(true);
      expect(overridden.isWorkingDay('2026-02-14')).toBe(true);
      // 2-13 (1), 2-14 (2), 2-16 (3), 2-25 (4)
      expect(overridden.addWorkingDays(local('2026-02-12T10:00:00'), 4).at).toEqual(endOf('2026-02-25'));
      expect(cal.isWorkingDay('2026-02-24')).toBe(true); // the default calendar is untouched
    });

    it('reject a malformed date', () => {
      expect(() => new WorkCalendar([{ date: '2026-2-14', isOffDay: true }])).toThrow(/yyyy-MM-dd/);
    });
  });

  describe('input checks', () => {
    it('rejects a non-positive or fractional working-day count and invalid dates', () => {
      expect(() => cal.addWorkingDays(new Date(), 0)).toThrow(/positive integer/);
      expect(() => cal.addWorkingDays(new Date(), 1.5)).toThrow(/正整数/);
      expect(() => cal.isWorkingDay('2026-02-30')).toThrow(/valid yyyy-MM-dd/);
      expect(() => shanghaiDate(new Date('nope'))).toThrow(/Invalid Date/);
    });

    it('stops instead of looping forever when overrides leave no working day', () => {
      const allOff = Array.from({ length: 1200 }, (_, i) => ({
        date: new Date(Date.UTC(2026, 0, 1) + i * 86400000).toISOString().slice(0, 10),
        isOffDay: true,
      }));
      expect(() => new WorkCalendar(allOff).addWorkingDays(local('2026-01-01T09:00:00'), 1)).toThrow(/No working day within/);
    });
  });
});

describe('parseHolidayCnJson', () => {
  it('parses the holiday-cn shape', () => {
    const notice = parseHolidayCnJson(NOTICE_2027);
    expect(notice.year).toBe(2027);
    expect(notice.days[0]).toEqual({ date: '2027-01-01', isOffDay: true, name: '元旦' });
    expect(notice.days).toHaveLength(5);
  });

  const bad = (days: unknown[], year: unknown = 2027) => JSON.stringify({ year, days });

  it.each([
    ['not JSON', '{year: 2027', /不是合法的 JSON.*\| Invalid holiday data: not valid JSON/],
    ['an array', '[]', /expected an object/],
    ['no year', JSON.stringify({ days: [] }), /year must be an integer year, got undefined/],
    ['days not an array', JSON.stringify({ year: 2027, days: {} }), /days 应为数组 \| Invalid holiday data: days must be an array/],
    [
      'an impossible date',
      bad([
        { name: '元旦', date: '2027-01-01', isOffDay: true },
        { name: '春节', date: '2027-02-30', isOffDay: true },
      ]),
      /days\[1\] .*"2027-02-30".* 的 date 应为有效的 yyyy-MM-dd 日期 \| Invalid holiday data: days\[1\] .*: date must be a valid yyyy-MM-dd date/,
    ],
    ['isOffDay as a string', bad([{ name: '元旦', date: '2027-01-01', isOffDay: 'true' }]), /days\[0\] .*isOffDay must be true or false/],
    ['no name', bad([{ date: '2027-01-01', isOffDay: true }]), /days\[0\] .* 缺少 name \| .*has no name/],
    ['a date far from the year', bad([{ name: '元旦', date: '2029-01-01', isOffDay: true }]), /is not in or next to 2027/],
    [
      'contradicting entries',
      bad([
        { name: 'a', date: '2027-01-01', isOffDay: true },
        { name: 'b', date: '2027-01-01', isOffDay: false },
      ]),
      /days\[1\] .*contradicts an earlier entry/,
    ],
  ])('rejects %s with a bilingual message naming the entry', (_what, text, message) => {
    expect(() => parseHolidayCnJson(text)).toThrow(message);
  });
});

describe('official years versus one-off overrides', () => {
  it('a single admin override in 2027 does not pass for the 2027 notice when official years are given', () => {
    const calendar = new WorkCalendar([{ date: '2027-01-04', isOffDay: true, name: '临时调整' }], []);
    expect(calendar.hasOfficialData(2027)).toBe(false);
    expect(calendar.isWorkingDay('2027-01-04')).toBe(false);
    const deadline = calendar.addWorkingDays(new Date('2026-12-31T02:00:00Z'), 2);
    expect(deadline.warnings.join()).toMatch(/2027/);
  });
});
