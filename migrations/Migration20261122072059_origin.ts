import { Migration } from '@mikro-orm/migrations';

/** Connectors, part 2: origin-status reopen alerts, sync-run notices, 信访 restricted text, the board's own evaluations. */
export class Migration20261122072059 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "channel_evaluation" ("id" serial primary key, "work_order_id" int not null, "channel_id" int not null, "external_id" varchar(64) not null, "round" int not null, "evaluated" boolean not null default false, "satisfaction" varchar(20) null, "comment" text null, "evaluated_at" timestamptz null, "is_default" boolean not null default false, "next_check_at" timestamptz null, "checks" int not null default 0, "created_at" timestamptz not null default now());`);
    this.addSql(`create index "channel_evaluation_next_check_at_index" on "channel_evaluation" ("next_check_at");`);
    this.addSql(`alter table "channel_evaluation" add constraint "channel_evaluation_work_order_id_channel_id_round_unique" unique ("work_order_id", "channel_id", "round");`);

    this.addSql(`alter table "channel_evaluation" add constraint "channel_evaluation_work_order_id_foreign" foreign key ("work_order_id") references "work_order" ("id") on update cascade;`);
    this.addSql(`alter table "channel_evaluation" add constraint "channel_evaluation_channel_id_foreign" foreign key ("channel_id") references "channel" ("id") on update cascade;`);

    this.addSql(`alter table "sync_run" add column "notices" jsonb not null default '[]';`);

    this.addSql(`alter table "work_order" add column "restricted_content_enc" text null;`);

    this.addSql(`alter type "alert_type" add value if not exists 'ORIGIN_REOPENED' after 'SUPERVISED';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "channel_evaluation" cascade;`);

    this.addSql(`alter table "sync_run" drop column "notices";`);

    this.addSql(`alter table "work_order" drop column "restricted_content_enc";`);
  }

}
