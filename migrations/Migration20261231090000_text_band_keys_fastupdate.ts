import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 15 (bench:hot): the text analyser writes an order's band keys and at once looks up the next
 * order's. With GIN fastupdate (PostgreSQL's default) new entries wait in the index's pending list,
 * which every lookup reads in full until a vacuum merges it (measured: the band-key lookup 8 ms on a
 * few hundred fresh rows, growing with the list). Without it each insert updates the GIN tree
 * directly (a little slower) and lookups stay index-only.
 */
export class Migration20261231090000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter index "work_order_text_band_keys_index" set (fastupdate = off);`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter index "work_order_text_band_keys_index" reset (fastupdate);`);
  }

}
