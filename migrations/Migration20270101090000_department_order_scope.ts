import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 15 (the HANDLER list): `department_order_scope`, the (department, order) pairs with a live
 * assignment and the order's received_at, indexed so a department's orders can be read newest first
 * (entities/department-order-scope.ts). The row scope "assigned to my department or its sub-units"
 * otherwise had to find every order the department ever had, then sort them all for one page.
 *
 * The database keeps it: statement triggers on `assignment` (transition tables, as the KPI rollup's)
 * add the pairs of live assignments and remove a pair once no live assignment of that department
 * remains on the order; a row trigger follows a work order's changed received_at. Existing
 * assignments are copied in once here.
 */
export class Migration20270101090000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "department_order_scope" ("department_id" int not null, "work_order_id" int not null, "received_at" timestamptz not null, constraint "department_order_scope_pkey" primary key ("department_id", "work_order_id"));`);
    this.addSql(`create index "department_order_scope_received_index" on "department_order_scope" ("department_id", "received_at", "work_order_id");`);
    this.addSql(`alter table "department_order_scope" add constraint "department_order_scope_department_id_foreign" foreign key ("department_id") references "department" ("id") on update cascade;`);
    this.addSql(`alter table "department_order_scope" add constraint "department_order_scope_work_order_id_foreign" foreign key ("work_order_id") references "work_order" ("id") on update cascade on delete cascade;`);

    this.addSql(`create function department_order_scope_changed() returns trigger language plpgsql set jit = off as $$
      begin
        if tg_op in ('UPDATE', 'DELETE') then
          delete from department_order_scope s
           using (select distinct o.department_id, o.work_order_id from old_rows o) o
           where s.department_id = o.department_id and s.work_order_id = o.work_order_id
             and not exists (select 1 from assignment a
                              where a.department_id = o.department_id and a.work_order_id = o.work_order_id and a.status <> 'CANCELLED');
        end if;
        if tg_op in ('INSERT', 'UPDATE') then
          insert into department_order_scope (department_id, work_order_id, received_at)
          select distinct n.department_id, n.work_order_id, wo.received_at
            from new_rows n join work_order wo on wo.id = n.work_order_id
           where n.status <> 'CANCELLED'
          on conflict do nothing;
        end if;
        return null;
      end $$;`);
    // A trigger with transition tables fires for one event only.
    this.addSql(`create trigger department_order_scope_inserted after insert on assignment referencing new table as new_rows for each statement execute function department_order_scope_changed();`);
    this.addSql(`create trigger department_order_scope_updated after update on assignment referencing old table as old_rows new table as new_rows for each statement execute function department_order_scope_changed();`);
    this.addSql(`create trigger department_order_scope_deleted after delete on assignment referencing old table as old_rows for each statement execute function department_order_scope_changed();`);

    this.addSql(`create function department_order_scope_received() returns trigger language plpgsql as $$
      begin
        update department_order_scope set received_at = new.received_at where work_order_id = new.id;
        return null;
      end $$;`);
    this.addSql(`create trigger department_order_scope_received after update of received_at on work_order for each row
      when (old.received_at is distinct from new.received_at) execute function department_order_scope_received();`);

    this.addSql(`insert into department_order_scope (department_id, work_order_id, received_at)
      select distinct a.department_id, a.work_order_id, wo.received_at
        from assignment a join work_order wo on wo.id = a.work_order_id
       where a.status <> 'CANCELLED';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger department_order_scope_received on work_order;`);
    this.addSql(`drop table if exists "department_order_scope" cascade;`);
    this.addSql(`drop trigger department_order_scope_inserted on assignment;`);
    this.addSql(`drop trigger department_order_scope_updated on assignment;`);
    this.addSql(`drop trigger department_order_scope_deleted on assignment;`);
    this.addSql(`drop function department_order_scope_changed();`);
    this.addSql(`drop function department_order_scope_received();`);
  }

}
