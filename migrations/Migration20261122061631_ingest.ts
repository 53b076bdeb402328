import { Migration } from '@mikro-orm/migrations';

/** Ingestion: SUPERSEDED raw records, version order on sources, the push intake rate window. */
export class Migration20261122061631 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "intake_rate_window" ("channel_id" int not null, "second" timestamptz not null, "count" int not null, constraint "intake_rate_window_pkey" primary key ("channel_id", "second"));`);

    this.addSql(`alter table "intake_rate_window" add constraint "intake_rate_window_channel_id_foreign" foreign key ("channel_id") references "channel" ("id") on update cascade;`);

    this.addSql(`alter type "channel_record_status" add value if not exists 'SUPERSEDED' after 'STALE';`);

    this.addSql(`alter table "work_order_source" add column "version_order" bigint null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "intake_rate_window" cascade;`);

    this.addSql(`alter table "work_order_source" drop column "version_order";`);
  }

}
