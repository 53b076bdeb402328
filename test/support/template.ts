/**
 * The migrated template every test database is copied from (database.ts createTestDatabase): made
 * once by globalSetup, dropped by globalTeardown. The migrations run in a child process over dist/
 * (built by globalSetup first): jest's parent process must not load MikroORM, whose global metadata
 * would then belong to another realm than a test file run in band.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';

/** One statement on the test server's admin database (create, drop). */
export async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The URL of database `name` on the server of `adminUrl`. */
export function urlOf(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Creates and migrates a template on the server of `adminUrl` (copied from `from` when given); with
 * `referenceData`, the county's reference data seeded too (seedReferenceData). Returns its name.
 */
export async function createMigratedTemplate(adminUrl: string, options: { referenceData?: boolean; from?: string } = {}): Promise<string> {
  const name = `minyi_template_${randomBytes(5).toString('hex')}`;
  await adminQuery(adminUrl, `create database "${name}"${options.from ? ` template "${options.from}"` : ''}`);
  execFileSync(process.execPath, [join(__dirname, 'migrate-database.cjs'), urlOf(adminUrl, name), ...(options.referenceData ? ['--reference-data'] : [])], {
    stdio: 'inherit',
  });
  return name;
}

export async function dropTemplate(adminUrl: string | undefined, name: string | undefined): Promise<void> {
  if (adminUrl && name) await adminQuery(adminUrl, `drop database if exists "${name}" with (force)`);
}
