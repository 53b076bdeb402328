import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { shanghaiDate, shanghaiMidnight, shiftDate } from '../common/time';
import { pgArray } from '../db/sql';
import type { EventBus } from '../events/event-bus';
import type { ReferenceCache } from '../reference/reference-cache';
import { FINISHED_STATUSES } from '../work-orders/enums';
import { publishAlerts } from './alert-publication';
import { DUE_SOON_RULE, ESCALATION_RULE, UNSIGNED_OVERDUE_DEDUCTION } from './policies';
import { SessionLock } from '../db/session-lock';
import { PeriodicJob } from '../common/periodic';
import { AlertType } from './vocabulary';

/** One advisory-lock key for the whole hub: whoever holds it runs the scans. */
const SCHEDULER_LOCK_KEY = 360704_12345;

interface Inserted {
  id: number;
  work_order_id: number;
  type: AlertType;
}

/**
 * The SLA alert scans (003 三 定期交办, 四 提级转办, 五 督办). Several hub instances may run: each tries
 * a PostgreSQL session advisory lock on its own connection, and only the holder scans; if it dies,
 * its connection (and lock) goes, and another instance takes over on its next tick. Alerts are
 * unique per (order, type, deadline), so a scan is idempotent; each new alert is published on
 * `slaAlerts` after commit.
 */
export class AlertScheduler {
  private readonly lock: SessionLock;
  private readonly job: PeriodicJob;

  constructor(
    url: string,
    private readonly fork: () => EntityManager,
    private readonly bus: EventBus,
    private readonly reference: ReferenceCache,
    private readonly log?: Logger,
    /** MINYI_ALERT_INTERVAL_SECONDS in ms, and once at start; 0: only scan() when called. */
    intervalMs = 0,
  ) {
    this.lock = new SessionLock(url, SCHEDULER_LOCK_KEY, 'minyi-hub-scheduler', log);
    this.job = new PeriodicJob({
      name: 'SLA alert scan',
      run: async (signal) => {
        if ((await this.acquire()) && !signal.aborted) await this.scan();
      },
      timing: { everyMs: intervalMs, atStart: true },
      log,
      failure: { level: 'error', message: 'SLA alert scan failed' },
    });
  }

  start(): void {
    this.job.start();
  }

  /** True once this instance holds the scheduler lock. */
  get leader(): boolean {
    return this.lock.held;
  }

  /** Tries to become the scanning instance; returns whether it is. */
  acquire(): Promise<boolean> {
    return this.lock.acquire();
  }

  /** One scan: raises every alert that is due and not raised yet; returns the new alerts. */
  async scan(now: Date = new Date()): Promise<Inserted[]> {
    const { calendar } = await this.reference.get();
    // Five working days back from today (Asia/Shanghai): orders received before that day began.
    let day = shanghaiDate(now);
    for (let counted = 0; counted < ESCALATION_RULE.afterWorkingDays; ) {
      day = shiftDate(day, -1);
      if (calendar.isWorkingDay(day)) counted++;
    }
    const escalationCutoff = shanghaiMidnight(day);
    const finished = pgArray(FINISHED_STATUSES);
    const em = this.fork();
    return em.transactional(async (tx) => {
      const raise = (sql: string, params: unknown[]) =>
        tx.execute(
          `insert into alert (work_order_id, type, department_id, due_at, deduction_points, message, raised_at)
           ${sql}
           on conflict (work_order_id, type, due_at) do nothing
           returning id, work_order_id, type`,
          params,
        ) as Promise<Inserted[]>;
      const open = `wo.status <> all(?::work_order_status[])`;
      const inserted = [
        ...(await raise(
          `select wo.id, 'UNSIGNED_OVERDUE', wo.lead_department_id, wo.sign_due_at, ?, '超期未签收，扣 ' || ? || ' 分 | Not signed for in time: ' || ? || ' point(s) deducted', ?
             from work_order wo where wo.status = 'DISPATCHED' and wo.sign_due_at < ?`,
          [UNSIGNED_OVERDUE_DEDUCTION, UNSIGNED_OVERDUE_DEDUCTION, UNSIGNED_OVERDUE_DEDUCTION, now, now],
        )),
        ...(await raise(
          `select wo.id, 'OVERDUE', wo.lead_department_id, wo.due_at, 0, '已超过办理时限 | Past its reply deadline', ?
             from work_order wo where ${open} and wo.due_at < ?`,
          [now, finished, now],
        )),
        ...(await raise(
          `select wo.id, 'DUE_SOON', wo.lead_department_id, wo.due_at, 0, '即将到期，请抓紧办理 | Due soon', ?
             from work_order wo
            where ${open} and wo.due_at >= ?
              and wo.due_at - ? < case when wo.due_at - coalesce(wo.dispatched_at, wo.received_at) >= ?::interval
                                       then ?::interval
                                       else (wo.due_at - coalesce(wo.dispatched_at, wo.received_at)) * ? end`,
          [now, finished, now, now, `${DUE_SOON_RULE.shortClockMs} milliseconds`, `${DUE_SOON_RULE.leadMs} milliseconds`, DUE_SOON_RULE.shortClockFraction],
        )),
        ...(await raise(
          `select wo.id, 'ESCALATION_SUGGESTED', wo.lead_department_id, wo.received_at, 0,
                  case when wo.return_count >= ? then '多次退单、承办单位不明，建议提级转办 | No clear handler (returned repeatedly): escalation suggested'
                       else '五个工作日内未办结，建议提级转办 | Unresolved after five working days: escalation suggested' end, ?
             from work_order wo
            where wo.status in ('RECEIVED', 'DISPATCHED', 'HANDLING', 'RETURNED')
              and (wo.received_at < ? or wo.return_count >= ?)`,
          [ESCALATION_RULE.afterReturns, now, escalationCutoff, ESCALATION_RULE.afterReturns],
        )),
        ...(await raise(
          `select s.work_order_id, 'SUPERVISION_DUE', wo.lead_department_id, s.deadline, 0, '督办期限已到：' || s.note || ' | Supervision deadline reached', ?
             from supervision s join work_order wo on wo.id = s.work_order_id
            where ${open} and s.deadline < ?`,
          [now, finished, now],
        )),
      ];
      if (inserted.length) {
        await publishAlerts(
          tx,
          this.bus,
          inserted.map((a) => a.id),
        );
        this.log?.info({ alerts: inserted.length }, 'SLA alerts raised');
      }
      return inserted;
    });
  }

  /** No new scans; waits for the scan under way (one transaction), then gives the lead up. */
  async stop(): Promise<void> {
    await this.job.stop();
    await this.lock.release();
  }
}
