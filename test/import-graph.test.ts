import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import * as ts from 'typescript';

/**
 * Issue 14, checked on the project's own import graph (src/ and connectors/, read with the TypeScript
 * parser): one vocabulary in plain modules, GraphQL at the edge, and no import cycle — none between
 * files, and none between top-level folders except through the declared interface modules below.
 * `import type` / `export type` edges are counted apart: they vanish at runtime and cannot form a cycle.
 */
const ROOT = resolve(__dirname, '..');

/** The vocabulary: plain enums and constants with no imports at all (so no GraphQL, no entities). */
const VOCABULARY = [
  'src/work-orders/enums.ts',
  'src/auth/roles.ts',
  'src/reference/vocabulary.ts',
  'src/sla/vocabulary.ts',
  'src/hot-issues/vocabulary.ts',
  'src/ingest/vocabulary.ts',
  'src/dispatch/vocabulary.ts',
  'src/analytics/vocabulary.ts',
];

/**
 * The modules other folders may import although their own folder depends back on the importer's
 * (with the vocabulary above). An import of one of these is left out of the folder graph; an
 * interface may not lead back into a folder that imports it (checked below).
 */
const INTERFACES: Record<string, string> = {
  'src/graphql/node.ts': 'the Node interface every entity ObjectType implements',
  'src/graphql/connection.ts': 'Relay connection types and their complexity, for the resolvers of each domain folder',
  'src/graphql/context.ts': 'the request context (viewer, loaders, services) resolvers read',
  'src/graphql/event-subscription.ts': 'replay-then-live subscriptions, shared by the domain folders’ subscriptions',
  'src/graphql/selection.ts': 'the fields a resolver’s selection asks for (reads that load no more than asked)',
  'src/config/env.ts': 'environment readers and ConfigError, for modules that read their own part of the configuration',
  'src/http/error-response.ts': 'the HTTP API’s one error body, written by the OIDC router in auth/',
  'src/work-orders/visibility.ts': 'which orders a viewer may see: alert and hot-issue lists are scoped like orders',
  'src/ingest/write-back-queue.ts': 'the outbox the lifecycle records write-backs in (ingest delivers them)',
  'src/sla/policies.ts': 'the time-limit rules as data, read by the reference cache, work orders and configuration',
  'src/sla/calendar.ts': 'the working-day calendar the reference cache holds',
};

/** GraphQL's packages: the schema, its decorators, scalars, complexity, transports and pub/sub. */
const GRAPHQL_PACKAGE = /^(graphql|type-graphql|graphql-scalars|graphql-query-complexity|graphql-ws|graphql-http|@graphql-yoga\/[^/]+|@apollo\/server)(\/|$)/;

/** The GraphQL edge: the schema build and its transports, resolvers and their types, and the entities (they are the ObjectTypes). */
function isGraphqlEdge(file: string): boolean {
  return /^src\/(graphql|http|entities)\//.test(file) || /\.(resolver|types|inputs)\.ts$/.test(file);
}

/** Outside the edge, these use GraphQL's packages for a reason of their own. */
const GRAPHQL_OUTSIDE_EDGE: Record<string, string> = {
  'src/common/errors.ts': 'HubError is a GraphQLError: one error type for services and the API',
  'src/events/event-bus.ts': 'the event bus is the PubSub type-graphql subscriptions read',
  'src/events/local-fanout.ts': 'the in-process fan-out is a graphql-yoga pub/sub',
  'src/events/logged-event-bus.ts': 'the event bus is the PubSub type-graphql subscriptions read',
  'src/cli/log-only-bus.ts': 'the CLI’s event bus stands in for the PubSub',
  'src/ingest/intake-rate.ts': 'intake mutations are counted from the GraphQL selection they arrive in',
};

interface Edge {
  from: string;
  to: string;
  typeOnly: boolean;
}

interface Graph {
  files: string[];
  /** Relative imports resolved to project files. */
  edges: Edge[];
  /** Package imports (bare specifiers), per file. */
  packages: Map<string, Array<{ name: string; typeOnly: boolean }>>;
}

