import type { EntityManager } from '@mikro-orm/postgresql';
import { prepared } from '../db/prepared';
import { pgArray } from '../db/sql';

/** A cluster's township and its members (order id, received_at in ms), by received_at then id. */
export interface ClusterMembers {
  regionId: number;
  members: Array<{ id: number; at: number }>;
}

/** What an operator may change on a cluster while the analyser works: read fresh each time (ClusterMemberReads.facts). */
export interface ClusterFacts {
  detectedAt: number | null;
  status: string;
}

/**
 * 簇成员 The members of the clusters one consolidation pass looks at, read once a pass (one
 * transaction): each touched cluster is compared with the other clusters of its township, and the
 * touched clusters of a group mostly share their townships, so the same clusters' members were read
 * again for every touched cluster (about 440 rows each). Members change only by the analyser's own
 * statements (one instance at a time: the advisory lock) — the pass forgets a cluster it changes
 * (fold, adoption), to read it again when next asked — and a cluster's township and its members'
 * received_at never change. Detection and status (an operator acts on a cluster) are not kept:
 * `facts` reads them with the fragment lookup, fresh each time as before.
 */
export class ClusterMemberReads {
  private readonly known = new Map<number, ClusterMembers | null>();

  constructor(private readonly tx: EntityManager) {}

  /** The clusters of `ids` that exist and have members (those read before from memory, the rest in one query), in ascending id order. */
  async load(ids: readonly number[]): Promise<Map<number, ClusterMembers>> {
    const missing = [...new Set(ids.filter((id) => !this.known.has(id)))];
    if (missing.length) {
      const rows: Array<{ hot_issue_id: number; region_id: number; work_order_id: number; received_at: Date }> = await this.tx.execute(
        prepared(`select h.id as hot_issue_id, h.region_id, m.work_order_id, wo.received_at
           from hot_issue h join hot_issue_member m on m.hot_issue_id = h.id join work_order wo on wo.id = m.work_order_id
          where h.id = any(?::int[]) order by h.id, wo.received_at, wo.id`),
        [pgArray(missing)],
      );
      for (const id of missing) this.known.set(id, null);
      for (const r of rows) {
        let c = this.known.get(r.hot_issue_id);
        if (!c) this.known.set(r.hot_issue_id, (c = { regionId: r.region_id, members: [] }));
        c.members.push({ id: r.work_order_id, at: new Date(r.received_at).getTime() });
      }
    }
    const out = new Map<number, ClusterMembers>();
    for (const id of [...new Set(ids)].sort((a, b) => a - b)) {
      const c = this.known.get(id);
      if (c) out.set(id, c);
    }
    return out;
  }

  /** The pass changed these clusters' members (or deleted them): read again when next asked. */
  forget(...ids: number[]): void {
    for (const id of ids) this.known.delete(id);
  }

  /**
   * The detection and status of cluster `id` (undefined when it no longer exists), and the ids of the
   * other clusters of its township whose span reaches [from, to] (hot_issue.first_seen_at,
   * last_seen_at): one statement.
   */
  async facts(id: number, regionId: number, from: Date, to: Date): Promise<{ self: ClusterFacts | undefined; others: Map<number, ClusterFacts> }> {
    const rows: Array<{ id: number; detected_at: Date | null; status: string }> = await this.tx.execute(
      prepared(`select h.id, h.detected_at, h.status from hot_issue h
        where h.id = ? or (h.region_id = ? and h.id <> ? and h.last_seen_at >= ? and h.first_seen_at <= ?)`),
      [id, regionId, id, from, to],
    );
    let self: ClusterFacts | undefined;
    const others = new Map<number, ClusterFacts>();
    for (const r of rows) {
      const facts = { detectedAt: r.detected_at ? new Date(r.detected_at).getTime() : null, status: r.status };
      if (r.id === id) self = facts;
      else others.set(r.id, facts);
    }
    return { self, others };
  }
}
