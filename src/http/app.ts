import { randomUUID } from 'node:crypto';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { ruruHTML } from 'ruru/server';
import { serveStatic } from 'ruru/static';
import type { Logger } from 'pino';
import { pendingMigrations } from '../db/orm';
import type { HubServices } from '../services';
import { httpDuration, metricsRegistry } from './metrics';
import { pushIntakeRouter } from '../../connectors/push/intake';
import { reportDownloadRouter } from './report-download';

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
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = req.path.startsWith('/graphql') ? '/graphql' : req.path;
      httpDuration.observe({ method: req.method, route, status: String(res.statusCode) }, seconds);
      log.debug({ requestId: req.id, method: req.method, path: req.path, status: res.statusCode, ms: Math.round(seconds * 1000) }, 'request');
    });
    next();
  });

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', async (_req, res) => {
    try {
      await services.orm.em.fork().execute('select 1');
      const pending = await pendingMigrations(services.orm);
      if (pending.length) {
        res.status(503).json({ status: 'migrations pending', pending });
        return;
      }
      res.json({ status: 'ready' });
    } catch (error) {
      log.warn({ err: error }, 'readiness check failed');
      res.status(503).json({ status: 'database unreachable' });
    }
  });

  app.get('/metrics', async (_req, res) => {
    res.setHeader('Content-Type', metricsRegistry.contentType);
    res.send(await metricsRegistry.metrics());
  });

  // Channel owners push here (push-api.md): signed, idempotent, per-record results.
  app.use(pushIntakeRouter(services, channelSecrets, log));
  app.use(reportDownloadRouter(services, log)); // 热线月报 files: signed links or analytics tokens

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
