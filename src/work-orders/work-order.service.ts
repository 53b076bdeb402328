import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../common/errors';
import { shanghaiDateStamp } from '../common/time';
import { matchResponsibilityRule, ruleMatchSql } from '../dispatch/responsibility';
import { WorkOrder } from '../entities';
import type { EventBus } from '../events/event-bus';
import type { DataCipher } from '../pii/cipher';
import { sealCitizen, type CitizenData } from '../pii/citizen';
import { isValidIdNumber, normalisePhone } from '../pii/phone';
import type { ChannelDeadlines, SlaService } from '../sla/sla.service';
import { FUTURE_TOLERANCE_MS } from '../sla/policies';
import { timeLimitClassFor } from '../sla/time-limits';
import { RequestType, type TimeLimitClass, Urgency, WorkOrderStatus, WorkOrderEventType } from './enums';
import { actorColumns, publishEventRows, type Actor } from './timeline';
import { bulkInsert, executeBound, type SqlValue } from '../db/sql';
import { eventLogAppendFrom } from '../events/event-log';
import { Topics, type WorkOrderEventMessage } from '../events/topics';
import type { OrderVisibilityFacts } from '../auth/policy';
import type { ReferenceSnapshot } from '../reference/reference-cache';
import { ChannelKind } from '../reference/vocabulary';

/** A new work order as the 12345 centre takes it on the phone (or a connector maps it). */
export interface NewWorkOrder {
  requestType: RequestType;
  categoryCode?: string | null;
  title: string;
  content: string;
  citizen?: Partial<CitizenData> | null;
  regionCode: string;
  address?: string | null;
  urgency?: Urgency | null;
  /** Call time; defaults to now; may not lie in the future. */
  receivedAt?: Date | null;
  /** Deadlines the channel record carries itself (信访 SLQX/BLQX); they win over policy. */
  channelDeadlines?: ChannelDeadlines;
  /** Text only the petition bureau may read (信访 XFNR); stored field-encrypted. */
  restrictedContent?: string | null;
}

/** The channel record behind an order taken in by the ingestion runtime (default: the 12345 call itself). */
export interface SourceRecord {
  externalId: string;
  version: string;
  versionOrder: number;
  channelStatus?: string | null;
  categoryHint?: string | null;
}

/** 工单编号 GX + the Asia/Shanghai date received + a 6-digit number from work_order_code_seq. */
export function workOrderCode(receivedAt: Date, n: number): string {
  return `GX${shanghaiDateStamp(receivedAt)}${String(n).padStart(6, '0')}`;
}

/** What a new order's visibility is (no assignment yet, one channel): for its CREATED event message. */
function createdFacts(channel: { id: number; kind: ChannelKind }): OrderVisibilityFacts {
  return { restrictedIdentity: channel.kind === ChannelKind.PETITION, departmentPaths: [], channelIds: [channel.id] };
}

/** The CREATED event's message on the work-order events topic (timeline.ts publishEventRows writes the same), without its eventId. */
function createdMessage(workOrderId: number, channel: { id: number; kind: ChannelKind }): Omit<WorkOrderEventMessage, 'eventId'> {
  return { workOrderId, type: WorkOrderEventType.CREATED, ...createdFacts(channel) };
}

/** 工单 Work orders: intake. (Lifecycle transitions live in work-orders/transitions.ts.) */
export class WorkOrderService {
  constructor(
    private readonly cipher: DataCipher,
    private readonly bus: EventBus,
    private readonly sla: SlaService,
  ) {}

