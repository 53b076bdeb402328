import { DAY_MS, HOUR_MS } from '../common/time';
import { DUPLICATE_STORIES, REPEAT_STORIES, SEED_BURSTS, type BurstMatter, type ReportVoice } from './data/bursts';
import type { DemoRequestType } from './data/texts';
import { mobile } from './generator';
import { Random } from './random';
import { GIVEN_NAME_CHARS, SURNAMES } from './data/texts';

/**
 * The demo seed's stories (issue 13): besides the generated orders, what a new user should find at
 * once — a few bursts of one matter told by many people through several channels in one township
 * over the last two days (热点), some of their reporters calling again a day later (重复投诉), callers
 * who call about their own matter several times over days, and matters reported through two channels
 * within hours (多头投诉). The texts are hand-written (data/bursts.ts); this module only places them in
 * time, on channels and with fictitious citizens. The generator inserts them like its own orders.
 */
export interface DemoStoryOrder {
  /** Channel code (`12345`, `board`, `wzgz` …). */
  channel: string;
  /** The hub category; null for web channels, whose records carry none (awaiting 统一分拨). */
  categoryCode: string | null;
  requestType: DemoRequestType;
  urgent: boolean;
  townshipCode: string;
  /** Where, as the order records it (`梅林镇城东社区…`). */
  address: string;
  title: string;
  content: string;
  receivedAt: Date;
  /** Null: anonymous. */
  citizen: { name: string; phone: string } | null;
  /** Which story (data/bursts.ts key), for tests. */
  story: string;
}

/** Web channels: their records come without a hub category. */
const WEB_CHANNELS = new Set(['board', 'wzgz', 'wzjx', 'govcn-ly', 'gwy-dc']);

/** The channel a report of this voice and category plausibly came through. */
function channelFor(r: Random, voice: ReportVoice, categoryCode: string): string {
  const top = categoryCode.slice(0, 2);
  if (voice === 'post')
    return r.weighted([
      ['board', 4],
      ['wzgz', 3],
      ['wzjx', 2],
      ['govcn-ly', 1],
    ] as const);
  if (voice === 'letter') return ['01', '03', '08', '16', '17'].includes(top) ? 'xf' : r.pick(['govcn-ly', 'board']);
  const own: Record<string, string> = { '01': '12333', '10': '12315', '11': '12328', '14': '12333' };
  return own[top] && r.chance(0.4) ? own[top] : '12345';
}

function person(r: Random): { name: string; phone: string } {
  return { name: `${r.pick(SURNAMES)}${r.pick(GIVEN_NAME_CHARS)}${r.chance(0.7) ? r.pick(GIVEN_NAME_CHARS) : ''}`, phone: mobile(r) };
}

const trimCounty = (address: string) => address.replace(/^赣县区/, '');

/** One burst: every report, spread over `spanHours` from `start`, denser towards the end (a burst grows). */
function burstOrders(r: Random, matter: BurstMatter, start: number, spanHours: number, now: number): DemoStoryOrder[] {
  const out: DemoStoryOrder[] = [];
  const n = matter.reports.length;
  const times = Array.from({ length: n }, () => start + Math.sqrt(r.next()) * spanHours * HOUR_MS).sort((a, b) => a - b);
  const callers: Array<{ citizen: { name: string; phone: string }; at: number }> = [];
  matter.reports.forEach((report, i) => {
    const channel = channelFor(r, report.voice, matter.categoryCode);
    const anonymous = WEB_CHANNELS.has(channel) && r.chance(0.3);
    const citizen = anonymous ? null : person(r);
    const at = Math.min(times[i], now - 5 * 60_000);
    if (citizen && report.voice === 'call') callers.push({ citizen, at });
    out.push({
      channel,
      categoryCode: WEB_CHANNELS.has(channel) ? null : matter.categoryCode,
      requestType: matter.requestType,
      urgent: matter.urgent === true,
      townshipCode: matter.townshipCode,
      address: trimCounty(matter.address),
      title: report.title,
      content: report.content,
      receivedAt: new Date(at),
      citizen,
      story: matter.key,
    });
  });
  // 重复投诉: some callers call again the next day, in their own words.
  matter.again.forEach((report, i) => {
    const caller = callers[i * 2];
    if (!caller) return;
    const at = Math.min(caller.at + r.int(18, 30) * HOUR_MS, now - r.int(10, 90) * 60_000);
    if (at <= caller.at + HOUR_MS) return;
    out.push({
      channel: '12345',
      categoryCode: matter.categoryCode,
      requestType: matter.requestType,
      urgent: matter.urgent === true,
      townshipCode: matter.townshipCode,
      address: trimCounty(matter.address),
      title: report.title,
      content: report.content,
      receivedAt: new Date(at),
      citizen: caller.citizen,
      story: matter.key,
    });
  });
  return out;
}

/** The seed's story orders relative to `now`, in no particular order (the generator gives them ids in this order). */
export function demoStories(now: Date, seed = 2026): DemoStoryOrder[] {
  const r = new Random(seed);
  const t = now.getTime();
  const out: DemoStoryOrder[] = [];
  // Bursts that started 44, 30 and 16 hours ago and grew over half a day.
  SEED_BURSTS.forEach((matter, i) => {
    out.push(...burstOrders(r, matter, t - (44 - 14 * i) * HOUR_MS, 14, t));
  });
  for (const story of REPEAT_STORIES) {
    const citizen = person(r);
    story.calls.forEach((call, i) =>
      out.push({
        channel: call.channel,
        categoryCode: story.categoryCode,
        requestType: story.requestType,
        urgent: false,
        townshipCode: story.townshipCode,
        address: trimCounty(story.address),
        title: call.title,
        content: call.content,
        receivedAt: new Date(t - story.daysAgo[i] * DAY_MS - r.int(0, 5 * 60) * 60_000),
        citizen,
        story: story.key,
      }),
    );
  }
  for (const story of DUPLICATE_STORIES) {
    const first = person(r);
    for (const report of story.reports) {
      out.push({
        channel: report.channel,
        categoryCode: WEB_CHANNELS.has(report.channel) ? null : story.categoryCode,
        requestType: story.requestType,
        urgent: false,
        townshipCode: story.townshipCode,
        address: trimCounty(story.address),
        title: report.title,
        content: report.content,
        receivedAt: new Date(t - story.hoursAgo * HOUR_MS + report.laterMinutes * 60_000),
        citizen: story.samePerson || report === story.reports[0] ? first : person(r),
        story: story.key,
      });
    }
  }
  return out;
}
