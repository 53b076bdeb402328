import {
  Kind,
  type ASTNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type ValidationContext,
} from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { HubError } from '../common/errors';

/**
 * Abuse limits, checked before execution: a validation rule for depth (fragments followed,
 * introspection included) and a complexity budget where a paged list multiplies its children by
 * the page size (graphql/connection.ts).
 */
export function depthLimitRule(maxDepth: number) {
  return (context: ValidationContext) => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of context.getDocument().definitions) {
      if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    }
    const depthOf = (node: ASTNode, depth: number, seen: Set<string>): number => {
      if (depth > maxDepth) return depth;
      switch (node.kind) {
        case Kind.FIELD:
          if (!node.selectionSet) return depth;
          return Math.max(depth, ...node.selectionSet.selections.map((s) => depthOf(s, depth + 1, seen)));
        case Kind.INLINE_FRAGMENT:
          return Math.max(depth, ...node.selectionSet.selections.map((s) => depthOf(s, depth, seen)));
        case Kind.FRAGMENT_SPREAD: {
          const fragment = fragments.get(node.name.value);
          if (!fragment || seen.has(node.name.value)) return depth;
          const next = new Set(seen).add(node.name.value);
          return Math.max(depth, ...fragment.selectionSet.selections.map((s) => depthOf(s, depth, next)));
        }
        default:
          return depth;
      }
    };
    return {
      OperationDefinition(node: { selectionSet: { selections: readonly ASTNode[] } }) {
        const depth = Math.max(0, ...node.selectionSet.selections.map((s) => depthOf(s, 1, new Set())));
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
  const complexity = getComplexity({
    schema,
    query: document,
    variables,
    operationName: operationName ?? undefined,
    estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
  });
  if (complexity > max) {
    throw new HubError(
      'QUERY_TOO_COMPLEX',
      { zh: `查询过于复杂（复杂度 ${complexity}，上限 ${max}）`, en: `Query complexity ${complexity} exceeds the limit of ${max}` },
      { complexity, maxComplexity: max },
    );
  }
  return complexity;
}
