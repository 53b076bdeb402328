import type { Server } from 'node:http';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ApolloServer, type ApolloServerPlugin, type GraphQLRequestContext } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express, type Request } from 'express';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import { bearer, viewerFromToken } from '../auth/tokens';
import { HTTP_STATUS, HubError, unauthenticated, type ErrorCode } from '../common/errors';
import { redactedStack } from '../common/log-safety';
import { isDatabaseUnavailable } from '../db/unavailable';
import { createContext, type HubContext } from '../graphql/context';
import { formatError, isErrorCode, rootCause } from '../graphql/format-error';
import { compiledQueryGateway } from '../graphql/jit-executor';
import { assertComplexity, depthLimitRule } from '../graphql/limits';
import { DocumentGate, type Preflight } from '../graphql/preflight';
import type { HubServices } from '../services';
import { graphqlOperations } from './metrics';
import { assertWithinRate } from './rate-limit';

/** Seconds a client should wait after UNAVAILABLE or RATE_LIMITED without a better figure. */
const RETRY_AFTER_SECONDS = 5;

/**
 * GraphQL over HTTP (Apollo Server 5) at /graphql. Before anything costly, each request is
 * checked in this order (all answer `{ errors: [{ message, extensions: { code, messageZh,
 * messageEn } }] }` with a 4xx status):
 *   1. body size (GRAPHQL_MAX_BODY_BYTES) and JSON (http/app.ts's error handler);
 *   2. no NUL or lone surrogate in the query or any variable string;
 *   3. the document's shape (graphql/preflight.ts: tokens, selections, aliases, root fields);
 *   4. the token, and its request rate (one budget with WebSocket; without a valid token, the
 *      address's) (RATE_LIMITED, 429);
 *   5. without a valid token only introspection is served (UNAUTHENTICATED, 401);
 * then Apollo validates (depth) and the complexity budget is checked (QUERY_TOO_COMPLEX, 400).
 * The operation's cost is returned in `extensions.cost { requested, limit }`.
 */
export async function mountGraphqlHttp(
  app: Express,
  httpServer: Server,
  schema: GraphQLSchema,
  services: HubServices,
  log: Logger,
  extraPlugins: ApolloServerPlugin<HubContext>[] = [],
): Promise<ApolloServer<HubContext>> {
  const { maxQueryDepth, maxQueryComplexity, graphqlLimits } = services.config;
  const gate = new DocumentGate(graphqlLimits);
  const costs = new WeakMap<object, number>();

  const limits: ApolloServerPlugin<HubContext> = {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation, contextValue }) {
          try {
            // Once per document and variables shape (graphql/preflight.ts DocumentGate.cost): the same answer or the same error.
            const cost = gate.cost(request.query, request.operationName, request.variables, () =>
              assertComplexity(schema, document, request.variables, request.operationName, maxQueryComplexity),
            );
            costs.set(contextValue, cost);
          } catch (error) {
            throw withHttpStatus(error);
          }
          graphqlOperations.inc({ type: operation?.operation ?? 'unknown', outcome: 'started' });
        },
        async didEncounterErrors({ errors, contextValue, operationName }) {
          for (const error of errors) {
            // A client's mistake (any code but INTERNAL once formatted) is not ours to log.
            if (formatError({ message: error.message, extensions: error.extensions }, error).extensions?.code !== 'INTERNAL') continue;
            // Logged by class, code and place, never by message: graphql-js and SQL messages quote the
            // client's values (personal data). The stack has no values.
            const cause = rootCause(error);
            log.error(
              {
                requestId: contextValue?.requestId,
                operationName,
                path: error.path,
                errorClass: cause?.constructor?.name,
                sqlState: (cause as { code?: unknown })?.code,
                stack: redactedStack(cause),
              },
              'GraphQL error',
            );
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const cost = costs.get(contextValue);
          if (cost !== undefined) result.extensions = { ...result.extensions, cost: { requested: cost, limit: maxQueryComplexity } };
          setStatusFromErrors(response.http, result.errors, result.data);
        },
      };
    },
  };

  const apollo = new ApolloServer<HubContext>({
    // The hub's schema, queries executed compiled (graphql/jit-executor.ts: Apollo's only executor hook).
    gateway: compiledQueryGateway(schema),
    // Introspection is public: the schema is the open-source code's, and GraphiQL and codegen need it
    // before a token is entered. Nothing else runs without a token (see the context below).
    introspection: true,
    parseOptions: { maxTokens: graphqlLimits.maxTokens },
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
    express.json({ limit: graphqlLimits.maxBodyBytes }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        // Other methods: Apollo answers 405 itself.
        if (req.method !== 'GET' && req.method !== 'POST') return createContext(services, null, req.id);
        try {
          const token = bearer(req.headers.authorization);
          const checked = checkRequest(req, gate);
          const em = services.orm.em.fork() as EntityManager;
          const viewer = token ? await viewerFromToken(em, token, services.tokenCache) : null;
          // One budget per token for HTTP and WebSocket together; without a valid token, per address.
          assertWithinRate(services.rateLimits, viewer, req.socket.remoteAddress);
          // Without a token only introspection runs. A request with no query text at all is Apollo's to
          // refuse (400), unless it names a persisted query, which could be anything.
          if (!viewer && !checked?.isPublic && (checked || namesPersistedQuery(req))) throw unauthenticated();
          return createContext(services, viewer, req.id, em);
        } catch (error) {
          throw withHttpStatus(error);
        }
      },
    }),
  );
  return apollo;
}

