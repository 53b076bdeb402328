import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray } from '../db/sql';
import { hotScore, isHot, type HotThresholds } from './hot-score';
import type { HotIssueChange } from './publication';

const DAY_MS = 86_400_000;
const TITLE_WORDS = 4;
const KEYWORDS = 8;

/**
 * Recomputes the touched clusters from their members: counts, first/last seen, keywords and the
 * generated title, the hot score (hot-score.ts, counted around the cluster's last member so that a
 * replayed history scores as it did live) and growth. A cluster becomes a hot issue (热点) the first
 * time it crosses the thresholds (`detectedAt`); after that every change is an update.
 *
 * Three statements for all the touched clusters of a group, not five a cluster (the analyser
 * refreshes after every group): their members' span, then the reporters per window, the baseline and
 * the keywords of each (the window bounds computed here from the span, as a replay would), then one
 * update.
 */
export async function refreshHotIssues(tx: EntityManager, ids: number[], thresholds: HotThresholds): Promise<HotIssueChange[]> {
  if (!ids.length) return [];
  const spans: ClusterSpan[] = await tx.execute(
    `select h.id, h.region_id, h.category_id, h.detected_at, r.name as region_name,
            count(*)::int as members, min(wo.received_at) as first_seen, max(wo.received_at) as last_seen
       from hot_issue h join region r on r.id = h.region_id
       join hot_issue_member m on m.hot_issue_id = h.id join work_order wo on wo.id = m.work_order_id
      where h.id = any(?::int[]) group by h.id, r.name`,
    [pgArray(ids)],
  );
  const byId = new Map(spans.map((c) => [c.id, c]));
  const present = ids.filter((id) => byId.has(id));
  if (!present.length) return [];
  const hour = 3_600_000;
  const longest = Math.max(...thresholds.windowsHours) * hour;
  const windows = thresholds.windowsHours.map((_, i) => `w${i}`);
  // Per cluster: its id, township, category, the start of each window, of the window before the longest, of the longest, of the baseline.
  const bounds = present.map((id) => {
    const c = byId.get(id)!;
    const last = new Date(c.last_seen).getTime();
    return [
      id,
      c.region_id,
      c.category_id,
      ...thresholds.windowsHours.map((h) => new Date(last - h * hour)),
      new Date(last - 2 * longest),
      new Date(last - longest),
      new Date(last - longest - 28 * DAY_MS),
    ];
  });
  // Distinct reporters: the caller's keyed phone or ID hash; an anonymous order counts alone.
  const reporter = 'coalesce(wo.citizen_phone_hash, wo.citizen_id_hash, wo.id::text)';
  const facts: Array<Record<string, number> & { id: number; previous: number; prior: number; baseline: number; keywords: string[] }> = await tx.execute(
    `select p.id, ${windows.map((w) => `k.${w}`).join(', ')}, k.previous, k.prior, b.n as baseline, kw.keywords
       from (values ${bounds.map(() => `(?::int, ?::int, ?::int, ${windows.map(() => '?::timestamptz').join(', ')}, ?::timestamptz, ?::timestamptz, ?::timestamptz)`).join(', ')})
            as p(id, region_id, category_id, ${windows.map((w) => `${w}_from`).join(', ')}, previous_from, longest_from, baseline_from)
       cross join lateral (
         select ${windows.map((w) => `count(distinct ${reporter}) filter (where wo.received_at > p.${w}_from)::int as ${w}`).join(', ')},
                count(distinct ${reporter}) filter (where wo.received_at > p.previous_from and wo.received_at <= p.longest_from)::int as previous,
                count(distinct ${reporter}) filter (where wo.received_at <= p.longest_from)::int as prior
           from hot_issue_member m join work_order wo on wo.id = m.work_order_id where m.hot_issue_id = p.id) k
       cross join lateral (
         select count(*)::int as n from work_order wo left join work_order_text t on t.work_order_id = wo.id
          where coalesce(t.region_id, wo.region_id) = p.region_id and coalesce(wo.category_id, wo.suggested_category_id) is not distinct from p.category_id
            and wo.received_at >= p.baseline_from and wo.received_at <= p.longest_from) b
       cross join lateral (
         -- The cluster's keywords: TF-IDF weights summed over its latest 50 members.
         select coalesce(array_agg(top.word order by top.rank), '{}') as keywords
           from (select k.word, row_number() over (order by sum(k.weight) desc, k.word) as rank
                   from (select t.keywords from hot_issue_member m join work_order_text t on t.work_order_id = m.work_order_id
                          where m.hot_issue_id = p.id order by m.id desc limit 50) latest,
                        jsonb_to_recordset(latest.keywords) as k(word text, weight double precision)
                  group by k.word order by sum(k.weight) desc, k.word limit ${KEYWORDS}) top) kw`,
    bounds.flat(),
  );
  const factsById = new Map(facts.map((f) => [f.id, f]));
  const changes: HotIssueChange[] = [];
  const updates: unknown[][] = [];
  for (const id of present) {
    const c = byId.get(id)!;
    const f = factsById.get(id)!;
    const last = new Date(c.last_seen).getTime();
    const input = {
      windows: thresholds.windowsHours.map((hours, i) => ({ hours, recent: f[`w${i}`] })),
      previous: f.previous,
      baseline28d: f.baseline,
      prior: { reporters: f.prior, hours: Math.max(0, (last - longest - new Date(c.first_seen).getTime()) / hour) },
    };
    const { score, growth } = hotScore(input, thresholds.minMembers);
    const title = `${c.region_name}：${f.keywords.slice(0, TITLE_WORDS).join(' ')}`.slice(0, 200);
    const detect = !c.detected_at && isHot(input, thresholds);
    updates.push([id, title, JSON.stringify(f.keywords), c.members, c.first_seen, c.last_seen, score, growth, detect ? new Date() : null]);
    if (detect) changes.push({ hotIssueId: id, type: 'DETECTED' });
    else if (c.detected_at) changes.push({ hotIssueId: id, type: 'UPDATED' });
  }
  await tx.execute(
    `update hot_issue set title = v.title, keywords = v.keywords, member_count = v.members, first_seen_at = v.first_seen, last_seen_at = v.last_seen,
            score = v.score, growth = v.growth, detected_at = coalesce(hot_issue.detected_at, v.detected_at), updated_at = now(),
            band_keys = (select coalesce(t.band_keys, '{}') from hot_issue_member m join work_order_text t on t.work_order_id = m.work_order_id where m.hot_issue_id = hot_issue.id order by m.id limit 1)
       from (values ${updates.map(() => '(?::int, ?::varchar, ?::jsonb, ?::int, ?::timestamptz, ?::timestamptz, ?::double precision, ?::double precision, ?::timestamptz)').join(', ')})
            as v(id, title, keywords, members, first_seen, last_seen, score, growth, detected_at)
      where hot_issue.id = v.id`,
    updates.flat(),
  );
  return changes;
}

interface ClusterSpan {
  id: number;
  region_id: number;
  category_id: number | null;
  detected_at: Date | null;
  region_name: string;
  members: number;
  first_seen: Date;
  last_seen: Date;
}
