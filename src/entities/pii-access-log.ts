import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, OptionalProps } from '@mikro-orm/core';
import { Role } from '../auth/roles';
import { ApiToken } from './api-token';
import { StaffUser } from './staff-user';
import { WorkOrder } from './work-order';

/** 个人信息查看记录 Every clear-text view of a citizen's personal data, with its stated reason. */
@Entity()
export class PiiAccessLog {
  [OptionalProps]?: 'fields' | 'accessedAt';

  @PrimaryKey()
  id!: number;

  @ManyToOne(() => ApiToken)
  token!: ApiToken;

  @Enum({ items: () => Role, nativeEnumName: 'role' })
  role!: Role;

  /** The person who viewed (a session's user; null for an API token). */
  @ManyToOne(() => StaffUser, { nullable: true })
  actorUser?: StaffUser | null;

  /** Their display name at the time (the token label is on the token). */
  @Property({ length: 100, nullable: true })
  actorName?: string | null;

  @Index()
  @ManyToOne(() => WorkOrder)
  workOrder!: WorkOrder;

  @Property({ type: 'text' })
  reason!: string;

  /** Which fields were revealed (names only, never values). */
  @Property({ type: 'json' })
  fields: string[] = [];

  @Property({ type: 'string', length: 64, nullable: true })
  requestId?: string | null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  accessedAt: Date = new Date();
}
