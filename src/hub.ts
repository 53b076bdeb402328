import 'reflect-metadata';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { HubConfig } from './config/config';
import { createLogger } from './common/logger';
import { openDatabase, type Database } from './db/database';
import { createDemoTokens, databaseIsEmpty, seedDemoCounty } from './demo/seed';
import { Topics } from './events/topics';
import { PgEventBus } from './events/pg-event-bus';
import { RedisEventBus } from './events/redis-event-bus';
import type { EventBus } from './events/event-bus';
import { eventLogPruner } from './events/event-log-prune';
import { rollupCompactor } from './analytics/rollup/compactor';
import { buildHubSchema } from './graphql/schema';
import { createHttpApp, finishHttpApp } from './http/app';
import { mountGraphqlHttp } from './http/graphql-http';
import { mountGraphqlWs } from './http/graphql-ws';
import { initMetrics } from './http/metrics';
import { DataCipher } from './pii/cipher';
import { resolveDataKey } from './pii/data-key';
import { AlertScheduler } from './sla/alert-scheduler';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createServices, type HubServices } from './services';
import type { PullConnector } from './ingest/connector';
import type { ConnectorDefinition } from './ingest/connector-definition';
import { PullScheduler } from './ingest/pull-scheduler';
import type { BackgroundJob } from './common/periodic';
import { demoPollEnv, startDemoTrickle, type DemoTrickle } from './demo/trickle/trickle';
import { connectorCatalog } from './composition';

