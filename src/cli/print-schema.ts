import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderSchema } from '../graphql/sdl';

/** `npm run schema`: writes schema/schema.graphql from the code (a test fails when they differ). */
async function main() {
  const file = join(__dirname, '..', '..', '..', 'schema', 'schema.graphql');
  writeFileSync(file, await renderSchema());
  console.log(`wrote ${file}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
