import { randomBytes } from 'node:crypto';
import { migrate, openOrm, type Orm } from '../../src/db/orm';
import type { Database } from '../../src/db/database';
import { adminQuery, urlOf } from './template';

function adminUrl(): string {
  const url = process.env.MINYI_TEST_ADMIN_URL;
  if (!url) throw new Error('MINYI_TEST_ADMIN_URL is not set: run the tests through jest (globalSetup)');
  return url;
}

export function databaseUrl(name: string): string {
  return urlOf(adminUrl(), name);
}

/** A fresh database on the test server (one per test file): empty, or a copy of `template`. */
export async function createEmptyDatabase(prefix = 'minyi_test', template?: string): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  await adminQuery(adminUrl(), `create database "${name}"${template ? ` template "${template}"` : ''}`);
  return {
    name,
    url: databaseUrl(name),
    drop: () => adminQuery(adminUrl(), `drop database if exists "${name}" with (force)`),
  };
}

/**
 * A fresh database with every migration applied, wrapped like the hub's own Database: a copy of
 * the migrated template (MINYI_TEST_TEMPLATE, made by globalSetup), migrated again (a no-op unless
 * the template lags), or an empty one migrated. `referenceData`: a copy of the template that also
 * holds the county's reference data (MINYI_TEST_REFERENCE_TEMPLATE: seedReferenceData's result).
 */
export async function createTestDatabase(options: { referenceData?: boolean } = {}): Promise<Database & { orm: Orm }> {
  const template = options.referenceData ? process.env.MINYI_TEST_REFERENCE_TEMPLATE : process.env.MINYI_TEST_TEMPLATE;
  if (options.referenceData && !template) throw new Error('MINYI_TEST_REFERENCE_TEMPLATE is not set: run the tests through jest (globalSetup)');
  const empty = await createEmptyDatabase('minyi_test', template);
  const orm = await openOrm(empty.url);
  const applied = await migrate(orm);
  return {
    orm,
    url: empty.url,
    embedded: false,
    migrationsApplied: applied,
    async close() {
      await orm.close(true);
      await empty.drop();
    },
  };
}
