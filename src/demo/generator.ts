import { maintenanceTransaction } from '../db/timeouts';
import type { EntityManager } from '@mikro-orm/postgresql';
import { shanghaiDateStamp, shanghaiDayStart, DAY_MS, HOUR_MS } from '../common/time';
import { bulkInsert, type SqlValue } from '../db/sql';
import { workOrderCode } from '../work-orders/work-order.service';
import { Category, Channel, Department, Region, ResponsibilityRule } from '../entities';
import type { DataCipher } from '../pii/cipher';
import { sealCitizen } from '../pii/citizen';
import { dueTimes, timeLimitClassFor } from '../sla/time-limits';
import { ReplyResult, RequestType, Satisfaction, TimeLimitClass, Urgency, WorkOrderStatus } from '../work-orders/enums';
import { COMPANIES, GIVEN_NAME_CHARS, ORDER_TEMPLATES, PLACES, REPLY_TEMPLATES, STREETS, SURNAMES, VILLAGES, type OrderTemplate } from './data/texts';
import { matchResponsibilityRule } from '../dispatch/responsibility';
import { Random } from './random';
import type { DemoStoryOrder } from './stories';

/**
 * Realistic demo work orders for the county: plausible titles and texts per category and
 * township, a realistic mix of channels and request types, statuses spread over the last three
 * months with full timelines. Rows go in by bulk insert, so 100k orders take well under a minute.
 */
export interface GenerateOptions {
  orders: number;
  now?: Date;
  seed?: number;
  batchSize?: number;
  onProgress?: (done: number) => void;
  /** Hand-written orders (stories.ts) inserted after the `orders` generated ones, with the same timelines. */
  stories?: readonly DemoStoryOrder[];
}

/** Channel mix, and which top-level categories each channel carries (undefined: any). */
const CHANNEL_MIX: ReadonlyArray<readonly [string, number, string[] | undefined]> = [
  ['12345', 55, undefined],
  ['12315', 10, ['10']],
  ['12333', 8, ['01', '14']],
  ['12328', 5, ['11']],
  ['board', 7, undefined],
  ['xf', 5, ['01', '03', '08', '16', '17']],
  ['wzjx', 4, undefined],
  ['wzgz', 4, undefined],
  ['gwy-dc', 1, ['06']],
  ['govcn-ly', 1, undefined],
];

const FINISHED_EARLY: ReadonlyArray<readonly [WorkOrderStatus, number]> = [
  [WorkOrderStatus.RETURNED, 3],
  [WorkOrderStatus.ESCALATED, 1.5],
  [WorkOrderStatus.TERMINATED, 1],
  [WorkOrderStatus.MERGED, 0.5],
];

/** The main path, in order; an order gets as far along it as its age and luck allow. */
const MAIN_PATH = [
  WorkOrderStatus.RECEIVED,
  WorkOrderStatus.DISPATCHED,
  WorkOrderStatus.HANDLING,
  WorkOrderStatus.REPLY_REVIEW,
  WorkOrderStatus.REPLIED,
  WorkOrderStatus.CLOSED,
] as const;

interface Reference {
  townships: Region[];
  county: Region;
  channels: Map<string, Channel>;
  leaves: Category[];
  categoryByCode: Map<string, Category>;
  templatesByCategory: Map<string, OrderTemplate[]>;
  rules: ResponsibilityRule[];
  ruleCo: Map<number, number[]>;
  townshipGov: Map<number, Department>;
  centre: Department;
  petitionBureau: Department;
}

async function loadReference(em: EntityManager): Promise<Reference> {
  const regions = await em.find(Region, {});
  const categories = await em.find(Category, {});
  const departments = await em.find(Department, {});
  const rules = await em.find(ResponsibilityRule, {}, { populate: ['coDepartments'] });
  const townshipGov = new Map<number, Department>();
  for (const d of departments) if (d.kind === 'TOWNSHIP') townshipGov.set(d.region.id, d);
  const templatesByCategory = new Map<string, OrderTemplate[]>();
  for (const t of ORDER_TEMPLATES) templatesByCategory.set(t.categoryCode, [...(templatesByCategory.get(t.categoryCode) ?? []), t]);
  const byCode = (code: string) => {
    const d = departments.find((x) => x.code === code);
    if (!d) throw new Error(`demo generator needs department ${code}; run the reference seed first`);
    return d;
  };
  return {
    townships: regions.filter((r) => r.level === 'TOWNSHIP'),
    county: regions.find((r) => r.level === 'COUNTY')!,
    channels: new Map((await em.find(Channel, {})).map((c) => [c.code, c])),
    leaves: categories.filter((c) => c.level === 3 && templatesByCategory.has(c.code)),
    categoryByCode: new Map(categories.map((c) => [c.code, c])),
    templatesByCategory,
    rules,
    ruleCo: new Map(rules.map((r) => [r.id, r.coDepartments.getItems().map((d) => d.id)])),
    townshipGov,
    centre: byCode('RX12345'),
    petitionBureau: byCode('XFJ'),
  };
}

