import { Migration } from '@mikro-orm/migrations';

/** Hot issues and repeat / multi-source complaints: text signatures, clusters, duplicate candidates, repeat counts, 撤销并单 events. */
export class Migration20261122082002 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "hot_issue_status" as enum ('NEW', 'CONFIRMED', 'DISMISSED', 'RESOLVED');`);
    this.addSql(`create type "duplicate_status" as enum ('PENDING', 'MERGED', 'DISMISSED', 'UNMERGED');`);
    this.addSql(`create table "hot_issue" ("id" serial primary key, "title" varchar(200) not null, "keywords" jsonb not null, "region_id" int not null, "category_id" int null, "status" "hot_issue_status" not null default 'NEW', "status_changed_by" varchar(100) null, "status_changed_at" timestamptz null, "member_count" int not null default 0, "first_seen_at" timestamptz not null, "last_seen_at" timestamptz not null, "score" double precision not null default 0, "growth" double precision not null default 0, "detected_at" timestamptz null, "band_keys" bigint[] not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`);
    this.addSql(`create index "hot_issue_band_keys_index" on "hot_issue" using gin ("band_keys");`);
    this.addSql(`create index "hot_issue_detected_at_index" on "hot_issue" ("detected_at");`);
    this.addSql(`create index "hot_issue_last_seen_at_index" on "hot_issue" ("last_seen_at");`);

    this.addSql(`create table "hot_issue_member" ("id" serial primary key, "hot_issue_id" int not null, "work_order_id" int not null, "similarity" double precision not null, "added_at" timestamptz not null default now());`);
    this.addSql(`create index "hot_issue_member_hot_issue_id_index" on "hot_issue_member" ("hot_issue_id");`);
    this.addSql(`alter table "hot_issue_member" add constraint "hot_issue_member_work_order_id_unique" unique ("work_order_id");`);

    this.addSql(`create table "duplicate_candidate" ("id" serial primary key, "primary_id" int not null, "duplicate_id" int not null, "score" double precision not null, "evidence" jsonb not null, "status" "duplicate_status" not null default 'PENDING', "decided_by" varchar(100) null, "decided_at" timestamptz null, "created_at" timestamptz not null default now());`);
    this.addSql(`create index "duplicate_candidate_duplicate_id_index" on "duplicate_candidate" ("duplicate_id");`);
    this.addSql(`create index "duplicate_candidate_status_id_index" on "duplicate_candidate" ("status", "id");`);
    this.addSql(`alter table "duplicate_candidate" add constraint "duplicate_candidate_primary_id_duplicate_id_unique" unique ("primary_id", "duplicate_id");`);

    this.addSql(`create table "work_order_text" ("work_order_id" int not null, "scheme" varchar(64) not null, "signature" text not null, "band_keys" bigint[] not null, "keywords" jsonb not null, "places" jsonb not null, "analyzed_at" timestamptz not null default now(), constraint "work_order_text_pkey" primary key ("work_order_id"));`);
    this.addSql(`create index "work_order_text_band_keys_index" on "work_order_text" using gin ("band_keys");`);

    this.addSql(`alter table "hot_issue" add constraint "hot_issue_region_id_foreign" foreign key ("region_id") references "region" ("id") on update cascade;`);
    this.addSql(`alter table "hot_issue" add constraint "hot_issue_category_id_foreign" foreign key ("category_id") references "category" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "hot_issue_member" add constraint "hot_issue_member_hot_issue_id_foreign" foreign key ("hot_issue_id") references "hot_issue" ("id") on update cascade;`);
    this.addSql(`alter table "hot_issue_member" add constraint "hot_issue_member_work_order_id_foreign" foreign key ("work_order_id") references "work_order" ("id") on update cascade;`);

    this.addSql(`alter table "duplicate_candidate" add constraint "duplicate_candidate_primary_id_foreign" foreign key ("primary_id") references "work_order" ("id") on update cascade;`);
    this.addSql(`alter table "duplicate_candidate" add constraint "duplicate_candidate_duplicate_id_foreign" foreign key ("duplicate_id") references "work_order" ("id") on update cascade;`);

    this.addSql(`alter table "work_order_text" add constraint "work_order_text_work_order_id_foreign" foreign key ("work_order_id") references "work_order" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "work_order" add column "repeat_count" int not null default 0, add column "repeat_of_id" int null;`);
    this.addSql(`alter table "work_order" add constraint "work_order_repeat_of_id_foreign" foreign key ("repeat_of_id") references "work_order" ("id") on update cascade on delete set null;`);

    this.addSql(`alter type "work_order_event_type" add value if not exists 'UNMERGED' after 'MERGED';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "hot_issue_member" drop constraint "hot_issue_member_hot_issue_id_foreign";`);

    this.addSql(`drop table if exists "hot_issue" cascade;`);

    this.addSql(`drop table if exists "hot_issue_member" cascade;`);

    this.addSql(`drop table if exists "duplicate_candidate" cascade;`);

    this.addSql(`drop table if exists "work_order_text" cascade;`);

    this.addSql(`alter table "work_order" drop constraint "work_order_repeat_of_id_foreign";`);

    this.addSql(`alter table "work_order" drop column "repeat_count", drop column "repeat_of_id";`);

    this.addSql(`drop type "hot_issue_status";`);
    this.addSql(`drop type "duplicate_status";`);
  }

}
