import { Migration } from '@mikro-orm/migrations';

/** Category hints up to 200 characters (12315 goodsOrService). */
export class Migration20261122062832 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "category_mapping" alter column "hint" type varchar(200) using ("hint"::varchar(200));`);

    this.addSql(`alter table "work_order_source" alter column "category_hint" type varchar(200) using ("category_hint"::varchar(200));`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "category_mapping" alter column "hint" type varchar(100) using ("hint"::varchar(100));`);

    this.addSql(`alter table "work_order_source" alter column "category_hint" type varchar(100) using ("category_hint"::varchar(100));`);
  }

}