/** A template with its placeholders filled ({town} {village} {place} {company} {street} {amount} {months} {days} {count}). */
export function fill(text: string, r: Random, town: string, village: string): string {
  return text
    .replaceAll('{town}', town)
    .replaceAll('{village}', village)
    .replaceAll('{place}', r.pick(PLACES))
    .replaceAll('{company}', r.pick(COMPANIES))
    .replaceAll('{street}', r.pick(STREETS))
    .replaceAll('{amount}', String(r.int(8, 300) * 100))
    .replaceAll('{months}', String(r.int(2, 8)))
    .replaceAll('{days}', String(r.int(2, 20)))
    .replaceAll('{count}', String(r.int(3, 40)));
}

/** An 18-digit ID number with a valid GB 11643 check digit, born in the county. */
export function idNumber(r: Random): string {
  const birth = new Date(Date.UTC(r.int(1950, 2004), r.int(0, 11), r.int(1, 28)));
  const body = `360721${birth.toISOString().slice(0, 10).replace(/-/g, '')}${String(r.int(0, 999)).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(body[i]), 0);
  return body + '10X98765432'[sum % 11];
}

/** An 11-digit mainland mobile number. */
export function mobile(r: Random): string {
  return `${r.pick(['135', '136', '137', '138', '139', '150', '151', '152', '158', '159', '177', '180', '181', '187', '189', '198'])}${String(r.int(0, 99_999_999)).padStart(8, '0')}`;
}

/** Mostly working hours (Asia/Shanghai), over the last `days` days. */
function receivedTime(r: Random, now: Date, days: number): Date {
  const dayStart = shanghaiDayStart(now).getTime();
  const day = dayStart - r.int(0, days - 1) * DAY_MS;
  const hour = r.chance(0.85) ? r.int(8, 19) : r.int(0, 23);
  const t = new Date(day + hour * HOUR_MS + r.int(0, 3599) * 1000);
  return t.getTime() > now.getTime() ? new Date(now.getTime() - r.int(60, 7200) * 1000) : t;
}

export async function generateDemoOrders(em: EntityManager, cipher: DataCipher, options: GenerateOptions): Promise<{ orders: number; ms: number }> {
  const started = Date.now();
  const now = options.now ?? new Date();
  const r = new Random(options.seed ?? 12345);
  const ref = await loadReference(em);
  const ruleById = new Map(ref.rules.map((rule) => [rule.id, rule]));
  const batchSize = options.batchSize ?? 2000;
  const channelPairs = CHANNEL_MIX.map(([code, w]) => [code, w] as const);
  const leavesByTop = new Map<string, Category[]>();
  for (const c of ref.leaves) leavesByTop.set(c.code.slice(0, 2), [...(leavesByTop.get(c.code.slice(0, 2)) ?? []), c]);
  const ruleCache = new Map<string, ResponsibilityRule | undefined>();

  const stories = options.stories ?? [];
  const total = options.orders + stories.length;
  let done = 0;
  while (done < total) {
    const n = Math.min(batchSize, total - done);
    const ids: number[] = (await em.execute(`select nextval(pg_get_serial_sequence('work_order', 'id'))::int as id from generate_series(1, ?)`, [n])).map(
      (row) => Number(row.id),
    );
    const seqs: number[] = (await em.execute(`select nextval('work_order_code_seq')::int as n from generate_series(1, ?)`, [n])).map((row) => Number(row.n));
    const orders: SqlValue[][] = [];
    const sources: SqlValue[][] = [];
    const assignments: SqlValue[][] = [];
    const replies: SqlValue[][] = [];
    const callbacks: SqlValue[][] = [];
    const events: SqlValue[][] = [];

    for (let i = 0; i < n; i++) {
      const id = ids[i];
      // A hand-written story order (after the generated ones), or one from the templates.
      const story: DemoStoryOrder | undefined = done + i >= options.orders ? stories[done + i - options.orders] : undefined;
      const channelCode = story?.channel ?? r.weighted(channelPairs);
      const channel = ref.channels.get(channelCode)!;
      const tops = CHANNEL_MIX.find(([c]) => c === channelCode)![2];
      const pool = tops ? tops.flatMap((t) => leavesByTop.get(t) ?? []) : ref.leaves;
      const drawn = r.pick(pool.length ? pool : ref.leaves);
      // Stories from web channels have no hub category yet (统一分拨 gives them one).
      const category: Category | null = story ? (story.categoryCode ? ref.categoryByCode.get(story.categoryCode)! : null) : drawn;
      const template = r.pick(ref.templatesByCategory.get(drawn.code)!);
      const storyRegion = story && ref.townships.find((t) => t.code === story.townshipCode);
      const region = storyRegion || (r.chance(0.92) ? r.pick(ref.townships) : ref.county);
      const townName = region === ref.county ? r.pick(ref.townships).name : region.name;
      const village = r.pick(VILLAGES[region === ref.county ? ref.townships[0].code : region.code] ?? ['城区']);
      const receivedAt = story?.receivedAt ?? receivedTime(r, now, 92);
      const ageDays = (now.getTime() - receivedAt.getTime()) / DAY_MS;
      const requestType = (story?.requestType ?? (r.chance(0.75) ? template.requestTypes[0] : r.pick(template.requestTypes))) as RequestType;
      const urgent = story ? story.urgent : template.urgent;
      const urgency =
        urgent && r.chance(0.6)
          ? r.chance(0.05)
            ? Urgency.CRITICAL
            : Urgency.URGENT
          : category?.code.startsWith('07')
            ? Urgency.BASIC_LIVING
            : Urgency.NORMAL;
      const key = `${category?.id}:${region.id}`;
      // The same 职责清单 precedence as live intake, once per (category, township).
      if (category && !ruleCache.has(key)) ruleCache.set(key, ruleById.get((await matchResponsibilityRule(em, category.id, region.id))?.id ?? -1));
      const rule = category ? ruleCache.get(key) : undefined;
      const cls = timeLimitClassFor(urgency, (rule?.timeLimitClass as TimeLimitClass | undefined) ?? null);
      const due = dueTimes(receivedAt, cls);
      const townshipGov = ref.townshipGov.get(region.id) ?? ref.townshipGov.get(r.pick(ref.townships).id)!;
      const lead = rule?.leadIsTownship || !rule?.leadDepartment ? townshipGov : rule.leadDepartment;
      const coIds =
        rule && r.chance(0.4) ? [...(ref.ruleCo.get(rule.id) ?? []), ...(rule.coTownship ? [townshipGov.id] : [])].filter((d) => d !== lead.id) : [];

      // How far along: older orders are mostly finished.
      const early = r.chance(0.06) && !story ? r.weighted(FINISHED_EARLY) : null;
      const progress = category ? Math.min(5, Math.floor(Math.min(1, ageDays / 6) * 5 + r.next() * 1.6)) : 0;
      const status: WorkOrderStatus = early ?? MAIN_PATH[progress];

      const anonymous = ['board', 'wzjx', 'wzgz', 'govcn-ly'].includes(channelCode) && r.chance(0.3);
      const citizen = story
        ? story.citizen
          ? { name: story.citizen.name, phone: story.citizen.phone, idNumber: null, address: null, anonymous: false }
          : { anonymous: true }
        : anonymous
          ? { anonymous: true }
          : {
              name: `${r.pick(SURNAMES)}${r.pick(GIVEN_NAME_CHARS)}${r.chance(0.7) ? r.pick(GIVEN_NAME_CHARS) : ''}`,
              phone: mobile(r),
              idNumber: r.chance(0.35) ? idNumber(r) : null,
              address: r.chance(0.5) ? `${townName}${village}${r.int(1, 99)}号` : null,
              anonymous: false,
            };
      const sealed = sealCitizen(cipher, citizen);
      const title = (story?.title ?? fill(template.title, r, townName, village)).slice(0, 200);
      const content = story?.content ?? fill(template.content, r, townName, village);
      const code = workOrderCode(receivedAt, seqs[i]);

      // Timeline.
      const ev = (
        type: string,
        at: Date,
        from: WorkOrderStatus | null,
        to: WorkOrderStatus | null,
        actor: string,
        role: string | null,
        reason: string | null = null,
        dept: number | null = null,
      ) => events.push([id, type, at, role, actor, dept, from, to, reason, '{}']);
      const step = (from: Date, minMinutes: number, maxMinutes: number) =>
        new Date(Math.min(now.getTime(), from.getTime() + r.int(minMinutes, maxMinutes) * 60_000));
      ev('CREATED', receivedAt, null, WorkOrderStatus.RECEIVED, channelCode === '12345' ? '话务员' : channelCode, channelCode === '12345' ? 'OPERATOR' : null);

      let dispatchedAt: Date | null = null;
      let signedAt: Date | null = null;
      let contactAt: Date | null = null;
      let repliedAt: Date | null = null;
      let closedAt: Date | null = null;
      let reworkCount = 0;
      let returnCount = 0;
      let leadId: number | null = null;
      const reached = (s: WorkOrderStatus) => MAIN_PATH.indexOf(s as (typeof MAIN_PATH)[number]);
      const target = early
        ? early === WorkOrderStatus.RETURNED
          ? 1
          : early === WorkOrderStatus.ESCALATED
            ? 2
            : early === WorkOrderStatus.TERMINATED
              ? 2
              : 0
        : reached(status);

      if (target >= 1) {
        dispatchedAt = step(receivedAt, 5, 50);
        leadId = lead.id;
        ev('DISPATCHED', dispatchedAt, WorkOrderStatus.RECEIVED, WorkOrderStatus.DISPATCHED, '分拨员', 'OPERATOR', null, ref.centre.id);
        assignments.push([
          id,
          lead.id,
          'LEAD',
          target >= 2 ? 'SIGNED' : early === WorkOrderStatus.RETURNED ? 'RETURNED' : 'PENDING',
          dispatchedAt,
          null,
          due.dueAt,
          null,
        ]);
        for (const co of coIds) assignments.push([id, co, 'CO', target >= 2 ? 'SIGNED' : 'PENDING', dispatchedAt, null, due.dueAt, null]);
        if (early === WorkOrderStatus.RETURNED) {
          returnCount = 1;
          ev(
            'RETURNED',
            step(dispatchedAt, 10, 240),
            WorkOrderStatus.DISPATCHED,
            WorkOrderStatus.RETURNED,
            '经办人',
            'HANDLER',
            '不属于本单位职责范围，建议改派',
            lead.id,
          );
        }
      }
      if (target >= 2) {
        signedAt = step(dispatchedAt!, r.chance(0.9) ? 5 : 60, r.chance(0.9) ? 55 : 400);
        assignments[assignments.length - 1 - coIds.length][5] = signedAt;
        ev('SIGNED', signedAt, WorkOrderStatus.DISPATCHED, WorkOrderStatus.HANDLING, '经办人', 'HANDLER', null, lead.id);
        if (r.chance(0.95)) {
          contactAt = step(signedAt, 10, 600);
          ev('CONTACTED', contactAt, null, null, '经办人', 'HANDLER', '电话联系诉求人，核实诉求', lead.id);
        }
        if (early === WorkOrderStatus.ESCALATED) {
          ev(
            'ESCALATED',
            step(signedAt, 60 * 24 * 5, 60 * 24 * 7),
            WorkOrderStatus.HANDLING,
            WorkOrderStatus.ESCALATED,
            '分拨员',
            'OPERATOR',
            '五个工作日内无法办结，提级转办至区委信访局',
            ref.centre.id,
          );
        }
        if (early === WorkOrderStatus.TERMINATED) {
          ev(
            'TERMINATED',
            step(signedAt, 60 * 24, 60 * 24 * 4),
            WorkOrderStatus.HANDLING,
            WorkOrderStatus.TERMINATED,
            '分拨员',
            'OPERATOR',
            '诉求超出法律政策规定，已书面说明并终结归档',
            ref.centre.id,
          );
        }
      }
      if (target >= 3) {
        const onTime = r.chance(0.85);
        const submitted = onTime
          ? new Date(Math.min(now.getTime(), signedAt!.getTime() + r.next() * Math.max(0.1, due.dueAt.getTime() - signedAt!.getTime())))
          : step(due.dueAt, 60, 60 * 48);
        const result = r.weighted([
          [ReplyResult.RESOLVED, 60],
          [ReplyResult.PARTIALLY_RESOLVED, 15],
          [ReplyResult.EXPLAINED, 20],
          [ReplyResult.UNRESOLVED, 5],
        ] as const);
        const approved = target >= 4;
        const reviewedAt = approved ? step(submitted, 30, 600) : null;
        replies.push([
          id,
          lead.id,
          fill(r.pick(REPLY_TEMPLATES[result]), r, townName, village),
          result,
          `${r.pick(SURNAMES)}${r.pick(GIVEN_NAME_CHARS)}`,
          submitted,
          approved ? 'APPROVED' : 'PENDING',
          reviewedAt,
          null,
        ]);
        ev('REPLY_SUBMITTED', submitted, WorkOrderStatus.HANDLING, WorkOrderStatus.REPLY_REVIEW, '经办人', 'HANDLER', null, lead.id);
        if (approved) {
          repliedAt = reviewedAt;
          ev('REPLY_APPROVED', reviewedAt!, WorkOrderStatus.REPLY_REVIEW, WorkOrderStatus.REPLIED, '单位负责人', 'DEPT_LEADER', null, lead.id);
        }
      }
      if (target >= 5) {
        closedAt = step(repliedAt!, 60, 60 * 30);
        const satisfaction = r.weighted([
          [Satisfaction.SATISFIED, 80],
          [Satisfaction.BASICALLY_SATISFIED, 13],
          [Satisfaction.UNSATISFIED, 7],
        ] as const);
        if (satisfaction === Satisfaction.UNSATISFIED) reworkCount = 1;
        callbacks.push([
          id,
          true,
          satisfaction === Satisfaction.UNSATISFIED ? Satisfaction.BASICALLY_SATISFIED : satisfaction,
          satisfaction,
          satisfaction !== Satisfaction.UNSATISFIED,
          null,
          closedAt,
        ]);
        ev('CALLBACK_RECORDED', closedAt, WorkOrderStatus.REPLIED, WorkOrderStatus.CLOSED, '回访员', 'OPERATOR', null, ref.centre.id);
        for (const a of assignments.slice(assignments.length - 1 - coIds.length)) a[3] = 'DONE';
      }
      if (early === WorkOrderStatus.MERGED)
        ev(
          'MERGED',
          step(receivedAt, 30, 300),
          WorkOrderStatus.RECEIVED,
          WorkOrderStatus.MERGED,
          '分拨员',
          'OPERATOR',
          '与同一诉求人的重复工单并单',
          ref.centre.id,
        );

      orders.push([
        id,
        code,
        requestType,
        category?.id ?? null,
        title,
        content,
        sealed.citizenNameEnc ?? null,
        sealed.citizenPhoneEnc ?? null,
        sealed.citizenIdNumberEnc ?? null,
        sealed.citizenAddressEnc ?? null,
        sealed.citizenPhoneHash ?? null,
        sealed.citizenIdHash ?? null,
        sealed.citizenAnonymous,
        channelCode === 'xf',
        region.id,
        story?.address ?? `${townName}${village}${r.chance(0.5) ? r.pick(PLACES) : ''}`,
        urgency,
        cls,
        status,
        channel.id,
        leadId,
        receivedAt,
        dispatchedAt ? new Date(dispatchedAt.getTime() + HOUR_MS) : due.signDueAt,
        due.firstContactDueAt,
        due.dueAt,
        dispatchedAt,
        signedAt,
        contactAt,
        repliedAt,
        closedAt,
        reworkCount,
        returnCount,
        closedAt ?? repliedAt ?? signedAt ?? receivedAt,
      ]);
      const externalId = channelCode === '12345' ? code : `${channelCode.toUpperCase()}${shanghaiDateStamp(receivedAt)}${String(id).padStart(7, '0')}`;
      sources.push([id, channel.id, externalId, '1', null, story ? story.categoryCode : template.categoryCode, receivedAt, receivedAt]);
      if (r.chance(0.03) && !story) {
        // 多头投诉: the same matter also came in through a web platform.
        const other = ref.channels.get(r.pick(['wzjx', 'wzgz', 'board']))!;
        if (other.id !== channel.id) {
          sources.push([
            id,
            other.id,
            `${other.code.toUpperCase()}${shanghaiDateStamp(receivedAt)}${String(id).padStart(7, '0')}`,
            '1',
            null,
            null,
            step(receivedAt, 60, 3000),
            step(receivedAt, 60, 3000),
          ]);
          ev('SOURCE_ADDED', step(receivedAt, 60, 3000), null, null, other.code, null, '同一诉求经其他渠道重复反映（多头投诉）');
        }
      }
    }

    await em.transactional(async (tx) => {
      await bulkInsert(tx, 'work_order', WORK_ORDER_COLUMNS, orders);
      await bulkInsert(tx, 'work_order_source', SOURCE_COLUMNS, sources);
      await bulkInsert(tx, 'assignment', ASSIGNMENT_COLUMNS, assignments);
      await bulkInsert(tx, 'reply', REPLY_COLUMNS, replies);
      await bulkInsert(tx, 'callback', CALLBACK_COLUMNS, callbacks);
      await bulkInsert(tx, 'work_order_event', EVENT_COLUMNS, events);
    });
    done += n;
    options.onProgress?.(done);
  }
  // Maintenance: not under the hub's statement timeout (analyze evaluates the search index's expression on its sample).
  await maintenanceTransaction(em, (tx) =>
    tx.execute('analyze work_order; analyze assignment; analyze reply; analyze work_order_event; analyze work_order_source'),
  );
  return { orders: done, ms: Date.now() - started };
}

const WORK_ORDER_COLUMNS = [
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
  ['region_id', 'int'],
  ['address', 'text'],
  ['urgency', 'urgency'],
  ['time_limit_class', 'time_limit_class'],
  ['status', 'work_order_status'],
  ['channel_id', 'int'],
  ['lead_department_id', 'int'],
  ['received_at', 'timestamptz'],
  ['sign_due_at', 'timestamptz'],
  ['first_contact_due_at', 'timestamptz'],
  ['due_at', 'timestamptz'],
  ['dispatched_at', 'timestamptz'],
  ['signed_at', 'timestamptz'],
  ['first_contact_at', 'timestamptz'],
  ['replied_at', 'timestamptz'],
  ['closed_at', 'timestamptz'],
  ['rework_count', 'int'],
  ['return_count', 'int'],
  ['updated_at', 'timestamptz'],
] as const;
const SOURCE_COLUMNS = [
  ['work_order_id', 'int'],
  ['channel_id', 'int'],
  ['external_id', 'text'],
  ['external_version', 'text'],
  ['channel_status', 'text'],
  ['category_hint', 'text'],
  ['first_seen_at', 'timestamptz'],
  ['last_seen_at', 'timestamptz'],
] as const;
const ASSIGNMENT_COLUMNS = [
  ['work_order_id', 'int'],
  ['department_id', 'int'],
  ['role', 'assignment_role'],
  ['status', 'assignment_status'],
  ['assigned_at', 'timestamptz'],
  ['signed_at', 'timestamptz'],
  ['due_at', 'timestamptz'],
  ['note', 'text'],
] as const;
const REPLY_COLUMNS = [
  ['work_order_id', 'int'],
  ['department_id', 'int'],
  ['content', 'text'],
  ['result', 'reply_result'],
  ['handler_name', 'text'],
  ['submitted_at', 'timestamptz'],
  ['review_status', 'review_status'],
  ['reviewed_at', 'timestamptz'],
  ['review_note', 'text'],
] as const;
const CALLBACK_COLUMNS = [
  ['work_order_id', 'int'],
  ['contacted', 'boolean'],
  ['process_satisfaction', 'satisfaction'],
  ['result_satisfaction', 'satisfaction'],
  ['resolved', 'boolean'],
  ['comment', 'text'],
  ['called_at', 'timestamptz'],
] as const;
const EVENT_COLUMNS = [
  ['work_order_id', 'int'],
  ['type', 'work_order_event_type'],
  ['occurred_at', 'timestamptz'],
  ['actor_role', 'role'],
  ['actor_label', 'text'],
  ['actor_department_id', 'int'],
  ['from_status', 'work_order_status'],
  ['to_status', 'work_order_status'],
  ['reason', 'text'],
  ['payload', 'jsonb'],
] as const;
