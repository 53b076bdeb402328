import { GraphQLError, Kind, parse, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { HubError } from '../common/errors';
import { hasUnsafeCharacters } from '../common/strings';

/**
 * Cheap checks on an operation before anything costly (token lookup, validation, execution): the
 * document is parsed once with a token limit, then walked once. graphql-js validation
 * (OverlappingFieldsCanBeMerged) is quadratic in repeated fields, so the shape is bounded first.
 */
export interface OperationLimits {
  /** Lexical tokens in the document (graphql-js `parse({ maxTokens })`). */
  maxTokens: number;
  /** Fields, fragment spreads and inline fragments in one selection set. */
  maxSelections: number;
  /** Aliased fields in the whole document. */
  maxAliases: number;
  /** Root fields of the executed operation (each may be an expensive query on its own). */
  maxRootFields: number;
  /** Fields once fragments are expanded: what validation and execution actually walk. */
  maxExpandedFields: number;
}

/** Root fields anyone may ask without a token: introspection, so GraphiQL and codegen can load the schema. */
const PUBLIC_ROOT_FIELDS = new Set(['__schema', '__type', '__typename']);
/** Mutation root fields anyone may call without a token: `login`, how a person gets one (auth/policy.ts PUBLIC). */
const PUBLIC_MUTATION_FIELDS = new Set(['login', '__typename']);

export interface Preflight {
  document: DocumentNode;
  operation: OperationDefinitionNode | null;
  /** Only introspection, or only `login`: allowed without a token. */
  isPublic: boolean;
  /**
   * Variables declared as opaque JSON (JSON, JSONObject): their receiver validates them, record by
   * record (a channel's batch in submitChannelRecords must not fail for one bad record).
   */
  opaqueVariables: ReadonlySet<string>;
}

const OPAQUE_SCALARS = new Set(['JSON', 'JSONObject']);

function opaqueVariablesOf(operation: OperationDefinitionNode | null): Set<string> {
  const names = new Set<string>();
  for (const def of operation?.variableDefinitions ?? []) {
    let type = def.type;
    while (type.kind !== Kind.NAMED_TYPE) type = type.type;
    if (OPAQUE_SCALARS.has(type.name.value)) names.add(def.variable.name.value);
  }
  return names;
}

const tooComplex = (zh: string, en: string, extra: Record<string, unknown>) => new HubError('QUERY_TOO_COMPLEX', { zh, en }, extra);

/** Parses with the token limit; a syntax error is BAD_USER_INPUT with its location, never an echo of the source. */
export function parseBounded(source: string, maxTokens: number): DocumentNode {
  try {
    return parse(source, { maxTokens });
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    if (/more th(?:an|at) \d+ tokens/.test(error.message)) {
      // graphql-js 16 says "more that"
      throw tooComplex(`查询过长（超过 ${maxTokens} 个词法单元）`, `The document has more than ${maxTokens} tokens`, { maxTokens });
    }
    const at = error.locations?.[0];
    const where = at ? `（第 ${at.line} 行第 ${at.column} 列）` : '';
    throw new HubError('BAD_USER_INPUT', { zh: `查询语法错误${where}`, en: error.message }, { syntax: true });
  }
}

export function preflight(source: string, operationName: string | null | undefined, limits: OperationLimits): Preflight {
  const document = parseBounded(source, limits.maxTokens);
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations: OperationDefinitionNode[] = [];
  for (const def of document.definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    else if (def.kind === Kind.OPERATION_DEFINITION) operations.push(def);
  }

  let aliases = 0;
  const checkSet = (set: SelectionSetNode): void => {
    if (set.selections.length > limits.maxSelections) {
      throw tooComplex(
        `一个选择集中的字段过多（${set.selections.length} 个，上限 ${limits.maxSelections}）`,
        `A selection set has ${set.selections.length} selections; the limit is ${limits.maxSelections}`,
        { maxSelections: limits.maxSelections },
      );
    }
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD && selection.alias) aliases++;
      if (selection.kind !== Kind.FRAGMENT_SPREAD && selection.selectionSet) checkSet(selection.selectionSet);
    }
  };
  for (const def of document.definitions) {
    if ('selectionSet' in def && def.selectionSet) checkSet(def.selectionSet);
  }
  if (aliases > limits.maxAliases) {
    throw tooComplex(`别名过多（${aliases} 个，上限 ${limits.maxAliases}）`, `The document has ${aliases} aliases; the limit is ${limits.maxAliases}`, {
      maxAliases: limits.maxAliases,
    });
  }

  // Fields after fragment expansion, each fragment counted once per use (memoised, cycles count 0:
  // validation reports them).
  const sizes = new Map<string, number>();
  const sizeOf = (set: SelectionSetNode, path: Set<string>): number => {
    let n = 0;
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) n += 1 + (s.selectionSet ? sizeOf(s.selectionSet, path) : 0);
      else if (s.kind === Kind.INLINE_FRAGMENT) n += sizeOf(s.selectionSet, path);
      else {
        const name = s.name.value;
        const fragment = fragments.get(name);
        if (!fragment || path.has(name)) continue;
        if (!sizes.has(name)) sizes.set(name, sizeOf(fragment.selectionSet, new Set(path).add(name)));
        n += sizes.get(name)!;
      }
      if (n > limits.maxExpandedFields) return n;
    }
    return n;
  };

  const operation = pickOperation(operations, operationName);
  if (!operation) return { document, operation: null, isPublic: false, opaqueVariables: new Set() };
  const expanded = sizeOf(operation.selectionSet, new Set());
  if (expanded > limits.maxExpandedFields) {
    throw tooComplex(`展开片段后字段过多（上限 ${limits.maxExpandedFields}）`, `The operation expands to more than ${limits.maxExpandedFields} fields`, {
      maxExpandedFields: limits.maxExpandedFields,
    });
  }
  const roots = rootFieldNames(operation.selectionSet, fragments, new Set());
  const counted = roots.filter((name) => name !== '__typename');
  if (counted.length > limits.maxRootFields) {
    throw tooComplex(
      `一次操作的根字段过多（${counted.length} 个，上限 ${limits.maxRootFields}）`,
      `The operation has ${counted.length} root fields; the limit is ${limits.maxRootFields}`,
      { maxRootFields: limits.maxRootFields },
    );
  }
  const isPublic =
    roots.length > 0 &&
    ((operation.operation === 'query' && roots.every((name) => PUBLIC_ROOT_FIELDS.has(name))) ||
      (operation.operation === 'mutation' && roots.includes('login') && roots.every((name) => PUBLIC_MUTATION_FIELDS.has(name))));
  return { document, operation, isPublic, opaqueVariables: opaqueVariablesOf(operation) };
}

