import type { EntityManager } from '@mikro-orm/postgresql';
import { prepared } from '../db/prepared';
import { pgArray } from '../db/sql';

/** A report in no cluster: its order id, the township (or county) of its text, received_at in µs since the epoch. */
interface Straggler {
  id: number;
  region_id: number;
  at: number;
}

/**
 * 游离报告 The reports in no cluster that consolidation offers to each touched cluster (the orders of
 * its township, or placed only in the county, received within `foldHours` of its members; the latest
 * `limit`). Read once a group for all touched townships over the union of their windows, instead of
 * once a touched cluster (each read walks the window's orders): membership changes during the pass
 * only by the adoptions recorded here, so a cluster's share of the read is what its own query would
 * return. A window reaching beyond the read (a cluster that grew by a fold) is queried on its own.
 * Times are compared in microseconds, as PostgreSQL stores them. Both reads are ranges of the
 * text rows' (region_id, received_at) index (work_order_text.received_at is the order's).
 */
export class Stragglers {
  private read?: { from: number; to: number; regions: ReadonlySet<number>; rows: Straggler[] };
  private readonly adopted = new Set<number>();

  constructor(
    private readonly tx: EntityManager,
    private readonly county: readonly number[],
    private readonly scheme: string,
    private readonly limit: number,
  ) {}

  /** Reads the stragglers of `windows` (a township and ms bounds each) at once. */
  async prefetch(windows: ReadonlyArray<{ regionId: number; from: number; to: number }>): Promise<void> {
    if (!windows.length) return;
    const from = Math.min(...windows.map((w) => w.from));
    const to = Math.max(...windows.map((w) => w.to));
    const regions = new Set(windows.map((w) => w.regionId));
    const rows: Array<{ id: number; region_id: number; at: string }> = await this.tx.execute(
      prepared(`select t.work_order_id as id, t.region_id, (extract(epoch from t.received_at) * 1000000)::bigint::text as at
         from work_order_text t
        where t.received_at between ? and ? and (t.region_id = any(?::int[]) or t.region_id = any(?::int[])) and t.scheme = ?
          and not exists (select 1 from hot_issue_member m where m.work_order_id = t.work_order_id)`),
      [new Date(from), new Date(to), pgArray([...regions]), pgArray([...this.county]), this.scheme],
    );
    this.read = { from, to, regions, rows: rows.map((r) => ({ id: r.id, region_id: r.region_id, at: Number(r.at) })) };
  }

  /** The stragglers a cluster of `regionId` spanning [from, to] (ms, the fold margin included) is offered, latest first. */
  async near(regionId: number, from: number, to: number): Promise<Array<{ id: number; region_id: number }>> {
    const read = this.read;
    if (!read?.regions.has(regionId) || from < read.from || to > read.to) return this.query(regionId, from, to);
    const county = new Set(this.county);
    return read.rows
      .filter((r) => (r.region_id === regionId || county.has(r.region_id)) && r.at >= from * 1000 && r.at <= to * 1000 && !this.adopted.has(r.id))
      .sort((a, b) => b.at - a.at || b.id - a.id)
      .slice(0, this.limit);
  }

  /** The order joined a cluster: no longer offered. */
  adopt(id: number): void {
    this.adopted.add(id);
  }

  private query(regionId: number, from: number, to: number): Promise<Array<{ id: number; region_id: number }>> {
    return this.tx.execute(
      prepared(`select t.work_order_id as id, t.region_id from work_order_text t
        where t.received_at between ? and ? and (t.region_id = ? or t.region_id = any(?::int[])) and t.scheme = ?
          and not exists (select 1 from hot_issue_member m where m.work_order_id = t.work_order_id)
        order by t.received_at desc, t.work_order_id desc limit ?`),
      [new Date(from), new Date(to), regionId, pgArray([...this.county]), this.scheme, this.limit],
    );
  }
}
