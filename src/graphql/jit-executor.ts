import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import {
  execute,
  GraphQLError,
  getNamedType,
  isAbstractType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

/** Compiled operations remembered per document (Apollo's document store keeps the documents it reuses). */
const MAX_OPERATIONS_PER_DOCUMENT = 8;

/**
 * Queries run compiled (graphql-jit, issue 15: graphql-js walked every field of every row through
 * generic code; a compiled query is a function made once per document). Apollo Server 5 has no
 * executor option but its gateway interface, so this is a "gateway" that serves the hub's own schema
 * and executes with it: the request pipeline, plugins (limits, cost, error formatting) and
 * validation stay Apollo's. Mutations, introspection and anything graphql-jit cannot compile run on
 * graphql-js's `execute` as before, and so does any operation that reaches an interface or union
 * (type-graphql resolves their types asynchronously, which graphql-jit does not support). The
 * resolvers are the same functions either way, so row scope,
 * masking and field authorisation are where they were.
 */
export function compiledQueryGateway(schema: GraphQLSchema): GatewayInterface {
  const compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | null>>();

  const compiledFor = (document: DocumentNode, operation: OperationDefinitionNode, operationName: string | null): CompiledQuery | null => {
    let byName = compiled.get(document);
    if (!byName) compiled.set(document, (byName = new Map()));
    const key = operationName ?? '';
    if (byName.has(key)) return byName.get(key)!;
    let result: CompiledQuery | null = null;
    if (operation.operation === 'query' && !asksIntrospection(operation) && !reachesAbstractType(schema, document)) {
      try {
        const made = compileQuery(schema, document, operationName ?? undefined);
        result = isCompiledQuery(made) ? made : null;
      } catch {
        result = null; // graphql-js runs it
      }
    }
    if (byName.size >= MAX_OPERATIONS_PER_DOCUMENT) byName.delete(byName.keys().next().value!);
    byName.set(key, result);
    return result;
  };

  const executor: GatewayExecutor = async (requestContext) => {
    const { document, operation, operationName, context, request } = requestContext;
    const query = compiledFor(document, operation, operationName);
    if (query) return withGraphqlErrors(await query.query(undefined, context, request.variables ?? {}));
    return execute({ schema, document, contextValue: context, variableValues: request.variables, operationName });
  };

  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    async load() {
      return { executor };
    },
    async stop() {},
  };
}

/** Introspection (`__schema`, `__type`) runs on graphql-js, as GraphiQL and codegen expect it. */
function asksIntrospection(operation: OperationDefinitionNode): boolean {
  return operation.selectionSet.selections.some((s) => s.kind !== Kind.FIELD || s.name.value === '__schema' || s.name.value === '__type');
}

/** Whether any field of the document returns an interface or union (Node, DecisionRequest …). */
function reachesAbstractType(schema: GraphQLSchema, document: DocumentNode): boolean {
  const typeInfo = new TypeInfo(schema);
  let found = false;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field() {
        const type = typeInfo.getType();
        if (!type || isAbstractType(getNamedType(type))) found = true; // unknown: validation has refused it already
      },
      InlineFragment() {
        const type = typeInfo.getType();
        if (type && isAbstractType(getNamedType(type))) found = true;
      },
    }),
  );
  return found;
}

/**
 * graphql-jit's errors are its own GraphQLError-like objects, without `extensions` when the cause has
 * none (Apollo's formatting reads `extensions.code`): each becomes graphql-js's GraphQLError with the
 * same message, locations, path, cause and extensions, as graphql-js's execution would give.
 */
function withGraphqlErrors<T extends { errors?: readonly GraphQLError[] }>(result: T): T {
  if (!result.errors?.length) return result;
  const errors = result.errors.map((e) => {
    const error = new GraphQLError(e.message, { path: e.path, originalError: e.originalError ?? undefined, extensions: e.extensions ?? undefined });
    (error as { locations?: unknown }).locations = e.locations;
    return error;
  });
  return { ...result, errors };
}
