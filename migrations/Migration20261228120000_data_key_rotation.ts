import { Migration } from '@mikro-orm/migrations';

/** 数据密钥轮换 Progress of a personal-data key rotation (src/pii/key-rotation.ts). */
export class Migration20261228120000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "data_key_rotation" ("id" serial primary key, "from_key_id" varchar(12) not null, "to_key_id" varchar(12) not null, "status" varchar(16) not null default 'RUNNING', "progress" jsonb not null, "rows_done" int not null default 0, "values_done" int not null default 0, "started_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "finished_at" timestamptz null);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "data_key_rotation" cascade;`);
  }

}
