import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * The seams of issue 14, checked on the source itself: the runtime names no connector (only the
 * composition root hands it the list), and no code but the lifecycle service writes an order's status.
 */
const ROOT = resolve(__dirname, '..');
const SRC = join(ROOT, 'src');
const CONNECTORS = join(ROOT, 'connectors');

/** The composition root: the one file the hub and the CLI compose through. */
const COMPOSITION_ROOT = ['src/composition.ts'];
/** The one writer of work_order.status (transitions.ts is its table). */
const STATUS_WRITER = 'src/work-orders/lifecycle.service.ts';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

const rel = (path: string) => relative(ROOT, path).split(sep).join('/');

/** Every module specifier of a file: static and type imports, re-exports, side-effect imports, import() and require(). */
function importSpecifiers(text: string): Array<{ line: number; specifier: string }> {
  const found: Array<{ line: number; specifier: string }> = [];
  const patterns = [
    /\b(?:import|export)\s[^;'"`]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) found.push({ line: text.slice(0, match.index).split('\n').length, specifier: match[1] });
  }
  return found;
}

/** `file:line specifier` for each import from src/ into connectors/, outside the composition root. */
function connectorImports(files: string[]): string[] {
  return files.flatMap((file) =>
    importSpecifiers(readFileSync(file, 'utf8'))
      .filter(({ specifier }) => specifier.startsWith('.'))
      .filter(({ specifier }) => {
        const target = resolve(dirname(file), specifier);
        return target === CONNECTORS || target.startsWith(CONNECTORS + sep);
      })
      .map(({ line, specifier }) => `${rel(file)}:${line} imports ${specifier}`),
  );
}

/**
 * `file:line text` for each write of a work order's status: SQL `update work_order … set … status =`,
 * and assignments of `.status` on a work order (a receiver named like an order, or a WorkOrderStatus value).
 */
function statusWrites(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const at = (index: number) => `${rel(file)}:${text.slice(0, index).split('\n').length}`;
  const writes: string[] = [];
  for (const match of text.matchAll(/update\s+work_order(?:\s+(?:as\s+)?\w+)?\s+set\s+([\s\S]*?)(?:\bwhere\b|\bfrom\b|\breturning\b|[`'"])/gi)) {
    if (/\bstatus\s*=/i.test(match[1])) writes.push(`${at(match.index!)} ${match[0].replace(/\s+/g, ' ').slice(0, 80)}`);
  }
  // A statement (at a line's start, or after `;`, `{` or an `if (…)`), not a comparison inside SQL text.
  for (const match of text.matchAll(/(?:^|[;{)])[ \t]*(?:[\w.]+\.)?(\w+)\.status\s*=(?!=)([^;\n]*)/gm)) {
    const receiver = match[1];
    if (/order|^wo$|primary|duplicate/i.test(receiver) || /WorkOrderStatus/.test(match[2])) writes.push(`${at(match.index!)} ${match[0].trim().slice(0, 80)}`);
  }
  for (const match of text.matchAll(/(?:nativeUpdate|assign)\(\s*(?:WorkOrder\b|\w*order\w*\s*,)[^;]*?\bstatus\s*:/gi)) {
    writes.push(`${at(match.index!)} ${match[0].replace(/\s+/g, ' ').slice(0, 80)}`);
  }
  return writes;
}

/** SQL and data access a resolver may not hold (resolvers authorise, load through loaders, call a service). */
const DATA_ACCESS = [
  /\bselect\b[^;`]{0,300}?\bfrom\s+\w/gi,
  /\binsert\s+into\b/gi,
  /\bupdate\s+\w+(?:\s+(?:as\s+)?\w+)?\s+set\b/gi,
  /\bdelete\s+from\b/gi,
  /\bdb\.sql\b/g,
  /\.execute\s*\(/g,
  /\bcreateQueryBuilder\b/g,
  /\bgetConnection\s*\(/g,
  /\bgetKnex\s*\(/g,
  /\b(?:em|tx)\.(?:find\w*|count|native\w+|qb|persist\w*|flush|getReference)\s*\(/g,
];

/** `file:line text` for each SQL statement, query builder or EntityManager read/write in a file. */
function dataAccess(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return DATA_ACCESS.flatMap((pattern) =>
    [...text.matchAll(pattern)].map((m) => `${rel(file)}:${text.slice(0, m.index).split('\n').length} ${m[0].replace(/\s+/g, ' ').slice(0, 60)}`),
  );
}

describe('architecture', () => {
  const files = sourceFiles(SRC);

  it('the runtime names no connector: only the composition root imports from connectors/', () => {
    const offenders = connectorImports(files.filter((f) => !COMPOSITION_ROOT.includes(rel(f))));
    expect(offenders).toEqual([]);
    // The check sees imports at all: the composition root does import the connector list.
    expect(connectorImports(COMPOSITION_ROOT.map((f) => join(ROOT, f))).length).toBeGreaterThan(0);
  });

  it('no code outside the lifecycle service writes work_order.status', () => {
    const offenders = files.filter((f) => rel(f) !== STATUS_WRITER).flatMap(statusWrites);
    expect(offenders).toEqual([]);
    // The check finds writes where they are: the lifecycle's transitions.
    expect(statusWrites(join(ROOT, STATUS_WRITER)).length).toBeGreaterThan(0);
  });

  it('resolvers hold no SQL: no statement, query builder or EntityManager query in a *.resolver.ts file', () => {
    const resolvers = files.filter((f) => f.endsWith('.resolver.ts'));
    expect(resolvers.length).toBeGreaterThan(10);
    expect(resolvers.flatMap(dataAccess)).toEqual([]);
    // The check sees data access where it is: the services and queries the resolvers call.
    expect(dataAccess(join(SRC, 'reference/reference.query.ts')).length).toBeGreaterThanOrEqual(4);
    expect(dataAccess(join(SRC, 'ingest/ingest-ops.service.ts')).length).toBeGreaterThan(0);
    expect(dataAccess(join(SRC, 'auth/accounts/accounts.service.ts')).length).toBeGreaterThan(0);
  });
  it('production code reads no demo data: only the demo mode entry points import src/demo at run time', () => {
    const DEMO = join(SRC, 'demo');
    const ENTRY_POINTS = ['src/hub.ts', 'src/cli/seed.ts'];
    const demoImports = (file: string) =>
      importSpecifiers(readFileSync(file, 'utf8'))
        .filter(({ specifier }) => specifier.startsWith('.'))
        .filter(({ line }) => !/^\s*import\s+type\b/.test(readFileSync(file, 'utf8').split('\n')[line - 1]))
        .filter(({ specifier }) => {
          const target = resolve(dirname(file), specifier);
          return target === DEMO || target.startsWith(DEMO + sep);
        })
        .map(({ line, specifier }) => `${rel(file)}:${line} imports ${specifier}`);
    const outside = files.filter((f) => !f.startsWith(DEMO + sep) && !ENTRY_POINTS.includes(rel(f)));
    expect(outside.flatMap(demoImports)).toEqual([]);
    // The check sees imports at all: the hub does start the demo.
    expect(demoImports(join(ROOT, 'src/hub.ts')).length).toBeGreaterThan(0);
  });
});
