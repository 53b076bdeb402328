import { Connector12333 } from './client';
import { makeConfig12333 } from './config';
import { SAMPLE_KEY, Simulator12333 } from './simulator';
import type { DemoRequestType } from '../../src/demo/data/texts';
import { pullDemoChannel } from '../../src/demo/trickle/channel';
import { DailySerial } from '../../src/demo/trickle/serials';

/**
 * 12333 (12333.md): tickets of 人社 (wages, labour relations, social insurance) about 赣县区 appear
 * on the simulator, then move on as §4.1 allows: 0 → 1 → 2, 0 → 2, 0|1 → 9; some are re-typed or
 * marked urgent on the way. Callers' phones come in the free forms of §4.2.
 */

/** §4.1 appeal_type for the hub's request types (README "Request-type mapping"). */
const APPEAL_TYPE: Readonly<Record<DemoRequestType, number>> = {
  CONSULTATION: 1,
  HELP: 2,
  COMPLAINT: 3,
  REPORT: 4,
  SUGGESTION: 5,
  PRAISE: 6,
  OTHER: 9,
};

/** §4.1 biz_type for the hub's categories, most specific prefix first. */
const BIZ_TYPE: ReadonlyArray<readonly [string, string]> = [
  ['0101', '欠薪'],
  ['010203', '工伤'],
  ['0102', '劳动关系'],
  ['0103', '就业'],
  ['0104', '劳动关系'],
  ['140102', '养老'],
  ['140103', '就业'],
  ['1401', '社保'],
  ['1402', '医保'],
  ['14', '社保'],
];

/** §4.1 transitions, weighted; 2 (reopen 2 → 1 is the call-back's business) and 9 are final here. */
const NEXT_STATE: Readonly<Record<number, ReadonlyArray<readonly [number, number]>>> = {
  0: [
    [1, 80],
    [2, 12],
    [9, 8],
  ],
  1: [
    [2, 90],
    [9, 10],
  ],
};

export const demo12333 = pullDemoChannel<string>('12333', async (content) => {
  const r = content.random;
  // The maintenance window (00:30–01:30) is off: a demo runs at any hour.
  const sim = await Simulator12333.start({ seed: false, clock: Date.now(), maintenance: false });
  // The demo simulator keeps no maintenance window (maintenance: false), so neither does its client.
  const connector = new Connector12333(makeConfig12333({ baseUrl: sim.url, apiKey: SAMPLE_KEY, startWatermark: Date.now() - 3600_000 }), {
    maintenanceWindow: false,
  });
  const serials = new DailySerial(7);

  /** §4.2: the forms callers' numbers arrive in. */
  const phone = (mobile: string): string =>
    r.weighted([
      [mobile, 40],
      [`${mobile.slice(0, 3)} ${mobile.slice(3, 7)} ${mobile.slice(7)}`, 20],
      [`+86 ${mobile.slice(0, 3)}-${mobile.slice(3, 7)}-${mobile.slice(7)}`, 15],
      [`0797-${r.int(4_000_000, 8_999_999)}`, 15],
      ['', 10],
    ]);

  return {
    connector,
    add() {
      const now = sim.now();
      const m = content.matter(['01', '14']);
      const biz = BIZ_TYPE.find(([prefix]) => m.categoryCode.startsWith(prefix))?.[1] ?? '社保';
      const person = content.person();
      const { day, serial } = serials.next(now);
      const ticketId = `${day}${serial}`;
      const wages = biz === '欠薪';
      const workers = wages || biz === '劳动关系' ? (r.chance(0.4) ? r.int(2, 40) : 1) : null;
      // Legacy tickets omit the 镇/乡 (§4.3); an empty town is allowed too but the hub flags it, so none here.
      const town = r.chance(0.85) ? m.township.name : m.township.name.slice(0, -1);
      sim.addTicket({
        ticket_id: ticketId,
        created_ms: content.minutesBefore(now, 1, 60).getTime(),
        modified_ms: now.getTime(),
        caller_name: r.weighted([
          [person.name, 60],
          [content.politeName(), 30],
          ['', 10],
        ]),
        caller_phone: phone(person.mobile),
        caller_id_no: ['社保', '养老', '医保'].includes(biz) && r.chance(0.5) ? person.idNumber : null,
        appeal_type: APPEAL_TYPE[m.requestType],
        biz_type: biz,
        employer_name: ['欠薪', '劳动关系', '工伤'].includes(biz) ? `赣州市赣县区${m.company}` : null,
        workers_involved: workers,
        arrears_amount_fen: wages ? r.int(30, 2000) * 10_000 : null,
        description: m.content,
        town,
        address: r.chance(0.5) ? m.address : null,
        is_urgent: m.urgent && (workers ?? 1) >= 10 ? 1 : 0,
        state: 0,
      });
      return ticketId;
    },
    update(ticketId) {
      const t = sim.getTicket(ticketId);
      const next = t && NEXT_STATE[Number(t.state)];
      if (!t || !next) return false;
      if (t.state === 0 && r.chance(0.15)) {
        sim.updateTicket(ticketId, t.appeal_type === 1 ? { appeal_type: 3 } : { is_urgent: 1 }); // re-typed, or escalated
        return true;
      }
      const state = r.weighted(next);
      sim.updateTicket(ticketId, { state });
      return NEXT_STATE[state] !== undefined;
    },
    stop: () => sim.stop(),
  };
});
