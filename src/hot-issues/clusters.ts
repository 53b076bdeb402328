import type { EntityManager } from '@mikro-orm/postgresql';
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
 */
export async function refreshHotIssues(tx: EntityManager, ids: number[], thresholds: HotThresholds): Promise<HotIssueChange[]> {
  const changes: HotIssueChange[] = [];
  for (const id of ids) {
    const [c] = await tx.execute(
      `select h.id, h.region_id, h.category_id, h.detected_at, r.name as region_name,
              count(*)::int as members, min(wo.received_at) as first_seen, max(wo.received_at) as last_seen
         from hot_issue h join region r on r.id = h.region_id
         join hot_issue_member m on m.hot_issue_id = h.id join work_order wo on wo.id = m.work_order_id
        where h.id = ? group by h.id, r.name`,
      [id],
    );
    if (!c) continue;
    const last = new Date(c.last_seen).getTime();
    const hour = 3_600_000;
    const longest = Math.max(...thresholds.windowsHours) * hour;
    // Distinct reporters: the caller's keyed phone or ID hash; an anonymous order counts alone.
    const reporter = 'coalesce(wo.citizen_phone_hash, wo.citizen_id_hash, wo.id::text)';
    const [counts] = await tx.execute(
      `select ${thresholds.windowsHours.map((_, i) => `count(distinct ${reporter}) filter (where wo.received_at > ?)::int as w${i}`).join(', ')},
              count(distinct ${reporter}) filter (where wo.received_at > ? and wo.received_at <= ?)::int as previous,
              count(distinct ${reporter}) filter (where wo.received_at <= ?)::int as prior
         from hot_issue_member m join work_order wo on wo.id = m.work_order_id where m.hot_issue_id = ?`,
      [...thresholds.windowsHours.map((h) => new Date(last - h * hour)), new Date(last - 2 * longest), new Date(last - longest), new Date(last - longest), id],
    );
    const [baseline] = await tx.execute(
      `select count(*)::int as n from work_order wo left join work_order_text t on t.work_order_id = wo.id
        where coalesce(t.region_id, wo.region_id) = ? and coalesce(wo.category_id, wo.suggested_category_id) is not distinct from ? and wo.received_at >= ? and wo.received_at <= ?`,
      [c.region_id, c.category_id, new Date(last - longest - 28 * DAY_MS), new Date(last - longest)],
    );
    const input = {
      windows: thresholds.windowsHours.map((hours, i) => ({ hours, recent: counts[`w${i}`] as number })),
      previous: counts.previous,
      baseline28d: baseline.n,
      prior: { reporters: counts.prior as number, hours: Math.max(0, (last - longest - new Date(c.first_seen).getTime()) / hour) },
    };
    const { score, growth } = hotScore(input, thresholds.minMembers);
    const keywords = await clusterKeywords(tx, id);
    const title = `${c.region_name}：${keywords.slice(0, TITLE_WORDS).join(' ')}`.slice(0, 200);
    const detect = !c.detected_at && isHot(input, thresholds);
    await tx.execute(
      `update hot_issue set title = ?, keywords = ?, member_count = ?, first_seen_at = ?, last_seen_at = ?, score = ?, growth = ?,
              detected_at = coalesce(detected_at, ?), updated_at = now(),
              band_keys = (select coalesce(t.band_keys, '{}') from hot_issue_member m join work_order_text t on t.work_order_id = m.work_order_id where m.hot_issue_id = hot_issue.id order by m.id limit 1)
        where id = ?`,
      [title, JSON.stringify(keywords), c.members, c.first_seen, c.last_seen, score, growth, detect ? new Date() : null, id],
    );
    if (detect) changes.push({ hotIssueId: id, type: 'DETECTED' });
    else if (c.detected_at) changes.push({ hotIssueId: id, type: 'UPDATED' });
  }
  return changes;
}

/** The cluster's keywords: TF-IDF weights summed over its latest 50 members. */
async function clusterKeywords(tx: EntityManager, id: number): Promise<string[]> {
  const rows: Array<{ word: string }> = await tx.execute(
    `select k.word from (select t.keywords from hot_issue_member m join work_order_text t on t.work_order_id = m.work_order_id
                          where m.hot_issue_id = ? order by m.id desc limit 50) latest,
            jsonb_to_recordset(latest.keywords) as k(word text, weight double precision)
      group by k.word order by sum(k.weight) desc, k.word limit ?`,
    [id, KEYWORDS],
  );
  return rows.map((r) => r.word);
}
