import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, OptionalProps } from '@mikro-orm/core';
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { Node } from '../graphql/node';
import { RequestType, TimeLimitClass, Urgency, WorkOrderStatus } from '../work-orders/enums';
import { Category } from './category';
import { Channel } from './channel';
import { Department } from './department';
import { Region } from './region';

/**
 * 工单 Work order: one citizen matter, whatever channel(s) it came through.
 * Citizen fields are AES-256-GCM ciphertext (pii/cipher.ts); GraphQL exposes them only
 * masked through the `citizen` field resolver, in clear only through revealCitizen.
 */
@ObjectType({ implements: Node, simpleResolvers: true, description: '工单 Work order' })
@Entity()
@Index({ properties: ['receivedAt', 'id'] })
@Index({ properties: ['status', 'dueAt'] })
@Index({ properties: ['leadDepartment', 'receivedAt'] })
@Index({ properties: ['channel', 'receivedAt'] })
// 在办 / 超期 statistics (analytics/kpi-sql.ts backlogCounts): the open orders by receipt, apart from the millions closed,
// with the columns those counts read (an index-only scan).
@Index({
  name: 'work_order_open_received_at_index',
  expression: `create index "work_order_open_received_at_index" on "work_order" ("received_at") include ("status", "due_at", "lead_department_id", "channel_id", "category_id", "region_id", "request_type") where "status" not in ('CLOSED', 'TERMINATED', 'MERGED')`,
})
// 二次不满意 lists (monthly report): the few orders put on the consultation list.
@Index({
  name: 'work_order_consultation_listed_at_index',
  expression: `create index "work_order_consultation_listed_at_index" on "work_order" ("consultation_listed_at") where "consultation_listed_at" is not null`,
})
// 工单检索 workOrders(filter: { text }): characters and character pairs of title + content (work-orders/search-text.ts;
// the functions are created by migration Migration20261207120000_work_order_search).
@Index({
  name: 'work_order_search_grams_index',
  expression: `create index "work_order_search_grams_index" on "work_order" using gin (minyi_search_grams("title", "content"))`,
})
export class WorkOrder extends Node {
  [OptionalProps]?:
    | 'globalId'
    | 'citizenAnonymous'
    | 'restrictedIdentity'
    | 'urgency'
    | 'status'
    | 'reworkCount'
    | 'returnCount'
    | 'repeatCount'
    | 'version'
    | 'createdAt'
    | 'updatedAt';

  @PrimaryKey()
  id!: number;

  @Field({ description: '工单编号 Human-readable code, e.g. GX20261122000123' })
  @Property({ length: 32, unique: true })
  code!: string;

  @Field(() => RequestType, { description: '诉求类型 Request type' })
  @Enum({ items: () => RequestType, nativeEnumName: 'request_type' })
  requestType!: RequestType;

  @Index()
  @ManyToOne(() => Category, { nullable: true })
  category?: Category;

  @Field({ description: '标题 Title' })
  @Property({ length: 200 })
  title!: string;

  @Field({ description: '诉求内容 Content' })
  @Property({ type: 'text' })
  content!: string;

  @Property({ type: 'text', nullable: true })
  citizenNameEnc?: string | null;

  @Property({ type: 'text', nullable: true })
  citizenPhoneEnc?: string | null;

  @Property({ type: 'text', nullable: true })
  citizenIdNumberEnc?: string | null;

  @Property({ type: 'text', nullable: true })
  citizenAddressEnc?: string | null;

  /** Text only the petition bureau may read (信访 XFNR, petition.md §8), field-encrypted. */
  @Property({ type: 'text', nullable: true })
  restrictedContentEnc?: string | null;

  /** HMAC of the normalised phone: matches repeat callers without decrypting. */
  @Index()
  @Property({ type: 'string', length: 64, nullable: true })
  citizenPhoneHash?: string | null;

  @Index()
  @Property({ type: 'string', length: 64, nullable: true })
  citizenIdHash?: string | null;

  @Property({ default: false })
  citizenAnonymous: boolean = false;

  /** 信访 identity: only the petition bureau may see the citizen (petition.md §8). */
  @Property({ default: false })
  restrictedIdentity: boolean = false;

  @Index()
  @ManyToOne(() => Region)
  region!: Region;

  @Field(() => String, { nullable: true, description: '事发地址 Incident address (where it happened)' })
  @Property({ type: 'string', length: 500, nullable: true })
  address?: string | null;

