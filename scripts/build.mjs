// Compiles the TypeScript sources to dist/ with SWC (about a second), keeping the tree
// layout so `node dist/src/main.js` runs. Type checking is `tsc --noEmit` in `npm test`.
import { transformFile } from '@swc/core';
import { createRequire } from 'node:module';
import { mkdir, readdir, readFile, rename, writeFile, stat } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const options = require('./swc-options.cjs');
const roots = ['src', 'migrations', 'connectors', 'bench', 'mikro-orm.config.ts'];

async function* walk(path) {
  const info = await stat(path).catch(() => null);
  if (!info) return;
  if (info.isFile()) {
    if (path.endsWith('.ts') && !path.endsWith('.d.ts') && !path.endsWith('.test.ts')) yield path;
    return;
  }
  for (const entry of await readdir(path)) yield* walk(join(path, entry));
}

/**
 * Writes a built file only when its content changed, and then whole (a temporary file renamed over
 * it): a hub, CLI or test process reading dist/ while another build runs (`npm start`, `npm run minyi`
 * build first) never loads a half-written module.
 */
async function writeIfChanged(path, content) {
  const current = await readFile(path, 'utf8').catch(() => null);
  if (current === content) return;
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, content);
  await rename(temporary, path);
}

let count = 0;
for (const r of roots) {
  for await (const file of walk(join(root, r))) {
    const rel = relative(root, file);
    const out = join(root, 'dist', rel.replace(/\.ts$/, '.js'));
    const result = await transformFile(file, { ...options, filename: file, sourceFileName: file, swcrc: false, configFile: false });
    await mkdir(dirname(out), { recursive: true });
    await writeIfChanged(out, `${result.code}\n//# sourceMappingURL=${out.split('/').pop()}.map\n`);
    if (result.map) await writeIfChanged(`${out}.map`, result.map);
    count++;
  }
}
if (process.env.MINYI_BUILD_VERBOSE) console.log(`built ${count} files`);