  validate(input: NewWorkOrder): void {
    const title = input.title?.trim() ?? '';
    if (title.length < 1 || [...title].length > 200) throw badInput('标题须为 1–200 字', 'title must be 1–200 characters', 'title');
    const content = input.content?.trim() ?? '';
    if (content.length < 1 || [...content].length > 20000) {
      throw badInput('诉求内容须为 1–20000 字', 'content must be 1–20000 characters', 'content');
    }
    if (input.receivedAt && input.receivedAt.getTime() > Date.now() + FUTURE_TOLERANCE_MS) {
      throw badInput('受理时间不能晚于当前时间', 'receivedAt may not be in the future', 'receivedAt');
    }
    const c = input.citizen;
    if (c) {
      if (c.anonymous && (c.name || c.phone || c.idNumber)) {
        throw badInput('匿名诉求不能包含姓名、电话或证件号', 'an anonymous citizen has no name, phone or ID number', 'citizen');
      }
      if (c.name && [...c.name.trim()].length > 50) throw badInput('姓名过长', 'citizen name is longer than 50 characters', 'citizen.name');
      if (c.phone && !normalisePhone(c.phone)) {
        throw badInput(`电话号码无效：请填写手机或带区号的座机`, 'citizen phone is not a valid mobile or landline number', 'citizen.phone');
      }
      if (c.idNumber && !isValidIdNumber(c.idNumber)) {
        throw badInput('身份证号码无效（校验位错误）', 'citizen ID number is invalid (GB 11643 check digit)', 'citizen.idNumber');
      }
      if (c.address && [...c.address].length > 500) throw badInput('地址过长', 'citizen address is longer than 500 characters', 'citizen.address');
    }
  }

  /**
   * Creates the order, its source record and the CREATED event: the centre's own intake. Two
   * statements, no transaction (issue 15: bench:lifecycle): one read that resolves the codes fresh
   * from the database, matches the 职责清单 rule and draws the order's id and number; then one
   * write of data-modifying CTEs (CREATE_SQL), atomic as any single statement. The answer is the
   * inserted row.
   */
  async create(em: EntityManager, actor: Actor, input: NewWorkOrder, channelCode = '12345'): Promise<WorkOrder> {
    this.validate(input);
    const fresh = await this.resolveFresh(em, channelCode, input);
    const rows = await this.rowsOf(actor, channelCode, fresh.channel, { input }, fresh, fresh.ruleTimeLimitClass, new Date());
    const [row] = await executeBound(em, CREATE_SQL, [
      ...rows.order,
      ...rows.source,
      ...rows.event,
      Topics.WORK_ORDER_EVENTS,
      JSON.stringify(createdMessage(fresh.id, fresh.channel)),
    ]);
    return em.map(WorkOrder, row);
  }

  /**
   * A page of channel records at once (the ingestion runtime's fast path), in the caller's
   * transaction: codes from the reference snapshot, ids and numbers drawn in one statement, orders,
   * sources and CREATED events in three bulk inserts and one event-log statement.
   */
  async createMany(
    em: EntityManager,
    actor: Actor,
    channelCode: string,
    items: ReadonlyArray<{ input: NewWorkOrder; source: SourceRecord }>,
  ): Promise<Array<{ id: number; code: string }>> {
    if (!items.length) return [];
    const resolved = await this.resolveFromSnapshot(channelCode, items);
    const { channel } = resolved;
    const allocated: Array<{ id: number; n: number }> = await em.execute(
      `select nextval(pg_get_serial_sequence('work_order', 'id'))::int as id, nextval('work_order_code_seq')::int as n from generate_series(1, ?)`,
      [items.length],
    );
    const rules = new Map<string, string | null>();
    const now = new Date();
    const orders: SqlValue[][] = [];
    const sources: SqlValue[][] = [];
    const events: SqlValue[][] = [];
    const created: Array<{ id: number; code: string }> = [];
    for (let i = 0; i < items.length; i++) {
      const { regionId, categoryId } = resolved.items[i];
      let ruleClass: string | null = null;
      if (categoryId) {
        const key = `${categoryId}:${regionId}`;
        if (!rules.has(key)) rules.set(key, (await matchResponsibilityRule(em, categoryId, regionId))?.timeLimitClass ?? null);
        ruleClass = rules.get(key) ?? null;
      }
      const rows = await this.rowsOf(actor, channelCode, channel, items[i], { ...resolved.items[i], ...allocated[i] }, ruleClass, now);
      orders.push(rows.order);
      sources.push(rows.source);
      events.push(rows.event);
      created.push({ id: allocated[i].id, code: rows.code });
    }
    await bulkInsert(em, 'work_order', NEW_ORDER_COLUMNS, orders);
    await bulkInsert(em, 'work_order_source', NEW_SOURCE_COLUMNS, sources);
    const eventIds = await bulkInsert<{ id: number; work_order_id: number }>(em, 'work_order_event', NEW_EVENT_COLUMNS, events, 'returning id, work_order_id');
    await publishEventRows(
      em,
      this.bus,
      eventIds.map((e) => ({ id: e.id, workOrderId: e.work_order_id, type: WorkOrderEventType.CREATED })),
      new Map(created.map((c) => [c.id, createdFacts(channel)])),
    );
    return created;
  }

