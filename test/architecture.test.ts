import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * The seams of issue 14, checked on the source itself: the runtime names no connector (only the
 * composition root hands it the list), and no code but the lifecycle service writes an order's status.
 */
const ROOT = resolve(__dirname, '..');
const SRC = join(ROOT, 'src');
const CONNECTORS = join(ROOT, 'connectors');

/** The composition root: the hub and the CLI's one composition file. */
const COMPOSITION_ROOT = ['src/hub.ts', 'src/cli/sync-once.ts'];
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
  const patterns = [/\b(?:import|export)\s[^;'"`]*?\bfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g];
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
});