/** The operation graphql-js would run; null when the name is missing or ambiguous (validation says why). */
function pickOperation(operations: OperationDefinitionNode[], name: string | null | undefined): OperationDefinitionNode | null {
  if (name) return operations.find((op) => op.name?.value === name) ?? null;
  return operations.length === 1 ? operations[0] : null;
}

function rootFieldNames(set: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, seen: Set<string>): string[] {
  const names: string[] = [];
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD) names.push(s.name.value);
    else if (s.kind === Kind.INLINE_FRAGMENT) names.push(...rootFieldNames(s.selectionSet, fragments, seen));
    else if (!seen.has(s.name.value) && fragments.has(s.name.value)) {
      seen.add(s.name.value);
      names.push(...rootFieldNames(fragments.get(s.name.value)!.selectionSet, fragments, seen));
    }
  }
  return names;
}

/**
 * Strings PostgreSQL and our logs cannot hold faithfully: NUL and lone UTF-16 surrogates (which
 * would be silently rewritten to U+FFFD). Walks the variables iteratively with a depth bound.
 */
export function assertCleanStrings(value: unknown, maxDepth = 64, root = '$'): void {
  const stack: Array<{ v: unknown; depth: number; path: string }> = [{ v: value, depth: 0, path: root }];
  while (stack.length) {
    const { v, depth, path } = stack.pop()!;
    if (typeof v === 'string') {
      if (hasUnsafeCharacters(v)) {
        throw new HubError(
          'BAD_USER_INPUT',
          { zh: `字符串含有空字符（NUL）或无效的 Unicode 代理项：${path}`, en: `A string contains NUL or a lone UTF-16 surrogate: ${path}` },
          { field: path },
        );
      }
      continue;
    }
    if (!v || typeof v !== 'object') continue;
    if (depth >= maxDepth) {
      throw new HubError('BAD_USER_INPUT', { zh: `变量嵌套过深（上限 ${maxDepth} 层）`, en: `Variables are nested deeper than ${maxDepth}` }, { field: path });
    }
    if (Array.isArray(v)) v.forEach((item, i) => stack.push({ v: item, depth: depth + 1, path: `${path}[${i}]` }));
    else for (const [k, item] of Object.entries(v)) stack.push({ v: item, depth: depth + 1, path: `${path}.${safeKey(k)}` });
  }
}

