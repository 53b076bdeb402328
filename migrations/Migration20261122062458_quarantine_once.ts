import { Migration } from '@mikro-orm/migrations';

/** An unmappable record received again is kept once. */
export class Migration20261122062458 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create unique index "channel_record_quarantine_once" on "channel_record" ("channel_id", "content_hash") where "status" = 'QUARANTINED';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "channel_record_quarantine_once";`);
  }

}
