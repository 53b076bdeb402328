import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { HotIssue } from './hot-issue';
import { WorkOrder } from './work-order';

/** An order in a hot issue (an order belongs to one cluster at most). */
@Entity()
@Unique({ properties: ['workOrder'] })
export class HotIssueMember {
  [OptionalProps]?: 'addedAt';

  @PrimaryKey()
  id!: number;

  @ManyToOne(() => HotIssue, { index: true })
  hotIssue!: HotIssue;

  @ManyToOne(() => WorkOrder)
  workOrder!: WorkOrder;

  /** Its similarity to the member that brought it in (1 for the founding order). */
  @Property({ type: 'double' })
  similarity!: number;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  addedAt: Date = new Date();
}
