import type { IncomingMessage, Server } from 'node:http';
import { type ExecutionResult, type FormattedExecutionResult, GraphQLError, type GraphQLSchema, getOperationAST } from 'graphql';
import { CloseCode, type Context, handleProtocols, makeServer, type SubscribePayload, type WebSocket as GraphqlWsSocket } from 'graphql-ws';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { Logger } from 'pino';
import { bearer, viewerFromToken } from '../auth/tokens';
import { tokenIsActive } from '../auth/token-revocation';
import type { Viewer } from '../auth/viewer';
import { HubError } from '../common/errors';
import { Topics, type TokenRevokedMessage } from '../events/topics';
import { createContext, type HubContext } from '../graphql/context';
import { assertComplexity, depthLimitRule } from '../graphql/limits';
import { nextPayload, shareKey, shareResults, subscribeShared } from '../graphql/shared-execution';
import { ValidatedDocuments } from '../graphql/validated-documents';
import { DocumentGate, type Preflight } from '../graphql/preflight';
import { validationMessageEn, validationMessageZh } from '../graphql/error-messages';
import type { HubServices } from '../services';
import { rateLimitedError } from './rate-limit';

/** Close codes (graphql-ws uses 4400–4499 for its own: 4403 Forbidden, 4408 init timeout …). */
export const WS_CLOSE = {
  /** Revoked or expired token. */
  TOKEN_REVOKED: 4403,
  /** Too many connections for this token. */
  TOO_MANY_CONNECTIONS: 4429,
  /** A frame larger than MINYI_WS_MAX_PAYLOAD_BYTES (set by ws itself). */
  MESSAGE_TOO_BIG: 1009,
} as const;

/** Token ids revoked while this instance runs, remembered for a socket whose connection_init was being checked meanwhile. */
const REVOKED_MEMORY = 10_000;
/** Keep-alive: every socket is pinged this often and closed when the previous ping got no pong (graphql-ws's use/ws default). */
const KEEP_ALIVE_MS = 12_000;
/** The Connection of a ws socket (a property, not a WeakMap entry: found by the shared handlers through `this`). */
const CONNECTION = Symbol('minyi.graphql-ws.connection');

const TEXT_FRAME = { binary: false } as const;

/** The last message text sent and its UTF-8 bytes (encoded). */
let lastText = '';
let lastBytes = Buffer.alloc(0);

/**
 * A message's UTF-8 bytes, shared with the previous send when the text is the same: graphql-ws
 * stringifies an event's `next` message once per subscriber, and subscribers of one shared result
 * with the same subscription id get equal texts in a row; ws writes a Buffer as is (servers do not
 * mask), so they all get the one encoding instead of one each.
 */
function encoded(text: string): Buffer {
  if (text !== lastText) {
    lastText = text;
    lastBytes = Buffer.from(text);
  }
  return lastBytes;
}

type HubSocket = WebSocket & { [CONNECTION]?: Connection };

/**
 * 一个连接 One socket, from the upgrade on, as graphql-ws's makeServer sees it (its WebSocket:
 * protocol, send, close, onMessage) and as its `ctx.extra`: a few fields and prototype methods, no
 * closures, timers or upgrade request per socket (use/ws keeps the request and makes a ping
 * interval, a pong timer and several closures per socket).
 */
class Connection implements GraphqlWsSocket {
  readonly protocol: string;
  /** connection_init accepted or socket gone (no longer counted as anonymous). */
  authenticated = false;
  closed = false;
  /** Pinged by the last keep-alive round and not answered yet. */
  awaitingPong = false;
  viewer: Viewer | null = null;
  /** graphql-ws's message handler for this socket (onMessage). */
  handler: ((data: string) => Promise<void>) | null = null;
  /** graphql-ws's close callback for this socket (what opened() returns). */
  whenClosed: ((code?: number, reason?: string) => Promise<void>) | null = null;

  constructor(
    readonly socket: WebSocket,
    readonly address: string,
  ) {
    this.protocol = socket.protocol;
  }

  send(data: string): void {
    // Not awaited per message (use/ws waits for each write's callback): ws queues and writes in order.
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(encoded(data), TEXT_FRAME);
  }

  close(code?: number, reason?: string): void {
    this.socket.close(code, reason);
  }

  onMessage(cb: (data: string) => Promise<void>): void {
    this.handler = cb;
  }
}

type Extra = Connection & Record<PropertyKey, unknown>;
type Ctx = Context<Record<string, unknown>, Extra>;