/** Query text and variables of a GET or POST, checked before the token (graphql/preflight.ts). */
function checkRequest(req: Request, gate: DocumentGate): Preflight | null {
  const body = (req.method === 'GET' ? req.query : req.body) as Record<string, unknown> | undefined;
  if (!body || typeof body !== 'object' || Array.isArray(body)) return null; // Apollo answers these (400)
  let variables = body.variables;
  if (typeof variables === 'string') {
    try {
      variables = JSON.parse(variables);
    } catch {
      variables = undefined; // Apollo answers the malformed JSON
    }
  }
  return gate.check(body.query, body.operationName, variables);
}

function namesPersistedQuery(req: Request): boolean {
  const body = (req.method === 'GET' ? req.query : req.body) as { extensions?: unknown } | undefined;
  const extensions = body?.extensions;
  return typeof extensions === 'string' ? extensions.includes('persistedQuery') : !!(extensions as { persistedQuery?: unknown } | undefined)?.persistedQuery;
}

/**
 * Request errors (no `data`) answer the status of their code; UNAVAILABLE anywhere answers 503 with
 * Retry-After, so clients and proxies back off; INTERNAL with nothing answered (data null) is 500.
 * Errors on single fields of a valid operation keep 200.
 */
function setStatusFromErrors(
  http: GraphQLRequestContext<HubContext>['response']['http'],
  errors: readonly GraphQLFormattedError[] | undefined,
  data: unknown,
): void {
  if (!errors?.length) return;
  const codes = errors.map((e) => e.extensions?.code);
  if (codes.includes('UNAVAILABLE')) {
    http.status = 503;
    http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
    return;
  }
  // Nothing could be answered because of our own failure: say so to monitoring (500).
  if (codes.includes('INTERNAL') && data === null) {
    http.status = 500;
    return;
  }
  if (data !== undefined) return;
  // Apollo's own request errors already carry their status (400 validation, 405 GET mutation…).
  if (http.status !== undefined && http.status !== 200 && http.status < 500) return;
  const first = codes[0];
  if (isErrorCode(first) && first !== 'PERSISTED_QUERY_NOT_FOUND') http.status = HTTP_STATUS[first];
}

/** Gives an error raised before execution the HTTP status of its code (Apollo answers 500 otherwise). */
function withHttpStatus(raised: unknown): unknown {
  const error = isDatabaseUnavailable(raised) ? new HubError('UNAVAILABLE') : raised;
  if (!(error instanceof HubError)) return error;
  const code = error.extensions.code as ErrorCode;
  if (!error.extensions.http) {
    const headers = new Map<string, string>();
    if (code === 'UNAVAILABLE' || code === 'RATE_LIMITED') headers.set('retry-after', String(error.extensions.retryAfterSeconds ?? RETRY_AFTER_SECONDS));
    (error.extensions as Record<string, unknown>).http = { status: HTTP_STATUS[code], headers };
  }
  return error;
}
