import { Migration } from '@mikro-orm/migrations';

/**
 * 工作人员账号与会话 People, not only tokens (issue 12): staff accounts (password or OpenID Connect),
 * sessions as api_token rows of kind SESSION linked to the person, OIDC logins in progress, and the
 * person recorded as the actor of timeline events and personal-data access log rows.
 */
export class Migration20261220100000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "api_token_kind" as enum ('API', 'SESSION');`);
    this.addSql(`create table "staff_user" ("id" serial primary key, "username" varchar(64) not null, "display_name" varchar(100) not null, "role" "role" not null, "department_id" int null, "password_hash" text null, "oidc_issuer" varchar(255) null, "oidc_subject" varchar(255) null, "disabled_at" timestamptz null, "failed_logins" int not null default 0, "failed_since" timestamptz null, "locked_until" timestamptz null, "last_login_at" timestamptz null, "password_changed_at" timestamptz null, "created_at" timestamptz not null default now());`);
    this.addSql(`alter table "staff_user" add constraint "staff_user_username_unique" unique ("username");`);
    this.addSql(`alter table "staff_user" add constraint "staff_user_oidc_issuer_oidc_subject_unique" unique ("oidc_issuer", "oidc_subject");`);
    this.addSql(`alter table "staff_user" add constraint "staff_user_department_id_foreign" foreign key ("department_id") references "department" ("id") on update cascade on delete set null;`);

    this.addSql(`create table "oidc_login_state" ("state" varchar(64) not null, "nonce" varchar(64) not null, "code_verifier" varchar(128) not null, "browser_hash" varchar(64) not null, "expires_at" timestamptz not null, constraint "oidc_login_state_pkey" primary key ("state"));`);

    this.addSql(`alter table "api_token" add column "kind" "api_token_kind" not null default 'API', add column "user_id" int null;`);
    this.addSql(`alter table "api_token" add constraint "api_token_user_id_foreign" foreign key ("user_id") references "staff_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "pii_access_log" add column "actor_user_id" int null, add column "actor_name" varchar(100) null;`);
    this.addSql(`alter table "pii_access_log" add constraint "pii_access_log_actor_user_id_foreign" foreign key ("actor_user_id") references "staff_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "work_order_event" add column "actor_user_id" int null, add column "actor_name" varchar(100) null;`);
    this.addSql(`alter table "work_order_event" add constraint "work_order_event_actor_user_id_foreign" foreign key ("actor_user_id") references "staff_user" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "work_order_event" drop constraint "work_order_event_actor_user_id_foreign";`);
    this.addSql(`alter table "work_order_event" drop column "actor_user_id", drop column "actor_name";`);
    this.addSql(`alter table "pii_access_log" drop constraint "pii_access_log_actor_user_id_foreign";`);
    this.addSql(`alter table "pii_access_log" drop column "actor_user_id", drop column "actor_name";`);
    this.addSql(`alter table "api_token" drop constraint "api_token_user_id_foreign";`);
    this.addSql(`alter table "api_token" drop column "kind", drop column "user_id";`);
    this.addSql(`drop table if exists "oidc_login_state" cascade;`);
    this.addSql(`drop table if exists "staff_user" cascade;`);
    this.addSql(`drop type "api_token_kind";`);
  }

}