  @Field(() => Urgency, { description: '紧急程度 Urgency' })
  @Enum({ items: () => Urgency, nativeEnumName: 'urgency' })
  urgency: Urgency = Urgency.NORMAL;

  @Field(() => TimeLimitClass, { nullable: true, description: '办理时限类别 Time-limit class' })
  @Enum({ items: () => TimeLimitClass, nativeEnumName: 'time_limit_class', nullable: true })
  timeLimitClass?: TimeLimitClass | null;

  @Field(() => WorkOrderStatus, { description: '状态 Status' })
  @Index()
  @Enum({ items: () => WorkOrderStatus, nativeEnumName: 'work_order_status' })
  status: WorkOrderStatus = WorkOrderStatus.RECEIVED;

  /** The channel the order first came through (多头投诉: see sources for all of them). */
  @ManyToOne(() => Channel)
  channel!: Channel;

  @ManyToOne(() => Department, { nullable: true })
  leadDepartment?: Department;

  @Field(() => GraphQLDateTime, { description: '受理时间 Received (call or record time)' })
  @Property({ type: 'datetime' })
  receivedAt!: Date;

  @Field(() => GraphQLDateTime, { nullable: true, description: '签收时限 Sign-for deadline' })
  @Property({ type: 'datetime', nullable: true })
  signDueAt?: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: '首次联系时限 First-contact deadline' })
  @Property({ type: 'datetime', nullable: true })
  firstContactDueAt?: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: '办理（答复）时限 Reply deadline' })
  @Property({ type: 'datetime', nullable: true })
  dueAt?: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: '分拨时间 Dispatched at' })
  @Property({ type: 'datetime', nullable: true })
  dispatchedAt?: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: '签收时间 Signed for at' })
  @Property({ type: 'datetime', nullable: true })
  signedAt?: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: '首次联系群众时间 First contact with the citizen' })
  @Property({ type: 'datetime', nullable: true })
  firstContactAt?: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: '答复时间 Replied at (approved reply)' })
  @Property({ type: 'datetime', nullable: true })
  repliedAt?: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: '办结时间 Closed at' })
  @Property({ type: 'datetime', nullable: true })
  closedAt?: Date | null;

  @Field(() => Int, { description: '重办次数 Rework count (after unsatisfied callbacks)' })
  @Property({ default: 0 })
  reworkCount: number = 0;

  @Field(() => Int, { description: '退单次数 Times returned by departments' })
  @Property({ default: 0 })
  returnCount: number = 0;

  @ManyToOne(() => WorkOrder, { nullable: true })
  mergedInto?: WorkOrder;

  /** 重复投诉 How many earlier orders of the same citizen (keyed phone/ID hash) say the same within the window. */
  @Field(() => Int, { description: '重复投诉次数（同一诉求人此前相似诉求数）Earlier similar orders of the same citizen (repeat complaint)' })
  @Property({ default: 0 })
  repeatCount: number = 0;

  /** The first order of the repeated matter. */
  @ManyToOne(() => WorkOrder, { nullable: true })
  repeatOf?: WorkOrder | null;

  /** 文本分类 The category suggested from the text (hot-issues/classify.ts) for an order without one; operators confirm by setting `category`. */
  @ManyToOne(() => Category, { nullable: true })
  suggestedCategory?: Category | null;

  /** Confidence of `suggestedCategory` (0–1). */
  @Property({ type: 'double', nullable: true })
  suggestedCategoryConfidence?: number | null;

  /** 会商 The second unsatisfied callback puts the order on the consultation-meeting list (003 二). */
  @Field(() => GraphQLDateTime, { nullable: true, description: '列入会商时间（二次不满意）Put on the consultation list (second unsatisfied callback)' })
  @Property({ type: 'datetime', nullable: true })
  consultationListedAt?: Date | null;

  /** Set when a deadline was computed across a year without an official holiday notice. */
  @Field(() => String, { nullable: true, description: '时限计算警告（如缺少当年节假日数据）Deadline warning, e.g. no official holiday data for a year' })
  @Property({ type: 'text', nullable: true })
  slaWarning?: string | null;

  @Field(() => Int, { description: '版本号（乐观锁）Version for optimistic locking' })
  @Property({ version: true })
  version!: number;

  @Field(() => GraphQLDateTime, { description: '创建时间 Created' })
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Field(() => GraphQLDateTime, { description: '更新时间 Updated' })
  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
