import { Migration } from '@mikro-orm/migrations';

/** Time limits as data: SLA policy overrides, the work calendar, alerts, the leaders’ hotline-day schedule. */
export class Migration20261122060114 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "limit_unit" as enum ('HOURS', 'NATURAL_DAYS', 'WORKING_DAYS');`);
    this.addSql(`create type "calendar_day_source" as enum ('OFFICIAL_NOTICE', 'OVERRIDE');`);
    this.addSql(`create type "alert_type" as enum ('DUE_SOON', 'OVERDUE', 'UNSIGNED_OVERDUE', 'ESCALATION_SUGGESTED', 'SUPERVISION_DUE');`);
    this.addSql(`create table "leader_duty_schedule" ("id" serial primary key, "month" varchar(7) not null, "leader_name" varchar(50) not null, "categories_text" text not null, "category_codes" jsonb not null);`);
    this.addSql(`alter table "leader_duty_schedule" add constraint "leader_duty_schedule_month_unique" unique ("month");`);

    this.addSql(`create table "sla_policy" ("id" serial primary key, "code" varchar(64) not null, "name" varchar(200) not null, "priority" int not null default 0, "channel_code" varchar(32) null, "request_type" "request_type" null, "urgency" "urgency" null, "category_prefix" varchar(12) null, "time_limit_class" "time_limit_class" null, "sign_limit" int not null, "sign_unit" "limit_unit" not null, "contact_limit" int not null, "contact_unit" "limit_unit" not null, "reply_limit" int not null, "reply_unit" "limit_unit" not null, "enabled" boolean not null default true, "basis" text not null, "updated_at" timestamptz not null default now());`);
    this.addSql(`alter table "sla_policy" add constraint "sla_policy_code_unique" unique ("code");`);

    this.addSql(`create table "work_calendar_day" ("date" varchar(10) not null, "is_off_day" boolean not null, "name" varchar(50) null, "notice_year" int null, "source" "calendar_day_source" not null, "updated_at" timestamptz not null default now(), constraint "work_calendar_day_pkey" primary key ("date"));`);

    this.addSql(`create table "alert" ("id" serial primary key, "work_order_id" int not null, "type" "alert_type" not null, "department_id" int null, "due_at" timestamptz not null, "raised_at" timestamptz not null default now(), "deduction_points" int not null default 0, "message" text not null);`);
    this.addSql(`create index "alert_work_order_id_index" on "alert" ("work_order_id");`);
    this.addSql(`create index "alert_department_id_index" on "alert" ("department_id");`);
    this.addSql(`create index "alert_raised_at_index" on "alert" ("raised_at");`);
    this.addSql(`alter table "alert" add constraint "alert_work_order_id_type_due_at_unique" unique ("work_order_id", "type", "due_at");`);

    this.addSql(`alter table "alert" add constraint "alert_work_order_id_foreign" foreign key ("work_order_id") references "work_order" ("id") on update cascade;`);
    this.addSql(`alter table "alert" add constraint "alert_department_id_foreign" foreign key ("department_id") references "department" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "work_order" add column "sla_warning" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "leader_duty_schedule" cascade;`);

    this.addSql(`drop table if exists "sla_policy" cascade;`);

    this.addSql(`drop table if exists "work_calendar_day" cascade;`);

    this.addSql(`drop table if exists "alert" cascade;`);

    this.addSql(`alter table "work_order" drop column "sla_warning";`);

    this.addSql(`drop type "limit_unit";`);
    this.addSql(`drop type "calendar_day_source";`);
    this.addSql(`drop type "alert_type";`);
  }

}
