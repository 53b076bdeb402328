import { SharedTtlCache } from './common/ttl-cache';
import type { MonthlyReport } from './analytics/report';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { HubConfig } from './config/config';
import type { Orm } from './db/orm';
import type { EventBus } from './events/event-bus';
import type { DataCipher } from './pii/cipher';
import { DispatchSuggestionService } from './dispatch/dispatch-suggestion.service';
import { DutyScheduleService } from './dispatch/duty-schedule.service';
import { HardCaseQueries } from './dispatch/hard-case.query';
import { IngestService } from './ingest/ingest.service';
import { IngestOpsService } from './ingest/ingest-ops.service';
import type { PullConnector } from './ingest/connector';
import type { ConnectorCatalog } from './ingest/connector-catalog';
import { SyncRunner } from './ingest/sync-runner';
import { OutboxWorker } from './ingest/outbox-worker';
import { TextAnalyzer } from './hot-issues/analyzer';
import { HotIssueService } from './hot-issues/hot-issue.service';
import { ReferenceCache } from './reference/reference-cache';
import { SharedDocuments } from './graphql/shared-documents';
import { SlaAdminService } from './sla/sla-admin.service';
import { SlaService } from './sla/sla.service';
import { LifecycleService } from './work-orders/lifecycle.service';
import { CitizenService } from './work-orders/citizen.service';
import { WorkOrderQueries } from './work-orders/work-order.query';
import { WorkOrderService } from './work-orders/work-order.service';
import { createRequestRateLimits, type RequestRateLimits } from './http/rate-limit';
import { TokenCache } from './auth/token-cache';

/**
 * The hub's services, built once per process. They hold no per-request or per-instance
 * state beyond connections: several hub instances can serve the same database.
 */
export interface HubServices {
  config: HubConfig;
  orm: Orm;
  cipher: DataCipher;
  bus: EventBus;
  workOrders: WorkOrderService;
  workOrderQueries: WorkOrderQueries;
  citizens: CitizenService;
  referenceCache: ReferenceCache;
  lifecycle: LifecycleService;
  dispatchSuggestions: DispatchSuggestionService;
  dutySchedules: DutyScheduleService;
  hardCases: HardCaseQueries;
  sla: SlaService;
  slaAdmin: SlaAdminService;
  ingest: IngestService;
  ingestOps: IngestOpsService;
  syncRunner: SyncRunner;
  /** Delivers write-backs to the origins (统一回复回传). */
  outbox: OutboxWorker;
  /** Documents behind published events, read once for all their subscribers. */
  sharedDocuments: SharedDocuments;
  /** The connector definitions this hub was composed with: mappings, origin rules, write-back, push intake. */
  connectors: ConnectorCatalog;
  /** The configured pull connectors by channel code (set by the hub at start). */
  pullConnectors: () => ReadonlyMap<string, PullConnector>;
  /** 重复投诉 / 多头投诉 / 热点: the text analyser (started by the hub) and operators' decisions. */
  textAnalyzer: TextAnalyzer;
  hotIssues: HotIssueService;
  /** 热线月报 data by month, shared for MINYI_REPORT_CACHE_SECONDS (the same for every analytics role). */
  monthlyReports: SharedTtlCache<MonthlyReport>;
  /** Request rate per token / remote address, in memory on this instance (http/rate-limit.ts). */
  rateLimits: RequestRateLimits;
  /** Verified bearer tokens, briefly, on this instance; revocations drop them at once (auth/token-cache.ts). */
  tokenCache: TokenCache;
}

export function createServices(
  config: HubConfig,
  orm: Orm,
  cipher: DataCipher,
  bus: EventBus,
  dbUrl: string,
  /** The connector definitions the hub was composed with (the one connector list, via the composition root). */
  connectors: ConnectorCatalog,
  pullConnectors: ReadonlyMap<string, PullConnector> = new Map(),
  log?: Logger,
): HubServices {
  const workOrderQueries = new WorkOrderQueries();
  const dutySchedules = new DutyScheduleService();
  const referenceCache = new ReferenceCache(() => orm.em.fork() as EntityManager);
  const sla = new SlaService(referenceCache);
  const workOrders = new WorkOrderService(cipher, bus, sla);
  const lifecycle = new LifecycleService(bus, sla, {
    returnWindowHours: config.returnWindowHours,
    writeBackTargets: (kind) => connectors.writeBackTargets(kind),
  });
  const tokenCache = new TokenCache();
  tokenCache.listenTo(bus);
  const ingest = new IngestService(cipher, workOrders, bus, { rulesFor: (code) => connectors.originRules(code), lifecycle }, log);
  return {
    config,
    orm,
    cipher,
    bus,
    workOrders,
    workOrderQueries,
    dispatchSuggestions: new DispatchSuggestionService(),
    dutySchedules,
    hardCases: new HardCaseQueries(dutySchedules),
    citizens: new CitizenService(cipher, workOrderQueries),
    referenceCache,
    sharedDocuments: new SharedDocuments(() => orm.em.fork() as EntityManager),
    sla,
    slaAdmin: new SlaAdminService(),
    ingest,
    ingestOps: new IngestOpsService(cipher, ingest, (code) => connectors.mapperFor(code)),
    syncRunner: new SyncRunner(dbUrl, () => orm.em.fork() as EntityManager, ingest, log),
    pullConnectors: () => pullConnectors,
    outbox: new OutboxWorker(
      () => orm.em.fork() as EntityManager,
      () => pullConnectors,
      connectors,
      ingest,
      log,
      config.outboxIntervalSeconds * 1000,
    ),
    connectors,
    lifecycle,
    textAnalyzer: new TextAnalyzer(dbUrl, () => orm.em.fork() as EntityManager, bus, lifecycle, config.hotPolicy, log),
    hotIssues: new HotIssueService(bus, lifecycle),
    monthlyReports: new SharedTtlCache<MonthlyReport>(config.reportCacheSeconds * 1000),
    rateLimits: createRequestRateLimits(config.rateLimit),
    tokenCache,
  };
}
