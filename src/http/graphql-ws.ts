import type { IncomingMessage, Server } from 'node:http';
import type { GraphQLError, GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Logger } from 'pino';
import { bearer, viewerFromToken } from '../auth/tokens';
import { tokenIsActive } from '../auth/token-revocation';
import type { Viewer } from '../auth/viewer';
import { HubError } from '../common/errors';
import { Topics, type TokenRevokedMessage } from '../events/topics';
import { createContext } from '../graphql/context';
import { assertComplexity, depthLimitRule } from '../graphql/limits';
import { shareKey, shareResults, subscribeShared } from '../graphql/shared-execution';
import { ValidatedDocuments } from '../graphql/validated-documents';
import { DocumentGate, type Preflight } from '../graphql/preflight';
import { validationMessageEn, validationMessageZh } from '../graphql/error-messages';
import type { HubServices } from '../services';
import { rateLimitedError } from './rate-limit';

type ConnectionExtra = { viewer?: Viewer; socket: WebSocket; request: IncomingMessage } & Record<PropertyKey, unknown>;

/** Close codes (graphql-ws uses 4400–4499 for its own: 4403 Forbidden, 4408 init timeout …). */
export const WS_CLOSE = {
  /** Revoked or expired token. */
  TOKEN_REVOKED: 4403,
  /** Too many connections for this token. */
  TOO_MANY_CONNECTIONS: 4429,
  /** A frame larger than MINYI_WS_MAX_PAYLOAD_BYTES (set by ws itself). */
  MESSAGE_TOO_BIG: 1009,
} as const;

/** Per socket, from the upgrade on. */
interface SocketState {
  address: string;
  /** connection_init accepted (the socket no longer counts as anonymous). */
  authenticated: boolean;
  closed: boolean;
}

/** Token ids revoked while this instance runs, remembered for a socket whose connection_init was being checked meanwhile. */
const REVOKED_MEMORY = 10_000;

/**
 * GraphQL over WebSocket (graphql-ws) on the same port and path. The token comes in
 * connectionParams.authorization ("Bearer <token>" or the bare token); without a valid one the
 * connection is refused (4403 Forbidden).
 *
 * Limits (config.ws, all per instance): frames above MINYI_WS_MAX_PAYLOAD_BYTES close the socket
 * (1009) before they are buffered; connection_init must come within MINYI_WS_INIT_TIMEOUT_MS
 * (4408); upgrades beyond MINYI_WS_MAX_CONNECTIONS get HTTP 503, and beyond
 * MINYI_WS_MAX_ANONYMOUS_PER_ADDRESS not-yet-authenticated sockets from one address HTTP 429;
 * a token's connection beyond MINYI_WS_MAX_CONNECTIONS_PER_TOKEN is closed with 4429; a subscribe
 * beyond MINYI_WS_MAX_SUBSCRIPTIONS_PER_CONNECTION / _PER_TOKEN, or beyond the token's request rate
 * (http/rate-limit.ts), gets a RATE_LIMITED error. A revoked token (TOKEN_REVOKED event, or found
 * revoked or expired when a subscribe message comes) closes its sockets with 4403.
 */
