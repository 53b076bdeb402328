import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * 基础数据变更审计 One change of the county's reference data (departments, categories, 职责清单,
 * channel category mappings, regions), written in the same transaction as the change: who (the
 * token's id and label — or "cli" for `npm run minyi -- reference import`), when, which table and
 * key, and the row before and after (null before: created). Never updated or deleted by the hub.
 */
@Entity()
@Index({ properties: ['tableName', 'id'] })
export class ReferenceAudit {
  [OptionalProps]?: 'occurredAt';

  @PrimaryKey({ type: 'bigint' })
  id!: string;

  @Index()
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  occurredAt: Date = new Date();

  /** The API token behind the change (text: person accounts may later name another kind of actor); null from the CLI. */
  @Property({ type: 'text', nullable: true })
  actorTokenId?: string | null;

  @Property({ type: 'text' })
  actorLabel!: string;

  @Property({ length: 63 })
  tableName!: string;

  /** The row's natural key: a code, "channel/hint" or "category@region". */
  @Property({ type: 'text' })
  key!: string;

  @Property({ type: 'json', nullable: true })
  before?: Record<string, unknown> | null;

  @Property({ type: 'json', nullable: true })
  after?: Record<string, unknown> | null;
}