/** A key for an error path: short, and only characters that cannot carry personal text. */
function safeKey(key: string): string {
  return /^[A-Za-z_][\w]{0,40}$/.test(key) ? key : '?';
}

/**
 * The checks every transport (HTTP, WebSocket) runs on an operation before anything else: clean
 * strings in the document and in every variable that is not opaque JSON, then the document's shape
 * (cached by document text: frontends send the same few documents over and over; bounded, oldest
 * first; a refused document is not kept, it is cheap to refuse again).
 */
export class DocumentGate {
  private readonly shapes = new Map<string, Preflight>();
  /** Complexity per document (its Preflight) and variables shape (graphql/limits.ts variablesShape). */
  private readonly costs = new WeakMap<Preflight, Map<string, number>>();

  constructor(
    private readonly limits: OperationLimits,
    private readonly max = 500,
  ) {}

  /** null when there is no query text (Apollo answers that, or a persisted query stands in for it). */
  check(query: unknown, operationName: unknown, variables: unknown): Preflight | null {
    if (typeof query !== 'string') {
      assertCleanStrings(variables);
      return null;
    }
    assertCleanStrings(query);
    const checked = this.shape(query, typeof operationName === 'string' ? operationName : null);
    if (variables && typeof variables === 'object' && !Array.isArray(variables)) {
      for (const [name, value] of Object.entries(variables)) if (!checked.opaqueVariables.has(name)) assertCleanStrings(value, 64, `$${name}`);
    } else {
      assertCleanStrings(variables);
    }
    return checked;
  }

  /**
   * The operation's complexity (`compute`: graphql/limits.ts assertComplexity), computed once per
   * document text and variables shape while the document is remembered here; a refusal (an error
   * thrown by `compute`) is not kept, so every refused request is refused the same way.
   */
  cost(query: unknown, operationName: unknown, variables: Record<string, unknown> | undefined, compute: () => number): number {
    if (typeof query !== 'string') return compute();
    const checked = this.shapes.get(`${typeof operationName === 'string' ? operationName : ''}\u0000${query}`);
    if (!checked?.operation) return compute();
    const key = variablesShape(checked.operation, variables);
    let costs = this.costs.get(checked);
    const hit = costs?.get(key);
    if (hit !== undefined) return hit;
    const cost = compute();
    if (!costs) this.costs.set(checked, (costs = new Map()));
    if (costs.size >= MAX_COSTS_PER_DOCUMENT) costs.delete(costs.keys().next().value!);
    costs.set(key, cost);
    return cost;
  }

  private shape(query: string, operationName: string | null): Preflight {
    const key = `${operationName ?? ''}\u0000${query}`;
    const hit = this.shapes.get(key);
    if (hit) return hit;
    const result = preflight(query, operationName, this.limits);
    if (this.shapes.size >= this.max) this.shapes.delete(this.shapes.keys().next().value!);
    this.shapes.set(key, result);
    return result;
  }
}

/** Variables shapes remembered per document (a list variable's values are part of its shape). */
const MAX_COSTS_PER_DOCUMENT = 50;

/**
 * What of the variables an operation's complexity and its variable checks can depend on: for a
 * variable declared `String`/`String!`/`ID`/`ID!` only the kind of value given (whether it coerces
 * to the type; no estimator reads a String or ID argument: graphql/connection.ts,
 * graphql/node.resolver.ts), for every other variable its value (page sizes, lists, booleans of
 * @include/@skip, input objects). Two requests with the same document and shape cost the same and
 * pass or fail the same variable coercion.
 */
export function variablesShape(operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined): string {
  const parts: string[] = [];
  for (const def of operation.variableDefinitions ?? []) {
    const name = def.variable.name.value;
    const type = def.type.kind === Kind.NON_NULL_TYPE ? def.type.type : def.type;
    const value = variables?.[name];
    if (type.kind === Kind.NAMED_TYPE && (type.name.value === 'String' || type.name.value === 'ID')) {
      parts.push(
        value === undefined
          ? 'u'
          : value === null
            ? 'n'
            : typeof value === 'string'
              ? 's'
              : typeof value === 'number' && Number.isInteger(value)
                ? 'i'
                : `v${JSON.stringify(value)}`,
      );
    } else {
      parts.push(value === undefined ? 'u' : `v${JSON.stringify(value)}`);
    }
  }
  return parts.join('\u0001');
}