const rel = (path: string) => relative(ROOT, path).split(sep).join('/');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'fixtures' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Every module specifier of a file: imports, re-exports, `import x = require()`, `import()`, `require()`. */
function specifiers(path: string): Array<{ specifier: string; typeOnly: boolean }> {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: Array<{ specifier: string; typeOnly: boolean }> = [];
  const allTypes = (elements: ts.NodeArray<ts.ImportSpecifier | ts.ExportSpecifier>) => elements.length > 0 && elements.every((e) => e.isTypeOnly);
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly =
        !!clause &&
        (clause.isTypeOnly || (!clause.name && !!clause.namedBindings && ts.isNamedImports(clause.namedBindings) && allTypes(clause.namedBindings.elements)));
      found.push({ specifier: node.moduleSpecifier.text, typeOnly });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const typeOnly = node.isTypeOnly || (!!node.exportClause && ts.isNamedExports(node.exportClause) && allTypes(node.exportClause.elements));
      found.push({ specifier: node.moduleSpecifier.text, typeOnly });
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference) &&
      ts.isStringLiteral(node.moduleReference.expression)
    ) {
      found.push({ specifier: node.moduleReference.expression.text, typeOnly: node.isTypeOnly });
    } else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require')) &&
      node.arguments.length === 1 &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      found.push({ specifier: node.arguments[0].text, typeOnly: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function resolveRelative(from: string, specifier: string): string | null {
  const base = resolve(dirname(from), specifier);
  for (const candidate of [`${base}.ts`, join(base, 'index.ts'), base]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

function buildGraph(roots: string[]): Graph {
  const files = roots.flatMap((r) => sourceFiles(join(ROOT, r)));
  const graph: Graph = { files: files.map(rel), edges: [], packages: new Map() };
  const unresolved: string[] = [];
  for (const file of files) {
    for (const { specifier, typeOnly } of specifiers(file)) {
      if (specifier.startsWith('.')) {
        const target = resolveRelative(file, specifier);
        if (!target) unresolved.push(`${rel(file)} imports ${specifier}`);
        else if (target.endsWith('.ts')) graph.edges.push({ from: rel(file), to: rel(target), typeOnly });
      } else {
        const list = graph.packages.get(rel(file)) ?? [];
        list.push({ name: specifier, typeOnly });
        graph.packages.set(rel(file), list);
      }
    }
  }
  if (unresolved.length) throw new Error(`unresolved imports:\n${unresolved.join('\n')}`);
  return graph;
}

function adjacency(nodes: Iterable<string>, edges: Array<{ from: string; to: string }>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const node of nodes) out.set(node, []);
  for (const { from, to } of edges) {
    if (!out.has(from)) out.set(from, []);
    if (!out.has(to)) out.set(to, []);
    if (!out.get(from)!.includes(to)) out.get(from)!.push(to);
  }
  for (const list of out.values()) list.sort();
  return out;
}

/** One cycle per strongly connected component (Tarjan), each as a path `a → b → … → a`. */
function findCycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const stack: string[] = [];
  const onStack = new Set<string>();
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const components: string[][] = [];
  const connect = (v: string) => {
    indices.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indices.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) components.push(component);
    }
  };
  for (const v of [...graph.keys()].sort()) if (!indices.has(v)) connect(v);
  // Within a component every node reaches every other: walk from its first node back to it.
  return components.map((component) => {
    const members = new Set(component);
    const start = [...component].sort()[0];
    const previous = new Map<string, string>();
    const queue = [start];
    while (queue.length) {
      const v = queue.shift()!;
      for (const w of graph.get(v) ?? []) {
        if (!members.has(w)) continue;
        if (w === start) {
          const path = [start];
          for (let at = v; at !== start; at = previous.get(at)!) path.splice(1, 0, at);
          return [...path, start];
        }
        if (!previous.has(w)) {
          previous.set(w, v);
          queue.push(w);
        }
      }
    }
    return [start, start];
  });
}

/** Top-level folder of src/ (`src/work-orders`), `src` for the composition root's own files, `connectors`, or the file itself. */
function folderOf(file: string): string {
  const parts = file.split('/');
  if (parts[0] === 'connectors') return 'connectors';
  if (parts[0] === 'src') return parts.length > 2 ? `src/${parts[1]}` : 'src';
  return file;
}