export function mountGraphqlWs(httpServer: Server, schema: GraphQLSchema, services: HubServices, log: Logger) {
  const limits = services.config.ws;
  const states = new WeakMap<WebSocket, SocketState>();
  const anonymousByAddress = new Map<string, number>();
  const byToken = new Map<number, Set<{ extra: ConnectionExtra; subscriptions: Record<string, unknown> }>>();
  const revoked = new Set<number>();

  const leaveAnonymous = (state: SocketState) => {
    if (state.authenticated) return;
    state.authenticated = true; // (or closed): no longer counted
    const n = (anonymousByAddress.get(state.address) ?? 1) - 1;
    if (n > 0) anonymousByAddress.set(state.address, n);
    else anonymousByAddress.delete(state.address);
  };

  const wsServer: WebSocketServer = new WebSocketServer({
    server: httpServer,
    path: '/graphql',
    maxPayload: limits.maxPayloadBytes,
    // Refused before the handshake completes: no socket, no buffers.
    verifyClient: (info, done) => {
      if (wsServer.clients.size >= limits.maxConnections) {
        log.warn({ limit: 'MINYI_WS_MAX_CONNECTIONS' }, 'websocket refused');
        return done(false, 503, 'Too many WebSocket connections / 连接数已满', { 'Retry-After': '5' });
      }
      const address = info.req.socket.remoteAddress ?? 'unknown';
      if ((anonymousByAddress.get(address) ?? 0) >= limits.maxAnonymousPerAddress) {
        log.warn({ limit: 'MINYI_WS_MAX_ANONYMOUS_PER_ADDRESS' }, 'websocket refused');
        return done(false, 429, 'Too many unauthenticated WebSocket connections from this address / 未认证连接过多', { 'Retry-After': '5' });
      }
      done(true);
    },
  });

  const { maxQueryDepth, maxQueryComplexity } = services.config;
  // graphql-ws executes what onSubscribe returns as is: validated here, with the same limits as HTTP.
  const documents = new ValidatedDocuments(schema, [depthLimitRule(maxQueryDepth)]);
  const gate = new DocumentGate(services.config.graphqlLimits);
  const handle = useServer<Record<string, unknown>, ConnectionExtra>(
    {
      schema,
      connectionInitWaitTimeout: limits.initTimeoutMs,
      onConnect: async (ctx) => {
        const { socket } = ctx.extra;
        const state = states.get(socket);
        const raw = ctx.connectionParams?.authorization;
        const token = typeof raw === 'string' ? (bearer(raw) ?? raw) : null;
        const viewer = await viewerFromToken(services.orm.em.fork(), token);
        if (!viewer || !state || state.closed || revoked.has(viewer.tokenId)) return false;
        let sockets = byToken.get(viewer.tokenId);
        if (sockets && sockets.size >= limits.maxConnectionsPerToken) {
          log.warn({ tokenId: viewer.tokenId, limit: 'MINYI_WS_MAX_CONNECTIONS_PER_TOKEN' }, 'websocket refused');
          socket.close(WS_CLOSE.TOO_MANY_CONNECTIONS, `Too many connections for this token (max ${limits.maxConnectionsPerToken}) / 连接数过多`);
          return false;
        }
        if (!sockets) byToken.set(viewer.tokenId, (sockets = new Set()));
        sockets.add(ctx as never);
        leaveAnonymous(state);
        ctx.extra.viewer = viewer;
        return true;
      },
      onClose: (ctx) => {
        const tokenId = ctx.extra.viewer?.tokenId;
        if (tokenId === undefined) return;
        const sockets = byToken.get(tokenId);
        sockets?.delete(ctx as never);
        if (sockets && !sockets.size) byToken.delete(tokenId);
      },
      onSubscribe: async (ctx, id, payload) => {
        const viewer = ctx.extra.viewer ?? null;
        if (viewer) {
          // Cheap checks first (this subscribe is already counted in ctx.subscriptions).
          const rate = services.rateLimits.take(viewer, states.get(ctx.extra.socket)?.address);
          if (!rate.ok) return [rateLimitedError(rate.retryAfterSeconds)];
          if (Object.keys(ctx.subscriptions).length > limits.maxSubscriptionsPerConnection) {
            return [
              new HubError('RATE_LIMITED', {
                zh: `每个连接最多 ${limits.maxSubscriptionsPerConnection} 个订阅`,
                en: `At most ${limits.maxSubscriptionsPerConnection} subscriptions per connection`,
              }),
            ];
          }
          let perToken = 0;
          for (const other of byToken.get(viewer.tokenId) ?? []) perToken += Object.keys(other.subscriptions).length;
          if (perToken > limits.maxSubscriptionsPerToken) {
            return [
              new HubError('RATE_LIMITED', {
                zh: `每个令牌最多 ${limits.maxSubscriptionsPerToken} 个订阅`,
                en: `At most ${limits.maxSubscriptionsPerToken} subscriptions per token`,
              }),
            ];
          }
          // The token may have been revoked (on another instance, or while this one was away) or expired.
          if (!(await tokenIsActive(services.orm.em.fork(), viewer.tokenId))) {
            ctx.extra.socket.close(WS_CLOSE.TOKEN_REVOKED, 'Token revoked or expired / 令牌已吊销或过期');
            return [new HubError('UNAUTHENTICATED')];
          }
        }
        // The same gate as GraphQL over HTTP: clean strings, then the document's shape.
        let shape: Preflight | null;
        try {
          shape = gate.check(payload.query, payload.operationName, payload.variables);
        } catch (error) {
          return [error as GraphQLError];
        }
        const checked = documents.get(payload.query, shape?.document);
        if ('syntaxError' in checked) {
          return [new HubError('BAD_USER_INPUT', { zh: '查询语法错误', en: checked.syntaxError })];
        }
        const { document, errors } = checked;
        if (errors.length) {
          return errors.map((e) =>
            e.extensions?.code ? e : new HubError('BAD_USER_INPUT', { zh: validationMessageZh(e.message), en: validationMessageEn(e.message) }),
          );
        }
        try {
          assertComplexity(schema, document, payload.variables ?? undefined, payload.operationName, maxQueryComplexity);
        } catch (error) {
          return [error as GraphQLError];
        }
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
      onError: (ctx, id, payload, errors) => {
        // Codes and names only: messages and variables may carry personal data.
        log.warn(
          {
            subscription: id,
            tokenId: ctx.extra.viewer?.tokenId,
            operationName: payload.operationName?.slice(0, 100),
            codes: errors.map((e) => (e.extensions?.code as string | undefined) ?? 'UNKNOWN'),
          },
          'subscription error',
        );
      },
    },
    wsServer,
  );

  // After graphql-ws's own listener, so its per-socket 'error' handler (console.error with a stack
  // for every oversized frame a client sends) can be replaced by a quiet one.
  wsServer.on('connection', (socket: WebSocket, request: IncomingMessage) => {
    const state: SocketState = { address: request.socket.remoteAddress ?? 'unknown', authenticated: false, closed: false };
    states.set(socket, state);
    anonymousByAddress.set(state.address, (anonymousByAddress.get(state.address) ?? 0) + 1);
    socket.removeAllListeners('error');
    socket.on('error', (error: Error & { code?: string }) => {
      // ws has already started closing (1009 for a frame above maxPayload, 1002 for a protocol error).
      log.debug({ code: error.code ?? error.name }, 'websocket error');
      socket.close(1011);
    });
    socket.once('close', () => {
      leaveAnonymous(state);
      state.closed = true;
    });
  });

  const unlisten = services.bus.listen(Topics.TOKEN_REVOKED, (message) => {
    const { tokenId } = message as unknown as TokenRevokedMessage;
    if (typeof tokenId !== 'number') return;
    revoked.add(tokenId);
    if (revoked.size > REVOKED_MEMORY) revoked.delete(revoked.values().next().value as number);
    const sockets = byToken.get(tokenId);
    if (!sockets) return;
    log.info({ tokenId, sockets: sockets.size }, 'token revoked: closing its websockets');
    for (const ctx of sockets) ctx.extra.socket.close(WS_CLOSE.TOKEN_REVOKED, 'Token revoked / 令牌已吊销');
  });

  return {
    async close() {
      unlisten();
      await handle.dispose();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
    },
  };
}
