import { Migration } from '@mikro-orm/migrations';

/** Partial indexes for the statistics: open orders by receipt (在办 / 超期), orders on the consultation list (二次不满意). */
export class Migration20261122104129 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "work_order_open_received_at_index" on "work_order" ("received_at") include ("status", "due_at", "lead_department_id", "channel_id", "category_id", "region_id", "request_type") where "status" not in ('CLOSED', 'TERMINATED', 'MERGED');`);
    this.addSql(`create index "work_order_consultation_listed_at_index" on "work_order" ("consultation_listed_at") where "consultation_listed_at" is not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "work_order_open_received_at_index";`);
    this.addSql(`drop index "work_order_consultation_listed_at_index";`);
  }

}
