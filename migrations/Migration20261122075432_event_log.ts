import { Migration } from '@mikro-orm/migrations';

/** The event log (事件日志): subscription cursors, replay after reconnect, ids numbered in commit order. */
export class Migration20261122075432 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "event_log" ("id" bigserial primary key, "topic" varchar(63) not null, "payload" jsonb not null, "created_at" timestamptz not null default now());`);
    this.addSql(`create index "event_log_created_at_index" on "event_log" ("created_at");`);
    this.addSql(`create index "event_log_topic_id_index" on "event_log" ("topic", "id");`);

    // At commit (deferred trigger), each row gets its final id under a transaction-level advisory
    // lock held until the commit ends, so ids follow commit order: a reader that sees id N will never
    // later see a new row below N (the cursor cannot skip an event that committed late). Then NOTIFY
    // on the topic, delivered to every listener only if and after the transaction commits; a
    // payload too large for NOTIFY travels as its cursor alone and listeners read the row.
    this.addSql(`create function "minyi_event_log_commit"() returns trigger language plpgsql as $$
      declare final_id bigint;
      begin
        perform pg_advisory_xact_lock(36070412346);
        final_id := nextval('event_log_id_seq');
        update "event_log" set "id" = final_id where "id" = new."id";
        if not found then return null; end if;
        perform pg_notify(new."topic", case when octet_length(new."payload"::text) <= 7000
          then jsonb_build_object('cursor', final_id::text, 'message', new."payload")
          else jsonb_build_object('cursor', final_id::text) end::text);
        return null;
      end $$;`);
    this.addSql(`create constraint trigger "event_log_commit" after insert on "event_log"
      deferrable initially deferred for each row execute function "minyi_event_log_commit"();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "event_log" cascade;`);
    this.addSql(`drop function if exists "minyi_event_log_commit"();`);
  }

}
