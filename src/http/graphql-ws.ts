import type { Server } from 'node:http';
import type { GraphQLError, GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Logger } from 'pino';
import { bearer, viewerFromToken } from '../auth/tokens';
import type { Viewer } from '../auth/viewer';
import { HubError } from '../common/errors';
import { createContext } from '../graphql/context';
import { assertComplexity, depthLimitRule } from '../graphql/limits';
import { shareKey, shareResults, subscribeShared } from '../graphql/shared-execution';
import { ValidatedDocuments } from '../graphql/validated-documents';
import type { HubServices } from '../services';

type ConnectionExtra = { viewer?: Viewer } & Record<PropertyKey, unknown>;

/**
 * GraphQL over WebSocket (graphql-ws) on the same port and path. The token comes in
 * connectionParams.authorization ("Bearer <token>" or the bare token); without a valid one the
 * connection is refused (4403 Forbidden).
 */
export function mountGraphqlWs(httpServer: Server, schema: GraphQLSchema, services: HubServices, log: Logger) {
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const { maxQueryDepth, maxQueryComplexity } = services.config;
  // graphql-ws executes what onSubscribe returns as is: validated here, with the same limits as HTTP.
  const documents = new ValidatedDocuments(schema, [depthLimitRule(maxQueryDepth)]);
  const handle = useServer<Record<string, unknown>, ConnectionExtra>(
    {
      schema,
      onConnect: async (ctx) => {
        const raw = ctx.connectionParams?.authorization;
        const token = typeof raw === 'string' ? (bearer(raw) ?? raw) : null;
        const viewer = await viewerFromToken(services.orm.em.fork(), token);
        if (!viewer) return false;
        ctx.extra.viewer = viewer;
        return true;
      },
      onSubscribe: (ctx, id, payload) => {
        const checked = documents.get(payload.query);
        if ('syntaxError' in checked) {
          return [new HubError('BAD_USER_INPUT', { zh: '查询语法错误', en: checked.syntaxError })];
        }
        const { document, errors } = checked;
        if (errors.length) {
          return errors.map((e) => (e.extensions?.code ? e : new HubError('BAD_USER_INPUT', { zh: `查询无效：${e.message}`, en: e.message })));
        }
        try {
          assertComplexity(schema, document, payload.variables ?? undefined, payload.operationName, maxQueryComplexity);
        } catch (error) {
          return [error as GraphQLError];
        }
        const viewer = ctx.extra.viewer ?? null;
        const contextValue = createContext(services, viewer, `ws:${id}`);
        shareResults(contextValue, shareKey(viewer, payload.query, payload.variables, payload.operationName));
        return {
          schema,
          document,
          variableValues: payload.variables,
          operationName: payload.operationName,
          contextValue,
        };
      },
      // One execution per event for subscribers of the same operation and scope (graphql/shared-execution.ts).
      subscribe: subscribeShared,
      onError: (_ctx, id, _payload, errors) => {
        log.warn({ subscription: id, errors: errors.map((e) => e.message) }, 'subscription error');
      },
    },
    wsServer,
  );
  return {
    async close() {
      await handle.dispose();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
    },
  };
}
