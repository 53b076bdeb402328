import { Migration } from '@mikro-orm/migrations';

/** Sync runs count the records re-read outside the pull (the board's open threads). */
export class Migration20261122074651 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "sync_run" add column "revisited" int not null default 0;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "sync_run" drop column "revisited";`);
  }

}