  /**
   * One order's rows (work_order, work_order_source, work_order_event, in the NEW_*_COLUMNS order):
   * the time-limit class and deadlines, its code, the citizen sealed.
   */
  private async rowsOf(
    actor: Actor,
    channelCode: string,
    channel: ResolvedCodes['channel'],
    { input, source }: { input: NewWorkOrder; source?: SourceRecord },
    ids: { id: number; n: number; regionId: number; categoryId: number | null },
    ruleTimeLimitClass: string | null,
    now: Date,
  ): Promise<{ order: SqlValue[]; source: SqlValue[]; event: SqlValue[]; code: string }> {
    const receivedAt = input.receivedAt ?? now;
    const urgency = input.urgency ?? Urgency.NORMAL;
    const timeLimitClass = timeLimitClassFor(urgency, ruleTimeLimitClass as TimeLimitClass | null);
    const deadlines = await this.sla.deadlines(
      { channelCode, requestType: input.requestType, urgency, categoryCode: input.categoryCode, timeLimitClass },
      receivedAt,
      input.channelDeadlines ?? {},
    );
    const code = workOrderCode(receivedAt, ids.n);
    const sealed = sealCitizen(this.cipher, input.citizen);
    return {
      code,
      order: [
        ids.id,
        code,
        input.requestType,
        ids.categoryId ?? null,
        input.title.trim(),
        input.content.trim(),
        sealed.citizenNameEnc ?? null,
        sealed.citizenPhoneEnc ?? null,
        sealed.citizenIdNumberEnc ?? null,
        sealed.citizenAddressEnc ?? null,
        sealed.citizenPhoneHash ?? null,
        sealed.citizenIdHash ?? null,
        sealed.citizenAnonymous,
        // 信访 identities are for the petition bureau only (petition.md §8).
        channel.kind === ChannelKind.PETITION,
        this.cipher.encrypt(input.restrictedContent ?? null),
        ids.regionId,
        input.address?.trim() || null,
        urgency,
        timeLimitClass ?? null,
        WorkOrderStatus.RECEIVED,
        channel.id,
        receivedAt,
        deadlines.signDueAt,
        deadlines.firstContactDueAt,
        deadlines.dueAt,
        deadlines.warnings.join('\n') || null,
      ],
      // The centre's own call is its own source record, seen when it was received.
      source: [
        ids.id,
        channel.id,
        source?.externalId ?? code,
        source?.version ?? null,
        source ? String(source.versionOrder) : null,
        source?.channelStatus ?? null,
        source?.categoryHint ?? null,
        source ? now : receivedAt,
        source ? now : receivedAt,
      ],
      event: [
        ids.id,
        WorkOrderEventType.CREATED,
        now,
        ...actorColumns(actor),
        null,
        WorkOrderStatus.RECEIVED,
        JSON.stringify({ channel: channelCode, requestType: input.requestType, timeLimitClass: timeLimitClass ?? null, slaPolicy: deadlines.policyCode }),
      ],
    };
  }

