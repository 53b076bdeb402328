import { Entity, Index, ManyToOne, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { Department } from './department';
import { WorkOrder } from './work-order';

/**
 * 承办范围 Which orders each department has a live (not cancelled) assignment on, with the order's
 * received time: the row scope of department staff (auth/policy.ts workOrderScope DEPARTMENT) in a
 * form an index can walk newest first, so a handler's list reads its 50 newest orders instead of
 * sorting every order the department ever had (issue 15, the HANDLER list).
 *
 * Kept by the database itself (migration …_department_order_scope): statement triggers on
 * `assignment` add a pair when a live assignment appears and remove it when the last live one for
 * that department and order is cancelled; a row trigger on `work_order` follows a changed
 * received_at. No application code writes it; work-orders/work-order.query.ts reads it. Not a
 * GraphQL type.
 */
@Entity()
@Index({ name: 'department_order_scope_received_index', properties: ['department', 'receivedAt', 'workOrder'] })
export class DepartmentOrderScope {
  [PrimaryKeyProp]?: ['department', 'workOrder'];

  @ManyToOne(() => Department, { primary: true })
  department!: Department;

  @ManyToOne(() => WorkOrder, { primary: true, deleteRule: 'cascade' })
  workOrder!: WorkOrder;

  @Property({ type: 'datetime' })
  receivedAt!: Date;
}
