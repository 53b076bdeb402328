import { GraphQLError, Kind, type ASTNode, type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema, type ValidationContext } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { HubError } from '../common/errors';
import { variableMessage } from './error-messages';

/**
 * Abuse limits, checked before execution: a validation rule for depth (fragments followed) and a
 * complexity budget where a paged list multiplies its children by the page size
 * (graphql/connection.ts). Introspection (`__schema`, `__type`) has its own depth limit, so
 * GraphiQL's 13-deep schema query loads under the default depth of 12 for data.
 */
export const INTROSPECTION_MAX_DEPTH = 20;

export function depthLimitRule(maxDepth: number) {
  return (context: ValidationContext) => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of context.getDocument().definitions) {
      if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    }
    let introspectionDepth = 0;
    const depthOf = (node: ASTNode, depth: number, seen: Set<string>, limit = maxDepth): number => {
      if (depth > limit) return depth;
      switch (node.kind) {
        case Kind.FIELD:
          if (!node.selectionSet) return depth;
          if (limit === maxDepth && (node.name.value === '__schema' || node.name.value === '__type')) {
            // Counted on its own scale: the schema's shape, not data.
            introspectionDepth = Math.max(introspectionDepth, depthOf(node, 1, seen, INTROSPECTION_MAX_DEPTH));
            return depth;
          }
          return Math.max(depth, ...node.selectionSet.selections.map((s) => depthOf(s, depth + 1, seen, limit)));
        case Kind.INLINE_FRAGMENT:
          return Math.max(depth, ...node.selectionSet.selections.map((s) => depthOf(s, depth, seen, limit)));
        case Kind.FRAGMENT_SPREAD: {
          const fragment = fragments.get(node.name.value);
          if (!fragment || seen.has(node.name.value)) return depth;
          const next = new Set(seen).add(node.name.value);
          return Math.max(depth, ...fragment.selectionSet.selections.map((s) => depthOf(s, depth, next, limit)));
        }
        default:
          return depth;
      }
    };
    return {
      OperationDefinition(node: { selectionSet: { selections: readonly ASTNode[] } }) {
        introspectionDepth = 0;
        const depth = Math.max(0, ...node.selectionSet.selections.map((s) => depthOf(s, 1, new Set())));
        if (introspectionDepth > INTROSPECTION_MAX_DEPTH) {
          context.reportError(
            new HubError(
              'QUERY_TOO_COMPLEX',
              { zh: `内省查询嵌套过深（上限 ${INTROSPECTION_MAX_DEPTH}）`, en: `Introspection deeper than ${INTROSPECTION_MAX_DEPTH}` },
              { depth: introspectionDepth, maxDepth: INTROSPECTION_MAX_DEPTH },
            ),
          );
        }
        if (depth > maxDepth) {
          context.reportError(
            new HubError(
              'QUERY_TOO_COMPLEX',
              { zh: `查询嵌套过深（${depth} 层，上限 ${maxDepth}）`, en: `Query depth ${depth} exceeds the limit of ${maxDepth}` },
              { depth, maxDepth },
            ),
          );
        }
      },
    };
  };
}

export function assertComplexity(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined | null,
  max: number,
): number {
  let complexity: number;
  try {
    complexity = getComplexity({
      schema,
      query: document,
      variables,
      operationName: operationName ?? undefined,
      estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
    });
  } catch (error) {
    // graphql-query-complexity throws a plain Error past its node limit (10,000 by default).
    if (error instanceof Error && /maximum allowed number of nodes/.test(error.message)) {
      throw new HubError('QUERY_TOO_COMPLEX', { zh: '查询节点过多', en: 'The query has too many nodes' }, { maxComplexity: max });
    }
    // Variables that do not coerce to their declared types (graphql-js quotes the value: not echoed).
    if (error instanceof GraphQLError && /^Variable "\$/.test(error.message)) throw new HubError('BAD_USER_INPUT', variableMessage(error.message));
    throw error;
  }
  if (complexity > max) {
    throw new HubError(
      'QUERY_TOO_COMPLEX',
      { zh: `查询过于复杂（复杂度 ${complexity}，上限 ${max}）`, en: `Query complexity ${complexity} exceeds the limit of ${max}` },
      { complexity, maxComplexity: max },
    );
  }
  return complexity;
}
