import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 15 (bench:hot): the order's received_at on its text row, indexed with the township, so the
 * text analyser's "nearby" lookup (the same township's orders within ±nearbyHours, the latest 300)
 * and the stragglers' read (consolidation) are one range of `work_order_text_region_received_index`
 * read backwards. Before, they went through work_order's received_at index (every order of every
 * township in the window, each probed for its text row) or through the township's text rows (each
 * then joined to work_order for its time): measured on a 4,500-order bench:hot database, 7–15 ms of
 * the 16–23 ms candidate lookup, growing with all orders received in the window.
 *
 * A copy of work_order.received_at, which the database keeps equal: the analyser's insert takes it
 * from the order, and a row trigger follows a work order's changed received_at (as
 * department_order_scope's). The single-column region index is covered by the new one (its prefix).
 */
export class Migration20270102120000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "work_order_text" add column "received_at" timestamptz null;`);
    this.addSql(`update "work_order_text" t set "received_at" = wo."received_at" from "work_order" wo where wo."id" = t."work_order_id";`);
    this.addSql(`alter table "work_order_text" alter column "received_at" set not null;`);
    this.addSql(`drop index if exists "work_order_text_region_id_index";`);
    this.addSql(`create index "work_order_text_region_received_index" on "work_order_text" ("region_id", "received_at", "work_order_id");`);

    this.addSql(`create function work_order_text_received() returns trigger language plpgsql as $$
      begin
        update work_order_text set received_at = new.received_at where work_order_id = new.id;
        return null;
      end $$;`);
    this.addSql(`create trigger work_order_text_received after update of received_at on work_order for each row
      when (old.received_at is distinct from new.received_at) execute function work_order_text_received();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger work_order_text_received on work_order;`);
    this.addSql(`drop function work_order_text_received();`);
    this.addSql(`drop index if exists "work_order_text_region_received_index";`);
    this.addSql(`create index "work_order_text_region_id_index" on "work_order_text" ("region_id");`);
    this.addSql(`alter table "work_order_text" drop column "received_at";`);
  }

}