/**
 * GraphQL over WebSocket (graphql-ws) on the same port and path: graphql-ws's protocol core
 * (makeServer: connection_init, subscribe, complete, ping/pong, close codes, init timeout) over the
 * hub's own slim `ws` adapter, modelled on graphql-ws/use/ws but with one keep-alive timer for all
 * sockets, shared socket handlers, and nothing of the upgrade request kept beyond its address.
 * Subscribers of the same operation and scope share one execution per event and one `next` payload
 * (graphql/shared-execution.ts). The token comes in connectionParams.authorization
 * ("Bearer <token>" or the bare token); without a valid one the connection is refused (4403 Forbidden).
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
  const anonymousByAddress = new Map<string, number>();
  const byToken = new Map<number, Set<Connection>>();
  /**
   * Subscriptions per token (from graphql-ws's onSubscribe to its onComplete, or to the errors
   * onSubscribe answers), against MINYI_WS_MAX_SUBSCRIPTIONS_PER_TOKEN: a running number.
   */
  const perToken = new Map<number, number>();
  const revoked = new Set<number>();

  const countToken = (tokenId: number | undefined, delta: number) => {
    if (tokenId === undefined) return;
    const n = (perToken.get(tokenId) ?? 0) + delta;
    if (n > 0) perToken.set(tokenId, n);
    else perToken.delete(tokenId);
  };

  const leaveAnonymous = (conn: Connection) => {
    if (conn.authenticated) return;
    conn.authenticated = true; // (or closed): no longer counted
    const n = (anonymousByAddress.get(conn.address) ?? 1) - 1;
    if (n > 0) anonymousByAddress.set(conn.address, n);
    else anonymousByAddress.delete(conn.address);
  };

  const wsServer: WebSocketServer = new WebSocketServer({
    server: httpServer,
    path: '/graphql',
    maxPayload: limits.maxPayloadBytes,
    handleProtocols,
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

  /** The checks and execution arguments of a subscribe (already counted), or the errors to answer. */
  const prepare = async (ctx: Ctx, id: string, payload: SubscribePayload) => {
    const conn = ctx.extra;
    const viewer = conn.viewer;
    if (viewer) {
      // Cheap checks first (this subscribe is already in ctx.subscriptions and perToken).
      const rate = services.rateLimits.take(viewer, conn.address);
      if (!rate.ok) return [rateLimitedError(rate.retryAfterSeconds)];
      if (Object.keys(ctx.subscriptions).length > limits.maxSubscriptionsPerConnection) {
        return [
          new HubError('RATE_LIMITED', {
            zh: `每个连接最多 ${limits.maxSubscriptionsPerConnection} 个订阅`,
            en: `At most ${limits.maxSubscriptionsPerConnection} subscriptions per connection`,
          }),
        ];
      }
      if ((perToken.get(viewer.tokenId) ?? 0) > limits.maxSubscriptionsPerToken) {
        return [
          new HubError('RATE_LIMITED', {
            zh: `每个令牌最多 ${limits.maxSubscriptionsPerToken} 个订阅`,
            en: `At most ${limits.maxSubscriptionsPerToken} subscriptions per token`,
          }),
        ];
      }
      // The token may have been revoked (on another instance, or while this one was away) or expired.
      if (!(await tokenIsActive(services.orm.em.fork(), viewer.tokenId))) {
        conn.close(WS_CLOSE.TOKEN_REVOKED, 'Token revoked or expired / 令牌已吊销或过期');
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
    // graphql-ws would answer this itself, but without onComplete (the count would stay up).
    if (!getOperationAST(document, payload.operationName)) {
      return [new GraphQLError('Unable to identify operation')];
    }
    try {
      assertComplexity(schema, document, payload.variables ?? undefined, payload.operationName, maxQueryComplexity);
    } catch (error) {
      return [error as GraphQLError];
    }
    const contextValue = createContext(services, viewer, `ws:${id}`);
    // Live subscribers of the same operation and scope share one fan-out group (one execution per event).
    shareResults(contextValue, shareKey(viewer, payload.query, payload.variables, payload.operationName));
    return { schema, document, variableValues: payload.variables, operationName: payload.operationName, contextValue };
  };

  const server = makeServer<Record<string, unknown>, Extra>({
    schema,
    connectionInitWaitTimeout: limits.initTimeoutMs,
    onConnect: async (ctx) => {
      const conn = ctx.extra;
      const raw = ctx.connectionParams?.authorization;
      const token = typeof raw === 'string' ? (bearer(raw) ?? raw) : null;
      // graphql-ws keeps the connection_init payload for the connection's lifetime: not the token.
      if (ctx.connectionParams) delete (ctx.connectionParams as Record<string, unknown>).authorization;
      const viewer = await viewerFromToken(services.orm.em.fork(), token);
      if (!viewer || conn.closed || revoked.has(viewer.tokenId)) return false;
      let sockets = byToken.get(viewer.tokenId);
      if (sockets && sockets.size >= limits.maxConnectionsPerToken) {
        log.warn({ tokenId: viewer.tokenId, limit: 'MINYI_WS_MAX_CONNECTIONS_PER_TOKEN' }, 'websocket refused');
        conn.close(WS_CLOSE.TOO_MANY_CONNECTIONS, `Too many connections for this token (max ${limits.maxConnectionsPerToken}) / 连接数过多`);
        return false;
      }
      if (!sockets) byToken.set(viewer.tokenId, (sockets = new Set()));
      sockets.add(conn);
      leaveAnonymous(conn);
      conn.viewer = viewer;
      return true;
    },
    onSubscribe: async (ctx, id, payload) => {
      const tokenId = ctx.extra.viewer?.tokenId;
      countToken(tokenId, 1);
      let prepared: Awaited<ReturnType<typeof prepare>>;
      try {
        prepared = await prepare(ctx, id, payload);
      } catch (error) {
        countToken(tokenId, -1);
        throw error;
      }
      if (Array.isArray(prepared)) countToken(tokenId, -1); // answered with errors: no onComplete follows
      return prepared;
    },
    // One execution per event for subscribers of the same operation and scope (graphql/shared-execution.ts).
    subscribe: async (args) => {
      try {
        return await subscribeShared(args);
      } catch (error) {
        countToken((args.contextValue as HubContext | undefined)?.viewer?.tokenId, -1); // no onComplete follows
        throw error;
      }
    },
    // The same payload object for every subscriber of a shared result: built once, only stringified per message.
    onNext: (_ctx, _id, _payload, _args, result) => nextPayload(result as ExecutionResult) as FormattedExecutionResult,
    onComplete: (ctx) => countToken(ctx.extra.viewer?.tokenId, -1),
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
  });

  // Shared handlers (`this` is the socket): nothing is allocated per socket for them.
  function socketMessage(this: HubSocket, data: RawData) {
    const conn = this[CONNECTION];
    if (!conn?.handler) return;
    conn.handler(String(data)).catch((error: unknown) => {
      log.error({ err: error }, 'websocket message handling failed');
      this.close(CloseCode.InternalServerError, 'Internal server error');
    });
  }
  function socketClose(this: HubSocket, code: number, reason: Buffer) {
    const conn = this[CONNECTION];
    if (!conn) return;
    leaveAnonymous(conn);
    conn.closed = true;
    const tokenId = conn.viewer?.tokenId;
    if (tokenId !== undefined) {
      const sockets = byToken.get(tokenId);
      sockets?.delete(conn);
      if (sockets && !sockets.size) byToken.delete(tokenId);
    }
    conn.whenClosed?.(code, String(reason)).catch((error: unknown) => log.error({ err: error }, 'websocket close handling failed'));
    conn.whenClosed = null;
    conn.handler = null;
  }
  function socketError(this: HubSocket, error: Error & { code?: string }) {
    // ws has already started closing (1009 for a frame above maxPayload, 1002 for a protocol error).
    log.debug({ code: error.code ?? error.name }, 'websocket error');
    this.close(1011);
  }
  function socketPong(this: HubSocket) {
    const conn = this[CONNECTION];
    if (conn) conn.awaitingPong = false;
  }

  wsServer.on('connection', (socket: HubSocket, request: IncomingMessage) => {
    // Only the address is kept of the upgrade request (not its headers).
    const conn = new Connection(socket, request.socket.remoteAddress ?? 'unknown');
    socket[CONNECTION] = conn;
    anonymousByAddress.set(conn.address, (anonymousByAddress.get(conn.address) ?? 0) + 1);
    socket.on('error', socketError);
    socket.on('close', socketClose);
    socket.on('message', socketMessage);
    socket.on('pong', socketPong);
    // graphql-ws takes it from here (it closes a socket without its subprotocol with 4406).
    conn.whenClosed = server.opened(conn, conn as Extra);
  });

  // Keep-alive: a ping every KEEP_ALIVE_MS from one timer; no pong by the next round closes the socket.
  const keepAlive = setInterval(() => {
    for (const socket of wsServer.clients as Set<HubSocket>) {
      const conn = socket[CONNECTION];
      if (!conn || socket.readyState !== socket.OPEN) continue;
      if (conn.awaitingPong) {
        socket.terminate();
        continue;
      }
      conn.awaitingPong = true;
      socket.ping();
    }
  }, KEEP_ALIVE_MS);
  keepAlive.unref();

  const unlisten = services.bus.listen(Topics.TOKEN_REVOKED, (message) => {
    const { tokenId } = message as unknown as TokenRevokedMessage;
    if (typeof tokenId !== 'number') return;
    revoked.add(tokenId);
    if (revoked.size > REVOKED_MEMORY) revoked.delete(revoked.values().next().value as number);
    const sockets = byToken.get(tokenId);
    if (!sockets) return;
    log.info({ tokenId, sockets: sockets.size }, 'token revoked: closing its websockets');
    for (const conn of sockets) conn.close(WS_CLOSE.TOKEN_REVOKED, 'Token revoked / 令牌已吊销');
  });

  return {
    async close() {
      unlisten();
      clearInterval(keepAlive);
      for (const socket of wsServer.clients) socket.close(1001, 'Going away');
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
    },
  };
}
