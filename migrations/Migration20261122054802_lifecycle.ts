import { Migration } from '@mikro-orm/migrations';

/** The lifecycle: extension and termination requests, supervision (督办), the 会商 list mark. */
export class Migration20261122054802 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "request_status" as enum ('PENDING', 'APPROVED', 'REJECTED');`);
    this.addSql(`create type "supervision_level" as enum ('CENTRE', 'LEADER');`);
    this.addSql(`create table "termination_request" ("id" serial primary key, "work_order_id" int not null, "department_id" int not null, "reason" text not null, "legal_basis" text not null, "status" "request_status" not null default 'PENDING', "requested_at" timestamptz not null default now(), "decided_at" timestamptz null, "decision_note" text null);`);
    this.addSql(`create index "termination_request_work_order_id_index" on "termination_request" ("work_order_id");`);

    this.addSql(`create table "supervision" ("id" serial primary key, "work_order_id" int not null, "level" "supervision_level" not null, "note" text not null, "deadline" timestamptz not null, "actor_role" "role" not null, "actor_label" varchar(100) not null, "created_at" timestamptz not null default now());`);
    this.addSql(`create index "supervision_work_order_id_index" on "supervision" ("work_order_id");`);

    this.addSql(`create table "extension_request" ("id" serial primary key, "work_order_id" int not null, "department_id" int not null, "previous_due_at" timestamptz null, "new_due_at" timestamptz not null, "reason" text not null, "status" "request_status" not null default 'PENDING', "requested_at" timestamptz not null default now(), "decided_at" timestamptz null, "decision_note" text null);`);
    this.addSql(`create index "extension_request_work_order_id_index" on "extension_request" ("work_order_id");`);

    this.addSql(`alter table "termination_request" add constraint "termination_request_work_order_id_foreign" foreign key ("work_order_id") references "work_order" ("id") on update cascade;`);
    this.addSql(`alter table "termination_request" add constraint "termination_request_department_id_foreign" foreign key ("department_id") references "department" ("id") on update cascade;`);

    this.addSql(`alter table "supervision" add constraint "supervision_work_order_id_foreign" foreign key ("work_order_id") references "work_order" ("id") on update cascade;`);

    this.addSql(`alter table "extension_request" add constraint "extension_request_work_order_id_foreign" foreign key ("work_order_id") references "work_order" ("id") on update cascade;`);
    this.addSql(`alter table "extension_request" add constraint "extension_request_department_id_foreign" foreign key ("department_id") references "department" ("id") on update cascade;`);

    this.addSql(`alter table "work_order" add column "consultation_listed_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "termination_request" cascade;`);

    this.addSql(`drop table if exists "supervision" cascade;`);

    this.addSql(`drop table if exists "extension_request" cascade;`);

    this.addSql(`alter table "work_order" drop column "consultation_listed_at";`);

    this.addSql(`drop type "request_status";`);
    this.addSql(`drop type "supervision_level";`);
  }

}
