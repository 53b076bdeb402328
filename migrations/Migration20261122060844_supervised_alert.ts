import { Migration } from '@mikro-orm/migrations';

/** 督办 shows in alerts the moment it is made (003 五). */
export class Migration20261122060844 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter type "alert_type" add value if not exists 'SUPERVISED' after 'SUPERVISION_DUE';`);
  }

}
