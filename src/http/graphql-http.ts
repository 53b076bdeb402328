import type { Server } from 'node:http';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express } from 'express';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import { bearer, viewerFromToken } from '../auth/tokens';
import { ERROR_CODES } from '../common/errors';
import { createContext, type HubContext } from '../graphql/context';
import { formatError } from '../graphql/format-error';
import { assertComplexity, depthLimitRule } from '../graphql/limits';
import type { HubServices } from '../services';
import { graphqlOperations } from './metrics';

/** GraphQL over HTTP (Apollo Server 5) at /graphql, with the abuse limits and error policy. */
export async function mountGraphqlHttp(
  app: Express,
  httpServer: Server,
  schema: GraphQLSchema,
  services: HubServices,
  log: Logger,
  extraPlugins: ApolloServerPlugin<HubContext>[] = [],
): Promise<ApolloServer<HubContext>> {
  const { maxQueryDepth, maxQueryComplexity } = services.config;

  const limits: ApolloServerPlugin<HubContext> = {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation }) {
          assertComplexity(schema, document, request.variables, request.operationName, maxQueryComplexity);
          graphqlOperations.inc({ type: operation?.operation ?? 'unknown', outcome: 'started' });
        },
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            const code = error.extensions?.code as string | undefined;
            if (!code || !(code in ERROR_CODES) || code === 'INTERNAL') {
              // Logged with the request id; the client sees only INTERNAL. Never log variables (personal data).
              log.error({ requestId: contextValue?.requestId, err: error.originalError ?? error, path: error.path }, 'GraphQL error');
            }
          }
        },
      };
    },
  };

  const apollo = new ApolloServer<HubContext>({
    schema,
    introspection: true,
    // The hub owns shutdown (main.ts); Apollo's own signal handler would race it.
    stopOnTerminationSignals: false,
    validationRules: [depthLimitRule(maxQueryDepth)],
    formatError: (formatted, error) => formatError(formatted, error),
    includeStacktraceInErrorResponses: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(), // GraphiQL (Ruru) is served by http/app.ts
      ApolloServerPluginCacheControlDisabled(), // no HTTP caching of personal data; also spares a per-field hook
      limits,
      ...extraPlugins,
    ],
  });
  await apollo.start();

  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const em = services.orm.em.fork() as EntityManager;
        const viewer = await viewerFromToken(em, bearer(req.headers.authorization));
        return createContext(services, viewer, req.id, em);
      },
    }),
  );
  return apollo;
}