export interface Hub {
  url: string;
  wsUrl: string;
  port: number;
  services: HubServices;
  database: Database;
  httpServer: Server;
  scheduler: AlertScheduler;
  /** Where the demo tokens were written, when this start seeded the demo county. */
  demoTokensFile?: string;
  /** The demo channels' trickle of records, in demo mode (null when off). */
  demoTrickle: DemoTrickle | null;
  stop(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  /** Reuse an open database (tests); otherwise DATABASE_URL or the embedded PostgreSQL. */
  database?: Database;
  /** Pull connectors by channel code (default: those the environment configures). */
  pullConnectors?: ReadonlyMap<string, PullConnector>;
  /** The channel connectors the hub is built with (default: CONNECTORS, the one list). */
  connectors?: readonly ConnectorDefinition[];
  /**
   * The embedded PostgreSQL exited on its own (killed, crashed): the hub cannot recover by itself.
   * Logged fatal here and /healthz answers 503 from then on; main.ts exits non-zero so that a
   * supervisor restarts the hub and its database together.
   */
  onDatabaseExit?: (exit: { code: number | null; signal: string | null }) => void;
}

/**
 * Starts the hub: database (embedded or DATABASE_URL) with migrations applied, the demo county
 * when due, the event bus, GraphQL over HTTP and WebSocket on one port, health and metrics.
 */
export async function startHub(config: HubConfig, options: StartOptions = {}): Promise<Hub> {
  const log = options.logger ?? createLogger(config.logLevel);
  initMetrics();
  const database = options.database ?? (await openDatabase(config, { migrate: true, onLog: (line) => log.trace({ postgres: line.trim() }, 'postgres') }));
  let databaseGone: string | null = null;
  database.onUnexpectedExit?.((exit) => {
    databaseGone = 'database process exited';
    log.fatal({ code: exit.code, signal: exit.signal }, 'embedded PostgreSQL exited unexpectedly');
    options.onDatabaseExit?.(exit);
  });
  try {
    if (database.migrationsApplied.length) log.info({ migrations: database.migrationsApplied }, 'migrations applied');
    const cipher = new DataCipher(resolveDataKey(config.dataKey, config.dataDir, log));

    let demoTokensFile: string | undefined;
    const em = database.orm.em.fork();
    const demoMode = database.embedded || config.demo;
    if (demoMode && (await databaseIsEmpty(em))) {
      log.info({ orders: config.demoOrders }, 'empty database: seeding the demo county (赣县区)');
      const seeded = await seedDemoCounty(em, cipher, { orders: config.demoOrders, dataDir: config.dataDir });
      demoTokensFile = seeded.tokensFile;
    }

    const fork = () => database.orm.em.fork() as EntityManager;
    // LISTEN and session advisory locks need a session of their own: direct to PostgreSQL even when
    // DATABASE_URL goes through PgBouncer in transaction mode (DATABASE_SESSION_URL).
    const sessionUrl = database.sessionUrl ?? database.url;
    const topics: string[] = Object.values(Topics);
    const bus: EventBus = config.redisUrl
      ? await RedisEventBus.start({
          redisUrl: config.redisUrl,
          fork,
          topics,
          prefix: `minyi:${new URL(database.url).pathname.slice(1)}:`,
          relayIntervalMs: config.eventRelayIntervalMs,
          log,
        })
      : await PgEventBus.start(sessionUrl, topics, log);
    // The composition root (composition.ts) hands the one list of connectors to the runtime, which names none of them.
    const connectors = connectorCatalog(options.connectors);
    // Push intake secrets from the environment, like the pull connectors' configuration; demo mode:
    // generated once into the data directory so a newcomer can sign requests.
    const channelSecrets = connectors.pushSecrets(process.env, demoMode ? { demoDataDir: config.dataDir } : {});
    // One map for the services and the scheduler; the demo trickle adds its connectors once it runs.
    const pullConnectors = new Map<string, PullConnector & { close?: () => void }>(options.pullConnectors ?? connectors.configured());
    const services = createServices(config, database.orm, cipher, bus, sessionUrl, connectors, pullConnectors, log);
    services.referenceCache.follow(bus, log);
    const pullScheduler = new PullScheduler(services.syncRunner, log, (code) => connectors.of(code)?.pollSeconds);
    pullScheduler.add(pullConnectors);
    const scheduler = new AlertScheduler(sessionUrl, fork, bus, services.referenceCache, log, config.alertIntervalSeconds * 1000);
    // Every background job, each on its PeriodicJob (common/periodic.ts): started and stopped through this one list.
    const jobs: BackgroundJob[] = [
      eventLogPruner(fork, config.eventRetentionHours * 3_600_000, log),
      rollupCompactor(fork, config.rollupCompactSeconds * 1000, log),
      pullScheduler,
      services.outbox,
      services.textAnalyzer,
      scheduler,
    ];
    for (const job of jobs) job.start();
    const schema = await buildHubSchema(bus.pubSub);
    const app = createHttpApp(services, log, () => channelSecrets);
    app.locals.unhealthy = () => databaseGone; // /healthz
    const httpServer = createServer(app);
    const ws = mountGraphqlWs(httpServer, schema, services, log);
    const apollo = await mountGraphqlHttp(app, httpServer, schema, services, log, [
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await ws.close();
            },
          };
        },
      },
    ]);
    finishHttpApp(app, log);

    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(config.port, config.host, () => resolve());
    });
    const port = (httpServer.address() as AddressInfo).port;
    const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;

    // Demo mode: simulated channels feed the hub (configured connectors win over their simulators).
    let demoTrickle: DemoTrickle | null = null;
    if (demoMode && config.demoTricklePerMinute > 0) {
      const selfHost = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : host;
      demoTrickle = await startDemoTrickle({
        perMinute: config.demoTricklePerMinute,
        dataDir: config.dataDir,
        hubOrigin: `http://${selfHost}:${port}`,
        pushSecrets: channelSecrets,
        configured: pullConnectors.keys(),
        channels: connectors.demoChannels(),
        bursts: { everyMinutes: config.demoBurstMinutes },
        log,
      });
      for (const [code, connector] of demoTrickle.connectors) pullConnectors.set(code, connector);
      pullScheduler.add(demoTrickle.connectors, demoPollEnv(demoTrickle.connectors.keys(), config.demoPollSeconds));
    }

    let stopped = false;
    return {
      url: `http://${host}:${port}/graphql`,
      wsUrl: `ws://${host}:${port}/graphql`,
      port,
      services,
      database,
      httpServer,
      scheduler,
      demoTokensFile,
      demoTrickle,
      async stop() {
        if (stopped) return;
        stopped = true;
        // Every background job stops at once: queued work is abandoned (it is picked up on the next
        // start), each waits only for the statement or delivery in flight.
        const stopping = new Map(jobs.map((job) => [job, job.stop()]));
        await stopping.get(pullScheduler); // runs end at their next page (a run waiting to retry ends at once) before simulators and the database go
        await demoTrickle?.stop(); // its push channel sends through this hub's HTTP server
        await apollo.stop(); // drains HTTP (in-flight requests finish) and closes WebSockets
        await Promise.all(stopping.values());
        for (const connector of pullConnectors.values()) (connector as { close?: () => void }).close?.();
        await bus.close();
        if (!options.database) await database.close(); // stops the embedded PostgreSQL too
      },
    };
  } catch (error) {
    if (!options.database) await database.close().catch(() => undefined);
    throw error;
  }
}

export { createDemoTokens };
