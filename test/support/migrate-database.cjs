// Applies every migration to the database at argv[2] (test/support/template.ts), from dist/.
require('reflect-metadata');
const { migrate, openOrm } = require('../../dist/src/db/orm');

(async () => {
  const orm = await openOrm(process.argv[2]);
  try {
    await migrate(orm);
  } finally {
    await orm.close(true);
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
