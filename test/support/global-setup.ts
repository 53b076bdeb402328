import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../src/db/embedded';
import { createMigratedTemplate } from './template';

/**
 * Runs once, in jest's parent process: builds dist/ (tests that spawn `node dist/src/main.js`
 * run exactly what `npm start` runs) and starts one real PostgreSQL — the embedded one, or the
 * server in DATABASE_URL — on which every test file creates its own database.
 */
export default async function globalSetup(): Promise<void> {
  execFileSync(process.execPath, [join(__dirname, '..', '..', 'scripts', 'build.mjs')], { stdio: 'inherit' });
  if (process.env.DATABASE_URL) {
    process.env.MINYI_TEST_ADMIN_URL = process.env.DATABASE_URL;
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'minyi-test-pg-'));
    chmodSync(dir, 0o755); // as root, PostgreSQL runs as the postgres user and must enter it
    const pg = await startEmbeddedPostgres(join(dir, 'postgres'), { database: 'postgres' });
    process.env.MINYI_TEST_ADMIN_URL = pg.url;
    (globalThis as { __MINYI_PG__?: typeof pg }).__MINYI_PG__ = pg;
  }
  // Every migration applied once, to a template each test database is copied from (about 0.1 s a
  // copy instead of about 1 s of migrations per test file); test/migrations.test.ts still migrates
  // an empty database itself.
  process.env.MINYI_TEST_TEMPLATE = await createMigratedTemplate(process.env.MINYI_TEST_ADMIN_URL!);
  // And one with the county's reference data (startTestHub and most suites): about 1 s of
  // seedReferenceData per test hub saved.
  process.env.MINYI_TEST_REFERENCE_TEMPLATE = await createMigratedTemplate(process.env.MINYI_TEST_ADMIN_URL!, {
    referenceData: true,
    from: process.env.MINYI_TEST_TEMPLATE,
  });
}
