import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 13: the township the text analyser places an order in (the order's own township, or the one
 * its text names when the channel gave only the county code), and the category suggested from the
 * text for orders without one (operators confirm by setting the category).
 */
export class Migration20261230120000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "work_order_text" add column "region_id" int null, add column "grams" text[] null;`);
    this.addSql(`create index "work_order_text_region_id_index" on "work_order_text" ("region_id");`);
    this.addSql(`alter table "work_order" add column "suggested_category_id" int null, add column "suggested_category_confidence" double precision null;`);
    this.addSql(`alter table "work_order" add constraint "work_order_suggested_category_id_foreign" foreign key ("suggested_category_id") references "category" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "work_order" drop constraint "work_order_suggested_category_id_foreign";`);
    this.addSql(`alter table "work_order" drop column "suggested_category_id", drop column "suggested_category_confidence";`);
    this.addSql(`drop index if exists "work_order_text_region_id_index";`);
    this.addSql(`alter table "work_order_text" drop column "region_id", drop column "grams";`);
  }

}
