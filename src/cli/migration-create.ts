import '../common/compile-cache';
import 'reflect-metadata';
import { loadConfig } from '../config/config';
import { openCliDatabase, runCli } from './open-database';

/**
 * Writes a migration for the difference between the entities and the current database
 * (after applying pending migrations). Usage: npm run migration:create [-- --initial]
 */
async function main() {
  const config = loadConfig();
  const db = await openCliDatabase(config);
  try {
    const migrator = db.orm.getMigrator();
    const initial = process.argv.includes('--initial');
    const result = await migrator.createMigration('migrations', false, initial);
    if (!result.fileName) console.log('No schema changes: no migration written.');
    else console.log(`Wrote migrations/${result.fileName}: add it to migrations/index.ts`);
  } finally {
    await db.close();
  }
}

runCli(main);
