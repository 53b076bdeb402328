import { Migration } from '@mikro-orm/migrations';

/**
 * 基础数据维护 The county's own reference data (issue 12): departments, categories, regions, 职责清单
 * rules and channel category mappings get `active` / `deactivated_at` (deactivated, never deleted:
 * orders refer to them) and an optimistic-lock `version`; one 职责清单 rule per category × region;
 * every change is recorded in `reference_audit` (who, when, table, key, before and after).
 */
export class Migration20261215090000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "reference_audit" ("id" bigserial primary key, "occurred_at" timestamptz not null default now(), "actor_token_id" text null, "actor_label" text not null, "table_name" varchar(63) not null, "key" text not null, "before" jsonb null, "after" jsonb null);`);
    this.addSql(`create index "reference_audit_occurred_at_index" on "reference_audit" ("occurred_at");`);
    this.addSql(`create index "reference_audit_table_name_id_index" on "reference_audit" ("table_name", "id");`);
    this.addSql(`alter table "category" add column "active" boolean not null default true, add column "deactivated_at" timestamptz null, add column "version" int not null default 1;`);
    this.addSql(`alter table "region" add column "active" boolean not null default true, add column "deactivated_at" timestamptz null, add column "version" int not null default 1;`);
    this.addSql(`alter table "department" add column "deactivated_at" timestamptz null, add column "version" int not null default 1;`);
    this.addSql(`update "department" set "deactivated_at" = now() where not "active";`);
    this.addSql(`alter table "category_mapping" add column "active" boolean not null default true, add column "deactivated_at" timestamptz null, add column "version" int not null default 1;`);
    this.addSql(`alter table "responsibility_rule" add column "active" boolean not null default true, add column "deactivated_at" timestamptz null, add column "version" int not null default 1;`);
    this.addSql(`create unique index "responsibility_rule_key_unique" on "responsibility_rule" ("category_id", coalesce("region_id", 0));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "responsibility_rule_key_unique";`);
    for (const table of ['category', 'region', 'category_mapping', 'responsibility_rule']) {
      this.addSql(`alter table "${table}" drop column "active", drop column "deactivated_at", drop column "version";`);
    }
    this.addSql(`alter table "department" drop column "deactivated_at", drop column "version";`);
    this.addSql(`drop table if exists "reference_audit" cascade;`);
  }
}
