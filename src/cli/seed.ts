import '../common/compile-cache';
import 'reflect-metadata';
import { ConfigError, loadConfig } from '../config/config';
import { createDemoTokens, databaseIsEmpty } from '../demo/seed';
import { generateDemoOrders } from '../demo/generator';
import { seedReferenceData } from '../demo/reference-seed';
import { DataCipher } from '../pii/cipher';
import { resolveDataKey } from '../pii/data-key';
import { parseArgs } from './args';
import { openCliDatabase, runCli } from './open-database';

const USAGE = `Usage: npm run seed -- [--orders N] [--reference-only] [--tokens]
  Loads the county's reference data (regions, departments, channels, categories, 职责清单) where
  missing, then generates N demo work orders (default 1000) spread over the last three months.
  --reference-only   only the reference data
  --tokens           also write one demo token per role to <data dir>/demo-tokens.json`;

async function main() {
  const { options } = parseArgs(process.argv.slice(2));
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const orders = options.orders === undefined ? 1000 : Number(options.orders);
  if (!Number.isInteger(orders) || orders < 0) throw new ConfigError([`--orders must be a whole number (--orders 须为整数)\n${USAGE}`]);
  const config = loadConfig();
  const db = await openCliDatabase(config);
  try {
    const em = db.orm.em.fork();
    const cipher = new DataCipher(resolveDataKey(config.dataKey, config.dataDir));
    const firstSeed = await databaseIsEmpty(em);
    const { inserted } = await seedReferenceData(em);
    console.log(`reference data: ${inserted} rows inserted`);
    if (!options['reference-only'] && orders > 0) {
      let last = 0;
      const result = await generateDemoOrders(em, cipher, {
        orders,
        seed: Date.now() & 0xffff,
        onProgress: (done) => {
          if (done - last >= 10000 || done === orders) {
            console.log(`  ${done} / ${orders} orders`);
            last = done;
          }
        },
      });
      console.log(`generated ${result.orders} work orders in ${(result.ms / 1000).toFixed(1)} s`);
    }
    if (options.tokens || (firstSeed && db.embedded)) {
      const { file } = await createDemoTokens(em, config.dataDir);
      console.log(`demo tokens written to ${file}`);
    }
  } finally {
    await db.close();
  }
}

runCli(main);
