import { createServer } from 'node:http';
import { Pool, type PoolClient } from 'pg';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';

/**
 * PostGraphile v5 as a peer server for `npm run bench:api` (issue 15): the stock Amber preset over
 * the hub's own tables (schema `public`, the one the hub's migrations create), in its own process,
 * with no plugin, smart tag or SQL function added and nothing changed in the database. The relations the frontend list and the order
 * page need all come from the hub's foreign keys (work_order → channel, lead department, category;
 * reply, assignment, callback, work_order_event, work_order_source → work_order); "latest reply" is
 * the reverse relation ordered newest first with `first: 1`. One option differs from Amber's
 * defaults: PgIndexBehaviorsPlugin is disabled (as v4's default `ignoreIndexes: true`: order
 * and filter by unindexed columns too), so the order page can sort an order's assignments,
 * callbacks and sources by their time columns as the hub does (a sort of a few child rows).
 *
 * No authentication and no row-level security are configured: every request sees every row, so its
 * figures are an upper bound for what an equally protected PostGraphile would do.
 *
 * Same pool size as the hub (10). GET /stats answers `{ statements }`: every statement sent on the
 * pool's connections (counted on `client.query`), for SQL per request.
 *
 * Env: DATABASE_URL, PORT (0: a free port). Prints "postgraphile listening on <port>" when ready.
 */
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
let statements = 0;
pool.on('connect', (client: PoolClient) => {
  const query = client.query as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = function (this: PoolClient, ...args: unknown[]) {
    statements++;
    return query.apply(this, args);
  };
});

const preset: GraphileConfig.Preset = {
  extends: [PostGraphileAmberPreset],
  disablePlugins: ['PgIndexBehaviorsPlugin'],
  pgServices: [makePgService({ pool, schemas: ['public'] })],
  grafserv: { graphqlPath: '/graphql', graphiql: false, watch: false },
  grafast: { explain: false },
};

async function main() {
  const pgl = postgraphile(preset);
  await pgl.getSchema(); // build (introspect) before announcing the port
  const serv = pgl.createServ(grafserv);
  const handler = serv.createHandler();
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/stats') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ statements }));
      return;
    }
    handler(req, res);
  });
  const shutdown = () => {
    server.close();
    void Promise.resolve(pgl.release())
      .then(() => pool.end())
      .finally(() => process.exit(0));
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
    const address = server.address();
    console.log(`postgraphile listening on ${typeof address === 'object' && address ? address.port : ''}`);
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
