import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../src/db/embedded';

/**
 * Runs once, in jest's parent process: builds dist/ (tests that spawn `node dist/src/main.js`
 * run exactly what `npm start` runs) and starts one real PostgreSQL — the embedded one, or the
 * server in DATABASE_URL — on which every test file creates its own database.
 */
export default async function globalSetup(): Promise<void> {
  execFileSync(process.execPath, [join(__dirname, '..', '..', 'scripts', 'build.mjs')], { stdio: 'inherit' });
  if (process.env.DATABASE_URL) {
    process.env.MINYI_TEST_ADMIN_URL = process.env.DATABASE_URL;
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'minyi-test-pg-'));
  chmodSync(dir, 0o755); // as root, PostgreSQL runs as the postgres user and must enter it
  const pg = await startEmbeddedPostgres(join(dir, 'postgres'), { database: 'postgres' });
  process.env.MINYI_TEST_ADMIN_URL = pg.url;
  (globalThis as { __MINYI_PG__?: typeof pg }).__MINYI_PG__ = pg;
}
