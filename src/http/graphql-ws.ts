import type { Server } from 'node:http';
import { GraphQLError, parse, validate, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Logger } from 'pino';
import { bearer, viewerFromToken } from '../auth/tokens';
import type { Viewer } from '../auth/viewer';
import { HubError } from '../common/errors';
import { createContext } from '../graphql/context';
import { assertComplexity, depthLimitRule } from '../graphql/limits';
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
        let document;
        try {
          document = parse(payload.query);
        } catch (error) {
          return [new HubError('BAD_USER_INPUT', { zh: '查询语法错误', en: (error as Error).message })];
        }
        // graphql-ws executes what onSubscribe returns as is: validate here, with the same limits as HTTP.
        const errors = [...validate(schema, document), ...validate(schema, document, [depthLimitRule(maxQueryDepth)])];
        if (errors.length) {
          return errors.map((e) => (e.extensions?.code ? e : new HubError('BAD_USER_INPUT', { zh: `查询无效：${e.message}`, en: e.message })));
        }
        try {
          assertComplexity(schema, document, payload.variables ?? undefined, payload.operationName, maxQueryComplexity);
        } catch (error) {
          return [error as GraphQLError];
        }
        return {
          schema,
          document,
          variableValues: payload.variables,
          operationName: payload.operationName,
          contextValue: createContext(services, ctx.extra.viewer ?? null, `ws:${id}`),
        };
      },
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
