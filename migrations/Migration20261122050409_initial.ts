import { Migration } from '@mikro-orm/migrations';

/**
 * The whole work-order model (generated from the entities by `npm run migration:create -- --initial`),
 * plus what entities cannot declare: the work-order code sequence and the append-only timeline.
 */
export class Migration20261122050409 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "region_level" as enum ('COUNTY', 'TOWNSHIP', 'VILLAGE');`);
    this.addSql(`create type "department_kind" as enum ('COUNTY_DEPARTMENT', 'TOWNSHIP', 'SUB_UNIT', 'ENTERPRISE', 'PEOPLE_ORGANISATION');`);
    this.addSql(`create type "channel_kind" as enum ('HOTLINE', 'MESSAGE_BOARD', 'PETITION', 'WEB');`);
    this.addSql(`create type "channel_mode" as enum ('INTERCONNECT', 'FORWARD', 'MERGED');`);
    this.addSql(`create type "role" as enum ('ADMIN', 'OPERATOR', 'HANDLER', 'DEPT_LEADER', 'PETITION_OFFICER', 'ANALYST', 'LEADER', 'CHANNEL');`);
    this.addSql(`create type "time_limit_class" as enum ('URGENT', 'BASIC_LIVING', 'GENERAL');`);
    this.addSql(`create type "request_type" as enum ('CONSULTATION', 'HELP', 'COMPLAINT', 'REPORT', 'SUGGESTION', 'PRAISE', 'OTHER');`);
    this.addSql(`create type "urgency" as enum ('NORMAL', 'URGENT', 'CRITICAL', 'BASIC_LIVING');`);
    this.addSql(`create type "work_order_status" as enum ('RECEIVED', 'DISPATCHED', 'HANDLING', 'REPLY_REVIEW', 'REPLIED', 'CLOSED', 'RETURNED', 'ESCALATED', 'TERMINATED', 'MERGED');`);
    this.addSql(`create type "reply_result" as enum ('RESOLVED', 'PARTIALLY_RESOLVED', 'UNRESOLVED', 'EXPLAINED');`);
    this.addSql(`create type "review_status" as enum ('PENDING', 'APPROVED', 'REJECTED');`);
    this.addSql(`create type "channel_record_status" as enum ('RECEIVED', 'MAPPED', 'QUARANTINED', 'DUPLICATE', 'STALE');`);
    this.addSql(`create type "satisfaction" as enum ('SATISFIED', 'BASICALLY_SATISFIED', 'UNSATISFIED');`);
    this.addSql(`create type "assignment_role" as enum ('LEAD', 'CO');`);
    this.addSql(`create type "assignment_status" as enum ('PENDING', 'SIGNED', 'RETURNED', 'DONE', 'CANCELLED');`);
    this.addSql(`create type "work_order_event_type" as enum ('CREATED', 'UPDATED', 'SOURCE_ADDED', 'DISPATCHED', 'SIGNED', 'RETURNED', 'CONTACTED', 'REPLY_SUBMITTED', 'REPLY_APPROVED', 'REPLY_REJECTED', 'CALLBACK_RECORDED', 'REWORK', 'EXTENSION_REQUESTED', 'EXTENSION_DECIDED', 'ESCALATED', 'SUPERVISED', 'TERMINATION_REQUESTED', 'TERMINATED', 'MERGED', 'NOTE');`);
    this.addSql(`create table "category" ("id" serial primary key, "code" varchar(12) not null, "name" varchar(100) not null, "level" smallint not null, "parent_id" int null);`);
    this.addSql(`alter table "category" add constraint "category_code_unique" unique ("code");`);
    this.addSql(`create index "category_parent_id_index" on "category" ("parent_id");`);
    this.addSql(`create index "category_code_prefix_index" on "category" ("code" text_pattern_ops);`);

    this.addSql(`create table "region" ("id" serial primary key, "code" varchar(12) not null, "name" varchar(50) not null, "level" "region_level" not null, "parent_id" int null);`);
    this.addSql(`alter table "region" add constraint "region_code_unique" unique ("code");`);
    this.addSql(`create index "region_parent_id_index" on "region" ("parent_id");`);

    this.addSql(`create table "department" ("id" serial primary key, "code" varchar(32) not null, "name" varchar(100) not null, "kind" "department_kind" not null, "parent_id" int null, "path" varchar(200) not null, "region_id" int not null, "liaisons" jsonb not null, "active" boolean not null default true);`);
    this.addSql(`alter table "department" add constraint "department_code_unique" unique ("code");`);
    this.addSql(`create index "department_parent_id_index" on "department" ("parent_id");`);
    this.addSql(`create index "department_path_index" on "department" ("path" text_pattern_ops);`);

    this.addSql(`create table "channel" ("id" serial primary key, "code" varchar(32) not null, "name" varchar(100) not null, "kind" "channel_kind" not null, "mode" "channel_mode" not null, "pulled" boolean not null default false, "managing_department_id" int null, "enabled" boolean not null default true);`);
    this.addSql(`alter table "channel" add constraint "channel_code_unique" unique ("code");`);

    this.addSql(`create table "ingest_checkpoint" ("id" serial primary key, "channel_id" int not null, "stream" varchar(50) not null default 'default', "watermark" timestamptz null, "cursor" jsonb null, "updated_at" timestamptz not null default now());`);
    this.addSql(`alter table "ingest_checkpoint" add constraint "ingest_checkpoint_channel_id_stream_unique" unique ("channel_id", "stream");`);

    this.addSql(`create table "category_mapping" ("id" serial primary key, "channel_id" int not null, "hint" varchar(100) not null, "category_id" int not null);`);
    this.addSql(`alter table "category_mapping" add constraint "category_mapping_channel_id_hint_unique" unique ("channel_id", "hint");`);

    this.addSql(`create table "api_token" ("id" serial primary key, "token_hash" varchar(64) not null, "prefix" varchar(12) not null, "label" varchar(100) not null, "role" "role" not null, "department_id" int null, "channel_id" int null, "created_at" timestamptz not null default now(), "expires_at" timestamptz null, "revoked_at" timestamptz null, "last_used_at" timestamptz null);`);
    this.addSql(`alter table "api_token" add constraint "api_token_token_hash_unique" unique ("token_hash");`);

    this.addSql(`create table "responsibility_rule" ("id" serial primary key, "category_id" int not null, "region_id" int null, "lead_department_id" int null, "lead_is_township" boolean not null default false, "co_township" boolean not null default false, "time_limit_class" "time_limit_class" not null, "note" text not null default '');`);

    this.addSql(`create table "responsibility_rule_co_department" ("responsibility_rule_id" int not null, "department_id" int not null, constraint "responsibility_rule_co_department_pkey" primary key ("responsibility_rule_id", "department_id"));`);

    this.addSql(`create table "work_order" ("id" serial primary key, "code" varchar(32) not null, "request_type" "request_type" not null, "category_id" int null, "title" varchar(200) not null, "content" text not null, "citizen_name_enc" text null, "citizen_phone_enc" text null, "citizen_id_number_enc" text null, "citizen_address_enc" text null, "citizen_phone_hash" varchar(64) null, "citizen_id_hash" varchar(64) null, "citizen_anonymous" boolean not null default false, "restricted_identity" boolean not null default false, "region_id" int not null, "address" varchar(500) null, "urgency" "urgency" not null default 'NORMAL', "time_limit_class" "time_limit_class" null, "status" "work_order_status" not null default 'RECEIVED', "channel_id" int not null, "lead_department_id" int null, "received_at" timestamptz not null, "sign_due_at" timestamptz null, "first_contact_due_at" timestamptz null, "due_at" timestamptz null, "dispatched_at" timestamptz null, "signed_at" timestamptz null, "first_contact_at" timestamptz null, "replied_at" timestamptz null, "closed_at" timestamptz null, "rework_count" int not null default 0, "return_count" int not null default 0, "merged_into_id" int null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`);
    this.addSql(`alter table "work_order" add constraint "work_order_code_unique" unique ("code");`);
    this.addSql(`create index "work_order_category_id_index" on "work_order" ("category_id");`);
    this.addSql(`create index "work_order_citizen_phone_hash_index" on "work_order" ("citizen_phone_hash");`);
    this.addSql(`create index "work_order_citizen_id_hash_index" on "work_order" ("citizen_id_hash");`);
    this.addSql(`create index "work_order_region_id_index" on "work_order" ("region_id");`);
    this.addSql(`create index "work_order_status_index" on "work_order" ("status");`);
    this.addSql(`create index "work_order_channel_id_received_at_index" on "work_order" ("channel_id", "received_at");`);
    this.addSql(`create index "work_order_lead_department_id_received_at_index" on "work_order" ("lead_department_id", "received_at");`);
    this.addSql(`create index "work_order_status_due_at_index" on "work_order" ("status", "due_at");`);
    this.addSql(`create index "work_order_received_at_id_index" on "work_order" ("received_at", "id");`);

    this.addSql(`create table "reply" ("id" serial primary key, "work_order_id" int not null, "department_id" int not null, "content" text not null, "result" "reply_result" not null, "handler_name" varchar(50) not null, "submitted_at" timestamptz not null, "review_status" "review_status" not null default 'PENDING', "reviewed_at" timestamptz null, "review_note" text null);`);
    this.addSql(`create index "reply_work_order_id_submitted_at_index" on "reply" ("work_order_id", "submitted_at");`);

    this.addSql(`create table "pii_access_log" ("id" serial primary key, "token_id" int not null, "role" "role" not null, "work_order_id" int not null, "reason" text not null, "fields" jsonb not null, "request_id" varchar(64) null, "accessed_at" timestamptz not null default now());`);
    this.addSql(`create index "pii_access_log_work_order_id_index" on "pii_access_log" ("work_order_id");`);

    this.addSql(`create table "channel_record" ("id" serial primary key, "channel_id" int not null, "external_id" varchar(64) null, "version_key" varchar(64) null, "payload_enc" text not null, "content_hash" varchar(64) not null, "status" "channel_record_status" not null default 'RECEIVED', "reason_code" varchar(40) null, "reason_message" text null, "warnings" jsonb not null, "work_order_id" int null, "received_at" timestamptz not null default now(), "processed_at" timestamptz null);`);
    this.addSql(`create index "channel_record_status_index" on "channel_record" ("status");`);
    this.addSql(`alter table "channel_record" add constraint "channel_record_channel_id_external_id_version_key_unique" unique ("channel_id", "external_id", "version_key");`);

    this.addSql(`create table "callback" ("id" serial primary key, "work_order_id" int not null, "contacted" boolean not null, "process_satisfaction" "satisfaction" not null, "result_satisfaction" "satisfaction" not null, "resolved" boolean not null, "comment" text null, "called_at" timestamptz not null);`);
    this.addSql(`create index "callback_work_order_id_index" on "callback" ("work_order_id");`);

    this.addSql(`create table "assignment" ("id" serial primary key, "work_order_id" int not null, "department_id" int not null, "role" "assignment_role" not null, "status" "assignment_status" not null default 'PENDING', "assigned_at" timestamptz not null, "signed_at" timestamptz null, "due_at" timestamptz null, "note" text null);`);
    this.addSql(`create index "assignment_work_order_id_index" on "assignment" ("work_order_id");`);
    this.addSql(`create index "assignment_department_id_work_order_id_index" on "assignment" ("department_id", "work_order_id");`);

    this.addSql(`create table "work_order_event" ("id" serial primary key, "work_order_id" int not null, "type" "work_order_event_type" not null, "occurred_at" timestamptz not null, "actor_role" "role" null, "actor_label" varchar(100) not null, "actor_token_id" int null, "actor_department_id" int null, "from_status" "work_order_status" null, "to_status" "work_order_status" null, "reason" text null, "payload" jsonb not null);`);
    this.addSql(`create index "work_order_event_work_order_id_id_index" on "work_order_event" ("work_order_id", "id");`);

    this.addSql(`create table "work_order_source" ("id" serial primary key, "work_order_id" int not null, "channel_id" int not null, "external_id" varchar(64) not null, "external_version" varchar(64) null, "channel_status" varchar(32) null, "category_hint" varchar(100) null, "first_seen_at" timestamptz not null default now(), "last_seen_at" timestamptz not null default now());`);
    this.addSql(`create index "work_order_source_work_order_id_index" on "work_order_source" ("work_order_id");`);
    this.addSql(`alter table "work_order_source" add constraint "work_order_source_channel_id_external_id_unique" unique ("channel_id", "external_id");`);

    this.addSql(`alter table "category" add constraint "category_parent_id_foreign" foreign key ("parent_id") references "category" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "region" add constraint "region_parent_id_foreign" foreign key ("parent_id") references "region" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "department" add constraint "department_parent_id_foreign" foreign key ("parent_id") references "department" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "department" add constraint "department_region_id_foreign" foreign key ("region_id") references "region" ("id") on update cascade;`);

    this.addSql(`alter table "channel" add constraint "channel_managing_department_id_foreign" foreign key ("managing_department_id") references "department" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "ingest_checkpoint" add constraint "ingest_checkpoint_channel_id_foreign" foreign key ("channel_id") references "channel" ("id") on update cascade;`);

    this.addSql(`alter table "category_mapping" add constraint "category_mapping_channel_id_foreign" foreign key ("channel_id") references "channel" ("id") on update cascade;`);
    this.addSql(`alter table "category_mapping" add constraint "category_mapping_category_id_foreign" foreign key ("category_id") references "category" ("id") on update cascade;`);

    this.addSql(`alter table "api_token" add constraint "api_token_department_id_foreign" foreign key ("department_id") references "department" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "api_token" add constraint "api_token_channel_id_foreign" foreign key ("channel_id") references "channel" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "responsibility_rule" add constraint "responsibility_rule_category_id_foreign" foreign key ("category_id") references "category" ("id") on update cascade;`);
    this.addSql(`alter table "responsibility_rule" add constraint "responsibility_rule_region_id_foreign" foreign key ("region_id") references "region" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "responsibility_rule" add constraint "responsibility_rule_lead_department_id_foreign" foreign key ("lead_department_id") references "department" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "responsibility_rule_co_department" add constraint "responsibility_rule_co_department_responsibility_71771_foreign" foreign key ("responsibility_rule_id") references "responsibility_rule" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "responsibility_rule_co_department" add constraint "responsibility_rule_co_department_department_id_foreign" foreign key ("department_id") references "department" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "work_order" add constraint "work_order_category_id_foreign" foreign key ("category_id") references "category" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "work_order" add constraint "work_order_region_id_foreign" foreign key ("region_id") references "region" ("id") on update cascade;`);
    this.addSql(`alter table "work_order" add constraint "work_order_channel_id_foreign" foreign key ("channel_id") references "channel" ("id") on update cascade;`);
    this.addSql(`alter table "work_order" add constraint "work_order_lead_department_id_foreign" foreign key ("lead_department_id") references "department" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "work_order" add constraint "work_order_merged_into_id_foreign" foreign key ("merged_into_id") references "work_order" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "reply" add constraint "reply_work_order_id_foreign" foreign key ("work_order_id") references "work_order" ("id") on update cascade;`);
    this.addSql(`alter table "reply" add constraint "reply_department_id_foreign" foreign key ("department_id") references "department" ("id") on update cascade;`);

    this.addSql(`alter table "pii_access_log" add constraint "pii_access_log_token_id_foreign" foreign key ("token_id") references "api_token" ("id") on update cascade;`);
    this.addSql(`alter table "pii_access_log" add constraint "pii_access_log_work_order_id_foreign" foreign key ("work_order_id") references "work_order" ("id") on update cascade;`);

    this.addSql(`alter table "channel_record" add constraint "channel_record_channel_id_foreign" foreign key ("channel_id") references "channel" ("id") on update cascade;`);
    this.addSql(`alter table "channel_record" add constraint "channel_record_work_order_id_foreign" foreign key ("work_order_id") references "work_order" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "callback" add constraint "callback_work_order_id_foreign" foreign key ("work_order_id") references "work_order" ("id") on update cascade;`);

    this.addSql(`alter table "assignment" add constraint "assignment_work_order_id_foreign" foreign key ("work_order_id") references "work_order" ("id") on update cascade;`);
    this.addSql(`alter table "assignment" add constraint "assignment_department_id_foreign" foreign key ("department_id") references "department" ("id") on update cascade;`);

    this.addSql(`alter table "work_order_event" add constraint "work_order_event_work_order_id_foreign" foreign key ("work_order_id") references "work_order" ("id") on update cascade;`);
    this.addSql(`alter table "work_order_event" add constraint "work_order_event_actor_department_id_foreign" foreign key ("actor_department_id") references "department" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "work_order_source" add constraint "work_order_source_work_order_id_foreign" foreign key ("work_order_id") references "work_order" ("id") on update cascade;`);
    this.addSql(`alter table "work_order_source" add constraint "work_order_source_channel_id_foreign" foreign key ("channel_id") references "channel" ("id") on update cascade;`);

    // Human-readable work-order codes (GX + local date + sequence); a sequence is safe with many hub instances.
    this.addSql(`create sequence "work_order_code_seq";`);

    // The timeline is immutable: the database itself refuses to rewrite history.
    this.addSql(`create function "minyi_forbid_event_change"() returns trigger language plpgsql as $$
      begin
        raise exception 'work_order_event is append-only (工单时间线不可修改)' using errcode = 'P0001';
      end $$;`);
    this.addSql(`create trigger "work_order_event_append_only" before update or delete on "work_order_event"
      for each row execute function "minyi_forbid_event_change"();`);
    this.addSql(`create trigger "work_order_event_no_truncate" before truncate on "work_order_event"
      for each statement execute function "minyi_forbid_event_change"();`);
  }

}
