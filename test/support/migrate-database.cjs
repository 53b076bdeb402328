// Applies every migration to the database at argv[2] (test/support/template.ts), from dist/; with
// `--reference-data`, seeds the county's reference data too (the second template).
require('reflect-metadata');
const { migrate, openOrm } = require('../../dist/src/db/orm');
const { seedReferenceData } = require('../../dist/src/demo/reference-seed');

(async () => {
  const orm = await openOrm(process.argv[2]);
  try {
    await migrate(orm);
    if (process.argv.includes('--reference-data')) await seedReferenceData(orm.em.fork());
  } finally {
    await orm.close(true);
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
