import type { HubConfig } from '../config/config';
import type { Database } from '../db/database';
import type { SyncRun } from '../entities';
import type { SyncRunner } from '../ingest/sync-runner';
import { connectorCatalog, withStandaloneRunner } from '../composition';
import { progressBar } from './progress';

/** The connector definitions, from the composition root (the one list, as the hub has it). */
const connectors = connectorCatalog();

/** The ingestion runtime outside a running hub (the CLI's sync and import). */
const withRunner = <T>(config: HubConfig, db: Database, body: (runner: SyncRunner) => Promise<T>) => withStandaloneRunner(config, db, connectors, body);

function summary(run: SyncRun | null) {
  return (
    run && {
      status: run.status,
      pages: run.pages,
      created: run.created,
      updated: run.updated,
      unchanged: run.unchanged,
      superseded: run.superseded,
      quarantined: run.quarantined,
      retries: run.retries,
      errors: run.errors,
      notices: run.notices,
    }
  );
}

/** `npm run minyi -- sync CODE`: one pull of a configured channel, outside a running hub. */
export async function syncOnce(config: HubConfig, db: Database, code: string) {
  const configured = connectors.configured();
  const connector = configured.get(code);
  if (!connector) throw new Error(`No pull connector is configured for ${code} (set MINYI_${code.toUpperCase()}_URL and its credentials)`);
  try {
    return summary(await withRunner(config, db, (runner) => runner.run(connector, 'CLI')));
  } finally {
    for (const c of configured.values()) c.close?.();
  }
}

/**
 * `npm run minyi -- import 12328 FILE`: one file of a channel that delivers files (12328: CSV or XLSX) imported now, with a progress
 * bar; the file then counts as processed for the drop folder (same checkpoint).
 */
export async function importFile(config: HubConfig, db: Database, code: string, file: string) {
  const definition = connectors.of(code);
  const read = definition?.importFile;
  if (!definition || !read)
    throw new Error(
      `import takes ${connectors.definitions
        .filter((d) => d.importFile)
        .map((d) => d.manifest.code)
        .join(', ')} files only (got ${code})`,
    );
  const connector = { manifest: definition.manifest, map: definition.map };
  return summary(
    await withRunner(config, db, (runner) =>
      runner.importPage(connector, (checkpoint) => read(file, { checkpoint, onProgress: progressBar('读取 reading ') }), progressBar('导入 importing')),
    ),
  );
}