function closure(graph: Map<string, string[]>, start: string): Set<string> {
  const seen = new Set<string>();
  const queue = [start];
  while (queue.length) {
    for (const next of graph.get(queue.shift()!) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}

describe('the import graph', () => {
  const graph = buildGraph(['src', 'connectors']);
  const runtime = graph.edges.filter((e) => !e.typeOnly);
  const files = adjacency(graph.files, runtime);
  const declared = new Set([...VOCABULARY, ...Object.keys(INTERFACES)]);

  it('reads the project: every file, and imports of both kinds', () => {
    expect(graph.files.length).toBeGreaterThan(200);
    expect(runtime.length).toBeGreaterThan(500);
    expect(graph.edges.some((e) => e.typeOnly)).toBe(true);
    for (const file of declared) expect(graph.files).toContain(file);
  });

  it('finds a cycle when there is one (the check itself)', () => {
    const cyclic = adjacency(
      ['a', 'b', 'c', 'd'],
      [
        { from: 'a', to: 'b' },
        { from: 'b', to: 'c' },
        { from: 'c', to: 'a' },
        { from: 'c', to: 'd' },
      ],
    );
    expect(findCycles(cyclic)).toEqual([['a', 'b', 'c', 'a']]);
    expect(findCycles(adjacency(['a', 'b'], [{ from: 'a', to: 'b' }]))).toEqual([]);
  });

  it('has no import cycle between files (runtime imports)', () => {
    const cycles = findCycles(files).map((cycle) => cycle.join(' → '));
    expect(cycles).toEqual([]);
  });

  it('keeps the vocabulary plain: its modules import nothing', () => {
    const imports = VOCABULARY.flatMap((file) => [
      ...graph.edges.filter((e) => e.from === file).map((e) => `${file} imports ${e.to}`),
      ...(graph.packages.get(file) ?? []).map((p) => `${file} imports ${p.name}`),
    ]);
    expect(imports).toEqual([]);
  });

  it('uses GraphQL only at the edge: no other file imports a GraphQL package', () => {
    const offenders = [...graph.packages]
      .filter(([file, packages]) => !isGraphqlEdge(file) && !(file in GRAPHQL_OUTSIDE_EDGE) && packages.some((p) => GRAPHQL_PACKAGE.test(p.name)))
      .map(
        ([file, packages]) =>
          `${file}: ${packages
            .filter((p) => GRAPHQL_PACKAGE.test(p.name))
            .map((p) => p.name)
            .join(', ')}`,
      );
    expect(offenders).toEqual([]);
    // Each exception still needs GraphQL (remove it from the list when it no longer does).
    const stale = Object.keys(GRAPHQL_OUTSIDE_EDGE).filter((file) => !(graph.packages.get(file) ?? []).some((p) => GRAPHQL_PACKAGE.test(p.name)));
    expect(stale).toEqual([]);
    // GraphQL enum types are registered in one place, the GraphQL layer's.
    const registering = graph.files.filter((file) => /\bregisterEnumType\s*\(/.test(readFileSync(join(ROOT, file), 'utf8')));
    expect(registering).toEqual(['src/graphql/enums.ts']);
  });

  it('lets connector manifests read the vocabulary without GraphQL, entities or reflect-metadata', () => {
    const manifests = graph.files.filter((file) => /^connectors\/[^/]+\/manifest\.ts$/.test(file));
    expect(manifests.length).toBeGreaterThan(3);
    const offenders = manifests.flatMap((manifest) => {
      const loaded = [manifest, ...closure(files, manifest)];
      return loaded.flatMap((file) => [
        ...(file.startsWith('src/entities/') ? [`${manifest} loads ${file}`] : []),
        ...(graph.packages.get(file) ?? [])
          .filter((p) => !p.typeOnly && (GRAPHQL_PACKAGE.test(p.name) || p.name === 'reflect-metadata' || p.name.startsWith('@mikro-orm/')))
          .map((p) => `${manifest} loads ${p.name} (through ${file})`),
      ]);
    });
    expect(offenders).toEqual([]);
  });

  describe('between folders', () => {
    /** Runtime imports across folders, except those of a declared interface or vocabulary module. */
    const crossing = runtime.filter((e) => folderOf(e.from) !== folderOf(e.to));
    const counted = crossing.filter((e) => !declared.has(e.to));
    const folders = adjacency(
      new Set(graph.files.map(folderOf)),
      counted.map((e) => ({ from: folderOf(e.from), to: folderOf(e.to) })),
    );

    it('has no cycle between folders, except through the declared interfaces', () => {
      const cycles = findCycles(folders).map((cycle) => {
        const steps = cycle.slice(1).map((to, i) => {
          const from = cycle[i];
          const through = counted.filter((e) => folderOf(e.from) === from && folderOf(e.to) === to).map((e) => `${e.from} → ${e.to}`);
          return `  ${from} → ${to}: ${through.slice(0, 3).join('; ')}${through.length > 3 ? ` (+${through.length - 3})` : ''}`;
        });
        return `${cycle.join(' → ')}\n${steps.join('\n')}`;
      });
      expect(cycles).toEqual([]);
    });

    it('the interfaces are needed, and none leads back into a folder that imports it', () => {
      const problems: string[] = [];
      for (const iface of declared) {
        const importers = new Set(crossing.filter((e) => e.to === iface).map((e) => folderOf(e.from)));
        if (!importers.size) problems.push(`${iface}: no other folder imports it (remove it from the list)`);
        for (const file of closure(files, iface)) {
          if (importers.has(folderOf(file)) && !declared.has(file)) problems.push(`${iface} leads back into ${folderOf(file)} (${file})`);
        }
      }
      expect(problems).toEqual([]);
    });
  });
});
