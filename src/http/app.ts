import { randomUUID } from 'node:crypto';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { ruruHTML } from 'ruru/server';
import { serveStatic } from 'ruru/static';
import type { Logger } from 'pino';
import { pendingMigrations } from '../db/orm';
import { isDatabaseUnavailable } from '../db/unavailable';
import type { HubServices } from '../services';
import { httpDuration, methodLabel, metricsRegistry, routeLabel, statusLabel } from './metrics';
import { pushIntakeRouter } from './push-intake';
import { reportDownloadRouter } from './report-download';
import { oidcRouter } from '../auth/oidc/oidc.router';
import { cors } from './cors';
import { errorHandler, notFoundHandler } from './error-response';

const RURU_STATIC = '/graphql/ruru-static/';

declare module 'express-serve-static-core' {
  interface Request {
    id: string;
  }
}

/**
 * The HTTP edge: request ids and logs, health and readiness, metrics, and the offline GraphiQL
 * (Ruru, bundled from npm). The GraphQL handler itself is mounted by the caller.
 */
export function createHttpApp(services: HubServices, log: Logger, channelSecrets: () => Map<string, string[]> = () => new Map()): Express {
  const app = express();
  app.disable('x-powered-by');

  app.use((req: Request, res: Response, next: NextFunction) => {
    const incoming = req.header('x-request-id');
    req.id = incoming && /^[\w.:-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', req.id);
    const started = process.hrtime.bigint();
    // Read now: a mounted router (/graphql) rewrites req.path while it handles the request.
    const route = routeLabel(req.path);
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      // Fixed label sets (metrics.ts): raw paths or methods would make a series per random URL.
      httpDuration.observe({ method: methodLabel(req.method), route, status: statusLabel(res.statusCode) }, seconds);
      log.debug({ requestId: req.id, method: methodLabel(req.method), route, status: res.statusCode, ms: Math.round(seconds * 1000) }, 'request');
    });
    next();
  });

  app.use(cors(services.config.corsOrigins));

  // 503 once the hub knows it cannot recover by itself (its embedded PostgreSQL exited: hub.ts).
  app.get('/healthz', (req, res) => {
    const problem = (req.app.locals as { unhealthy?: () => string | null }).unhealthy?.();
    if (problem) res.status(503).json({ status: problem });
    else res.json({ status: 'ok' });
  });

  // Its own deadline (MINYI_READY_TIMEOUT_MS): a hung database gets a prompt 503, not a hung probe.
  app.get('/readyz', async (_req, res) => {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), services.config.readyTimeoutMs)));
    const check = (async () => {
      await services.orm.em.fork().execute('select 1');
      return pendingMigrations(services.orm);
    })();
    try {
      const pending = await Promise.race([check, deadline]);
      if (pending === 'timeout') {
        check.catch(() => undefined); // settles later (its own deadlines), unobserved
        log.warn({ ms: services.config.readyTimeoutMs }, 'readiness check: the database did not answer in time');
        res.status(503).json({ status: 'database unreachable' });
      } else if (pending.length) {
        res.status(503).json({ status: 'migrations pending', pending });
      } else {
        res.json({ status: 'ready' });
      }
    } catch (error) {
      const unavailable = isDatabaseUnavailable(error);
      log.warn({ err: unavailable ? (error as Error).message : error }, 'readiness check failed');
      res.status(503).json({ status: unavailable ? 'database unreachable' : 'not ready' });
    } finally {
      clearTimeout(timer);
    }
  });

  // Browsers ask for it on every page (GraphiQL): no icon, and no 404 in their console.
  app.get('/favicon.ico', (_req, res) => {
    res.status(204).end();
  });

  app.get('/metrics', async (_req, res) => {
    res.setHeader('Content-Type', metricsRegistry.contentType);
    res.send(await metricsRegistry.metrics());
  });

  // Channel owners push here (push-api.md): signed, idempotent, per-record results.
  const intake = services.connectors.pushIntake();
  if (intake) app.use(pushIntakeRouter(services, intake, channelSecrets, log));
  app.use(reportDownloadRouter(services, log)); // 热线月报 files: signed links or analytics tokens
  app.use(oidcRouter(services, log)); // single sign-on (MINYI_OIDC_*): /auth/oidc/login and /callback

  const ruruAssets = serveStatic(RURU_STATIC);
  app.use((req, res, next) => (req.path.startsWith(RURU_STATIC) ? ruruAssets(req, res, next) : next()));

  // A browser asking for /graphql gets GraphiQL; API clients (GET with ?query= or POST) get GraphQL.
  app.get('/graphql', (req, res, next) => {
    const best = req.accepts(['application/json', 'application/graphql-response+json', 'text/html']);
    if (req.query.query !== undefined || best !== 'text/html') {
      next();
      return;
    }
    res.type('html').send(
      ruruHTML({
        endpoint: '/graphql',
        subscriptionEndpoint: `ws://${req.headers.host ?? 'localhost'}/graphql`,
        staticPath: RURU_STATIC,
      }),
    );
  });

  return app;
}

/** After every route (GraphQL is mounted last): JSON 404 for unknown paths, then the JSON error handler. */
export function finishHttpApp(app: Express, log: Logger): void {
  app.use(notFoundHandler);
  app.use(errorHandler(log));
}
