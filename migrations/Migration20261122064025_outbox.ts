import { Migration } from '@mikro-orm/migrations';

/** The write-back outbox (统一回复回传). */
export class Migration20261122064025 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "outbox_status" as enum ('PENDING', 'DELIVERED', 'FAILED');`);
    this.addSql(`create table "outbox_message" ("id" serial primary key, "work_order_id" int not null, "channel_id" int not null, "external_id" varchar(64) not null, "kind" varchar(20) not null, "idempotency_key" varchar(64) not null, "payload" jsonb not null, "status" "outbox_status" not null default 'PENDING', "attempts" int not null default 0, "next_attempt_at" timestamptz not null default now(), "last_error" text null, "created_at" timestamptz not null default now(), "delivered_at" timestamptz null);`);
    this.addSql(`create index "outbox_message_work_order_id_index" on "outbox_message" ("work_order_id");`);
    this.addSql(`alter table "outbox_message" add constraint "outbox_message_idempotency_key_unique" unique ("idempotency_key");`);
    this.addSql(`create index "outbox_message_status_next_attempt_at_index" on "outbox_message" ("status", "next_attempt_at");`);

    this.addSql(`alter table "outbox_message" add constraint "outbox_message_work_order_id_foreign" foreign key ("work_order_id") references "work_order" ("id") on update cascade;`);
    this.addSql(`alter table "outbox_message" add constraint "outbox_message_channel_id_foreign" foreign key ("channel_id") references "channel" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "outbox_message" cascade;`);

    this.addSql(`drop type "outbox_status";`);
  }

}
