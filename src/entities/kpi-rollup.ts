import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * 统计日汇总 The KPI rollup: the additive counts of analytics/kpi.ts (KpiCounts) per Asia/Shanghai
 * day, per grouping (`dim` = DEPARTMENT, CHANNEL, CATEGORY_L1, CATEGORY_L2, REGION, REQUEST_TYPE or
 * TOTAL, `key` = the group's code) and per lead department (so a department's own statistics and a
 * department filter read the rollup too). Each order counts once per `dim`.
 *
 * Kept current in the same transaction as every change (migration …_kpi_rollup): statement triggers
 * on work_order, callback and extension_request append the change of each order's contribution to
 * `kpi_delta` (insert-only: concurrent transactions never wait on a shared counter row), and the
 * compactor (analytics/rollup/compactor.ts) expands them into groups and folds them into
 * `kpi_daily` and `kpi_monthly`. Reads add both, so they are exact at any moment; the rules of what counts where are the SQL function
 * `kpi_order_facts` (the same rules as analytics/kpi-sql.ts, checked by a test on random data).
 * Not GraphQL types: only analytics/rollup reads them.
 */
@Entity({ abstract: true })
export abstract class KpiCountColumns {
  @Property({ default: 0 }) received: number = 0;
  @Property({ default: 0 }) receivedAndClosed: number = 0;
  @Property({ default: 0 }) dispatched: number = 0;
  @Property({ default: 0 }) signedOnTime: number = 0;
  @Property({ default: 0 }) contactedOnTime: number = 0;
  @Property({ default: 0 }) returned: number = 0;
  @Property({ default: 0 }) extended: number = 0;
  @Property({ default: 0 }) due: number = 0;
  @Property({ default: 0 }) repliedOnTime: number = 0;
  @Property({ default: 0 }) closed: number = 0;
  @Property({ default: 0 }) reworked: number = 0;
  @Property({ type: 'double', default: 0 }) handlingHours: number = 0;
  /** Closed orders by handling-time bucket (kpi.ts HANDLING_BUCKETS; h13 is the open-ended one). */
  @Property({ default: 0 }) h0: number = 0;
  @Property({ default: 0 }) h1: number = 0;
  @Property({ default: 0 }) h2: number = 0;
  @Property({ default: 0 }) h3: number = 0;
  @Property({ default: 0 }) h4: number = 0;
  @Property({ default: 0 }) h5: number = 0;
  @Property({ default: 0 }) h6: number = 0;
  @Property({ default: 0 }) h7: number = 0;
  @Property({ default: 0 }) h8: number = 0;
  @Property({ default: 0 }) h9: number = 0;
  @Property({ default: 0 }) h10: number = 0;
  @Property({ default: 0 }) h11: number = 0;
  @Property({ default: 0 }) h12: number = 0;
  @Property({ default: 0 }) h13: number = 0;
  @Property({ default: 0 }) callbacks: number = 0;
  @Property({ default: 0 }) callbacksResolved: number = 0;
  @Property({ default: 0 }) satisfied: number = 0;
  @Property({ default: 0 }) basicallySatisfied: number = 0;
  @Property({ default: 0 }) unsatisfied: number = 0;
}

/** Folded counts: one row per day × dim × department × key. */
@Entity({ tableName: 'kpi_daily' })
export class KpiDaily extends KpiCountColumns {
  // Key order: a county-wide read (department '*') or one department's is a range of days.
  @PrimaryKey({ length: 16 })
  dim!: string;

  /** The order's lead department code ('' before dispatch), or '*': the same counts for all departments. */
  @PrimaryKey({ length: 32 })
  departmentCode!: string;

  @PrimaryKey({ type: 'date' })
  day!: string;

  @PrimaryKey({ length: 32 })
  key!: string;
}

/** The same counts per calendar month (`month` = its first day): whole months read 30 times fewer rows. */
@Entity({ tableName: 'kpi_monthly' })
export class KpiMonthly extends KpiCountColumns {
  @PrimaryKey({ length: 16 })
  dim!: string;

  @PrimaryKey({ length: 32 })
  departmentCode!: string;

  @PrimaryKey({ type: 'date' })
  month!: string;

  @PrimaryKey({ length: 32 })
  key!: string;
}

/**
 * Changes not yet folded into kpi_daily, at the grain of the order's own columns (ids, not codes:
 * the trigger does no lookups and no per-grouping expansion; kpi_compact does both). Signed:
 * −1 × an order's old contribution, +1 × its new one.
 */
@Entity({ tableName: 'kpi_delta' })
@Index({ properties: ['day'] })
export class KpiDelta extends KpiCountColumns {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'date' })
  day!: string;

  @Property({ type: 'integer', nullable: true })
  departmentId?: number | null;

  @Property()
  channelId!: number;

  @Property({ type: 'integer', nullable: true })
  categoryId?: number | null;

  @Property()
  regionId!: number;

  @Property({ columnType: 'request_type', type: 'string' })
  requestType!: string;
}

/**
 * The same counts per day × the order's own grain (lead department, channel, category, region,
 * request type; ids, 0 for none): what a combined or department-scoped filter, a day or week bucket
 * or a category code of odd length reads (analytics/rollup/rollup-read.ts). Kept by the compactor
 * with kpi_daily (migration …_kpi_grain_rollup).
 */
@Entity({ tableName: 'kpi_grain_daily' })
export class KpiGrainDaily extends KpiCountColumns {
  // Key order: a range of days first, as the reads take them.
  @PrimaryKey({ type: 'date' })
  day!: string;

  @PrimaryKey()
  departmentId!: number;

  @PrimaryKey()
  channelId!: number;

  @PrimaryKey()
  categoryId!: number;

  @PrimaryKey()
  regionId!: number;

  @PrimaryKey({ columnType: 'request_type', type: 'string' })
  requestType!: string;
}

/** kpi_grain_daily per calendar month (`month` = its first day). */
@Entity({ tableName: 'kpi_grain_monthly' })
export class KpiGrainMonthly extends KpiCountColumns {
  @PrimaryKey({ type: 'date' })
  month!: string;

  @PrimaryKey()
  departmentId!: number;

  @PrimaryKey()
  channelId!: number;

  @PrimaryKey()
  categoryId!: number;

  @PrimaryKey()
  regionId!: number;

  @PrimaryKey({ columnType: 'request_type', type: 'string' })
  requestType!: string;
}

/**
 * Per month, the counts of one grouping (`dim`, `key`) under one filter (`fdim` = CHANNEL, REGION,
 * REQUEST_TYPE or a category prefix level, `fkey` = its code), for all departments: a single
 * filter over whole months is one index range (rollup-read.ts).
 */
@Entity({ tableName: 'kpi_filter_monthly' })
export class KpiFilterMonthly extends KpiCountColumns {
  @PrimaryKey({ length: 16 })
  fdim!: string;

  @PrimaryKey({ length: 32 })
  fkey!: string;

  @PrimaryKey({ length: 16 })
  dim!: string;

  @PrimaryKey({ type: 'date' })
  month!: string;

  @PrimaryKey({ length: 32 })
  key!: string;
}
