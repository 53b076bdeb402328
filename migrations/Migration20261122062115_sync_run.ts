import { Migration } from '@mikro-orm/migrations';

/** Sync runs of the pull connectors. */
export class Migration20261122062115 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "sync_run_status" as enum ('RUNNING', 'SUCCEEDED', 'FAILED');`);
    this.addSql(`create table "sync_run" ("id" serial primary key, "channel_id" int not null, "trigger" varchar(20) not null, "status" "sync_run_status" not null default 'RUNNING', "started_at" timestamptz not null default now(), "finished_at" timestamptz null, "pages" int not null default 0, "created" int not null default 0, "updated" int not null default 0, "unchanged" int not null default 0, "superseded" int not null default 0, "quarantined" int not null default 0, "retries" int not null default 0, "errors" jsonb not null);`);
    this.addSql(`create index "sync_run_channel_id_started_at_index" on "sync_run" ("channel_id", "started_at");`);

    this.addSql(`alter table "sync_run" add constraint "sync_run_channel_id_foreign" foreign key ("channel_id") references "channel" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "sync_run" cascade;`);

    this.addSql(`drop type "sync_run_status";`);
  }

}
