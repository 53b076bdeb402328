import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../common/errors';
import { shanghaiDateStamp } from '../common/time';
import { matchResponsibilityRule } from '../dispatch/responsibility';
import { Category, Channel, Region, WorkOrder, WorkOrderSource } from '../entities';
import { ChannelKind } from '../entities/channel';
import { WorkOrderEventType } from '../entities/work-order-event';
import type { EventBus } from '../events/event-bus';
import type { DataCipher } from '../pii/cipher';
import { sealCitizen, type CitizenData } from '../pii/citizen';
import { isValidIdNumber, normalisePhone } from '../pii/phone';
import type { ChannelDeadlines, SlaService } from '../sla/sla.service';
import { timeLimitClassFor } from '../sla/time-limits';
import { RequestType, Urgency, WorkOrderStatus } from './enums';
import { addEvent, publishEvents, type Actor } from './timeline';

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
}

/** The channel record behind an order taken in by the ingestion runtime (default: the 12345 call itself). */
export interface SourceRecord {
  externalId: string;
  version: string;
  versionOrder: number;
  channelStatus?: string | null;
  categoryHint?: string | null;
}

const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

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
   * Creates the order, its source record and the CREATED event, in one transaction. A channel
   * record (`source`) was validated by its connector's mapping, which keeps defective values with
   * warnings instead of rejecting them (channels README), so it skips the intake checks.
   */
  async create(em: EntityManager, actor: Actor, input: NewWorkOrder, channelCode = '12345', source?: SourceRecord): Promise<WorkOrder> {
    if (!source) this.validate(input);
    return em.transactional(async (tx) => {
      // One statement resolves the three codes (the intake path is hot: see bench:lifecycle).
      const [ids] = await tx.execute(
        `select (select id from region where code = ?) as region_id,
                (select id from category where code = ?) as category_id,
                (select id from channel where code = ?) as channel_id,
                (select kind from channel where code = ?) as channel_kind`,
        [input.regionCode, input.categoryCode ?? null, channelCode, channelCode],
      );
      if (!ids.region_id) throw badInput(`区划代码不存在：${input.regionCode}`, `Unknown region code ${input.regionCode}`, 'regionCode');
      if (input.categoryCode && !ids.category_id) {
        throw badInput(`分类代码不存在：${input.categoryCode}`, `Unknown category code ${input.categoryCode}`, 'categoryCode');
      }
      if (!ids.channel_id) throw badInput(`渠道不存在：${channelCode}`, `Unknown channel ${channelCode}`, 'channel');
      const region = tx.getReference(Region, ids.region_id);
      const category = ids.category_id ? tx.getReference(Category, ids.category_id) : null;
      const channel = tx.getReference(Channel, ids.channel_id);

      const receivedAt = input.receivedAt ?? new Date();
      const urgency = input.urgency ?? Urgency.NORMAL;
      const rule = category ? await matchResponsibilityRule(tx, category.id, region.id) : null;
      const timeLimitClass = timeLimitClassFor(urgency, rule?.timeLimitClass);
      const deadlines = await this.sla.deadlines(
        { channelCode, requestType: input.requestType, urgency, categoryCode: input.categoryCode, timeLimitClass },
        receivedAt,
        input.channelDeadlines ?? {},
      );
      const [{ n }] = await tx.execute(`select nextval('work_order_code_seq') as n`);

      const order = tx.create(WorkOrder, {
        code: `GX${shanghaiDateStamp(receivedAt)}${String(n).padStart(6, '0')}`,
        requestType: input.requestType,
        category: category ?? undefined,
        title: input.title.trim(),
        content: input.content.trim(),
        ...sealCitizen(this.cipher, input.citizen),
        // 信访 identities are for the petition bureau only (petition.md §8).
        restrictedIdentity: ids.channel_kind === ChannelKind.PETITION,
        region,
        address: input.address?.trim() || null,
        urgency,
        timeLimitClass,
        status: WorkOrderStatus.RECEIVED,
        channel,
        receivedAt,
        signDueAt: deadlines.signDueAt,
        firstContactDueAt: deadlines.firstContactDueAt,
        dueAt: deadlines.dueAt,
        slaWarning: deadlines.warnings.join('\n') || null,
      });
      tx.create(WorkOrderSource, {
        workOrder: order,
        channel,
        externalId: source?.externalId ?? order.code,
        externalVersion: source?.version ?? null,
        versionOrder: source ? String(source.versionOrder) : null,
        channelStatus: source?.channelStatus ?? null,
        categoryHint: source?.categoryHint ?? null,
        firstSeenAt: source ? new Date() : receivedAt,
        lastSeenAt: source ? new Date() : receivedAt,
      });
      const event = addEvent(tx, order, WorkOrderEventType.CREATED, actor, {
        to: WorkOrderStatus.RECEIVED,
        payload: { channel: channelCode, requestType: order.requestType, timeLimitClass, slaPolicy: deadlines.policyCode },
      });
      await tx.flush();
      await publishEvents(tx, this.bus, [event]);
      return order;
    });
  }
}
