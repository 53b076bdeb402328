import { Entity, Index, OneToOne, OptionalProps, Property } from '@mikro-orm/core';
import { WorkOrder } from './work-order';

/**
 * The text analysis of an order (hot-issues/text): TF-IDF keywords and a MinHash signature with
 * its LSH band keys, stored so that similar orders are found by an index lookup (`band_keys && ?`,
 * GIN) instead of a scan. One row per order, written by the analyser after intake.
 */
@Entity()
@Index({ properties: ['bandKeys'], type: 'gin' })
@Index({ name: 'work_order_text_region_received_index', properties: ['regionId', 'receivedAt', 'workOrder'] })
export class WorkOrderText {
  [OptionalProps]?: 'analyzedAt';

  @OneToOne(() => WorkOrder, { primary: true, owner: true })
  workOrder!: WorkOrder;

  /** The signature scheme (hashes, bands, rows, seed): keys of different schemes never compare. */
  @Property({ length: 64 })
  scheme!: string;

  /** Base64 of the MinHash values. */
  @Property({ type: 'text' })
  signature!: string;

  /** LSH band keys as 64-bit integers (bigint[] compares fast; text[] would compare with collation). */
  @Property({ columnType: 'bigint[]', type: 'string[]' })
  bandKeys!: string[];

  /** [{ word, weight }] */
  @Property({ type: 'json' })
  keywords!: Array<{ word: string; weight: number }>;

  /** Local names the text mentions ({ townships, spots, places }): the 名称冲突 veto compares them. */
  @Property({ type: 'json' })
  places!: { townships: string[]; spots: string[]; places: string[]; codes?: string[]; textSpots?: string[] };

  /** The township region the analyser placed the order in: its own, or the one its text names when it came with the county code only (issue 13). */
  @Property({ type: 'integer', nullable: true })
  regionId?: number | null;

  /**
   * The order's received_at, kept equal to it by the database (migration …_text_received_at): with
   * regionId, the index of the analyser's nearby lookups (a township's orders in a time window).
   */
  @Property({ type: 'datetime' })
  receivedAt!: Date;

  /** Character bigrams of the content (hot-issues/text/similarity.ts charGrams), for the character-level part of the score. */
  @Property({ columnType: 'text[]', type: 'string[]', nullable: true })
  grams?: string[] | null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  analyzedAt: Date = new Date();
}