  /**
   * Codes → ids fresh from the database in one statement (the phone intake is hot: see
   * bench:lifecycle), with the matching 职责清单 rule's time-limit class and the order's id and
   * number drawn from their sequences. The centre's own intake offers only active categories and
   * regions.
   */
  private async resolveFresh(
    em: EntityManager,
    channelCode: string,
    input: NewWorkOrder,
  ): Promise<{ channel: ResolvedCodes['channel']; regionId: number; categoryId: number | null; ruleTimeLimitClass: string | null; id: number; n: number }> {
    const category = input.categoryCode ?? null;
    const [ids] = await executeBound(
      em,
      `select (select id from region where code = ?) as region_id,
              (select id from category where code = ?) as category_id,
              (select id from channel where code = ?) as channel_id,
              (select kind from channel where code = ?) as channel_kind,
              (select active from region where code = ?) and coalesce((select active from category where code = ?), true) as offered,
              (select m.time_limit_class from (${ruleMatchSql('?::text', '(select id from region where code = ?)')}) m) as rule_time_limit_class,
              nextval(pg_get_serial_sequence('work_order', 'id'))::int as id,
              nextval('work_order_code_seq')::int as n`,
      [input.regionCode, category, channelCode, channelCode, input.regionCode, category, category, input.regionCode],
    );
    if (!ids.region_id) throw badInput(`区划代码不存在：${input.regionCode}`, `Unknown region code ${input.regionCode}`, 'regionCode');
    if (input.categoryCode && !ids.category_id) {
      throw badInput(`分类代码不存在：${input.categoryCode}`, `Unknown category code ${input.categoryCode}`, 'categoryCode');
    }
    if (!ids.channel_id) throw badInput(`渠道不存在：${channelCode}`, `Unknown channel ${channelCode}`, 'channel');
    if (ids.offered === false) {
      throw badInput(
        '分类或区划已停用，请选择启用的分类和区划',
        `The category ${input.categoryCode ?? ''} or region ${input.regionCode} is deactivated: choose an active one`,
        'categoryCode',
      );
    }
    return {
      channel: { id: Number(ids.channel_id), kind: ids.channel_kind as ChannelKind },
      regionId: Number(ids.region_id),
      categoryId: ids.category_id ? Number(ids.category_id) : null,
      ruleTimeLimitClass: (ids.rule_time_limit_class as string | null) ?? null,
      id: Number(ids.id),
      n: Number(ids.n),
    };
  }

  /** Codes → ids from the reference snapshot (a page of channel records: they keep what the origin said). */
  private async resolveFromSnapshot(channelCode: string, items: ReadonlyArray<{ input: NewWorkOrder; source?: SourceRecord }>): Promise<ResolvedCodes> {
    const codes = codeIndex(await this.sla.reference.get());
    const channel = codes.channels.get(channelCode);
    if (!channel) throw badInput(`渠道不存在：${channelCode}`, `Unknown channel ${channelCode}`, 'channel');
    return {
      channel,
      items: items.map(({ input }) => {
        const regionId = codes.regions.get(input.regionCode);
        if (!regionId) throw badInput(`区划代码不存在：${input.regionCode}`, `Unknown region code ${input.regionCode}`, 'regionCode');
        const categoryId = input.categoryCode ? codes.categories.get(input.categoryCode) : null;
        if (input.categoryCode && !categoryId)
          throw badInput(`分类代码不存在：${input.categoryCode}`, `Unknown category code ${input.categoryCode}`, 'categoryCode');
        return { regionId, categoryId: categoryId ?? null };
      }),
    };
  }
}

/** The channel and each order's region and category, by id. */
interface ResolvedCodes {
  channel: { id: number; kind: ChannelKind };
  items: Array<{ regionId: number; categoryId: number | null }>;
}

const NEW_ORDER_COLUMNS = [
  ['id', 'int'],
  ['code', 'text'],
  ['request_type', 'request_type'],
  ['category_id', 'int'],
  ['title', 'text'],
  ['content', 'text'],
  ['citizen_name_enc', 'text'],
  ['citizen_phone_enc', 'text'],
  ['citizen_id_number_enc', 'text'],
  ['citizen_address_enc', 'text'],
  ['citizen_phone_hash', 'text'],
  ['citizen_id_hash', 'text'],
  ['citizen_anonymous', 'boolean'],
  ['restricted_identity', 'boolean'],
  ['restricted_content_enc', 'text'],
  ['region_id', 'int'],
  ['address', 'text'],
  ['urgency', 'urgency'],
  ['time_limit_class', 'time_limit_class'],
  ['status', 'work_order_status'],
  ['channel_id', 'int'],
  ['received_at', 'timestamptz'],
  ['sign_due_at', 'timestamptz'],
  ['first_contact_due_at', 'timestamptz'],
  ['due_at', 'timestamptz'],
  ['sla_warning', 'text'],
] as const;
const NEW_SOURCE_COLUMNS = [
  ['work_order_id', 'int'],
  ['channel_id', 'int'],
  ['external_id', 'text'],
  ['external_version', 'text'],
  ['version_order', 'bigint'],
  ['channel_status', 'text'],
  ['category_hint', 'text'],
  ['first_seen_at', 'timestamptz'],
  ['last_seen_at', 'timestamptz'],
] as const;
const NEW_EVENT_COLUMNS = [
  ['work_order_id', 'int'],
  ['type', 'work_order_event_type'],
  ['occurred_at', 'timestamptz'],
  ['actor_role', 'role'],
  ['actor_label', 'text'],
  ['actor_token_id', 'int'],
  ['actor_user_id', 'int'],
  ['actor_name', 'text'],
  ['actor_department_id', 'int'],
  ['from_status', 'work_order_status'],
  ['to_status', 'work_order_status'],
  ['payload', 'jsonb'],
] as const;

/** An insert of one row of `columns` (bound parameters) for each row of CTE `o`. */
function insertFromOrder(table: string, columns: ReadonlyArray<readonly [string, string]>, tail = ''): string {
  return `insert into "${table}" (${columns.map(([name]) => `"${name}"`).join(', ')}) select ${columns.map(([, type]) => `?::${type}`).join(', ')} from o ${tail}`;
}

/**
 * One new order in one statement: the order (returned), its source and CREATED event (from the
 * order's row, so after it), and the event's log row (NOTIFYed at commit by the log's trigger).
 * Parameters: the order's, the source's and the event's values, the topic, the message.
 */
const CREATE_SQL = `with o as (insert into "work_order" (${NEW_ORDER_COLUMNS.map(([name]) => `"${name}"`).join(', ')})
                     values (${NEW_ORDER_COLUMNS.map(([, type]) => `?::${type}`).join(', ')}) returning *),
     s as (${insertFromOrder('work_order_source', NEW_SOURCE_COLUMNS)}),
     e as (${insertFromOrder('work_order_event', NEW_EVENT_COLUMNS, 'returning id')}),
     l as (${eventLogAppendFrom('e', `jsonb_build_object('eventId', e.id) || ?::jsonb`)})
select * from o`;

/** Code → id lookups over a reference snapshot, built once per snapshot. */
const CODE_INDEXES = new WeakMap<ReferenceSnapshot, CodeIndex>();
interface CodeIndex {
  regions: Map<string, number>;
  categories: Map<string, number>;
  channels: Map<string, { id: number; kind: ChannelKind }>;
}
function codeIndex(snapshot: ReferenceSnapshot): CodeIndex {
  let index = CODE_INDEXES.get(snapshot);
  if (!index) {
    index = {
      regions: new Map([...snapshot.regions.values()].map((r) => [r.code, r.id])),
      categories: new Map([...snapshot.categories.values()].map((c) => [c.code, c.id])),
      channels: new Map([...snapshot.channels.values()].map((c) => [c.code, { id: c.id, kind: c.kind }])),
    };
    CODE_INDEXES.set(snapshot, index);
  }
  return index;
}
