import * as http from 'node:http';
import * as https from 'node:https';
import { ChannelError } from '../../src/ingest/connector';

/**
 * The HTTP transport the pull connectors share: one request with a timeout and a body-size limit,
 * every failure a RETRYABLE ChannelError naming the channel (`label`) and the call (`what`).
 */

/** A response larger than this is refused (RETRYABLE). */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface HttpRequest {
  /** The channel, as the error messages start (`12315`, `board`). */
  label: string;
  /** The call, for error messages (`GET /cases`). */
  what: string;
  method: string;
  url: URL;
  headers: Record<string, string | number>;
  /** A JSON body, sent as UTF-8 with this Content-Type. */
  body?: string;
  contentType?: string;
  agent: http.Agent;
  timeoutMs: number;
}

/** A keep-alive agent for the channel's base URL (at most 4 sockets). */
export function keepAliveAgent(baseUrl: string): http.Agent {
  const secure = baseUrl.startsWith('https:');
  return secure ? new https.Agent({ keepAlive: true, maxSockets: 4 }) : new http.Agent({ keepAlive: true, maxSockets: 4 });
}

/** One request; resolves with any HTTP status, rejects (RETRYABLE) on timeout, network error or an oversized body. */
export function requestText(request: HttpRequest): Promise<HttpResponse> {
  const { label, what, method, url, agent, timeoutMs } = request;
  const transport = url.protocol === 'https:' ? https : http;
  const headers = { ...request.headers };
  const payload = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
  if (payload) {
    headers['Content-Type'] = request.contentType ?? 'application/json; charset=utf-8';
    headers['Content-Length'] = payload.length;
  }
  return new Promise<HttpResponse>((resolve, reject) => {
    let settled = false;
    const fail = (error: ChannelError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      reject(error);
    };
    const req = transport.request(url, { method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) fail(new ChannelError('RETRYABLE', `${label}: ${what} response larger than ${MAX_BODY_BYTES} bytes / 响应过大`));
        else chunks.push(chunk);
      });
      res.on('error', () => fail(new ChannelError('RETRYABLE', `${label}: ${what} response interrupted / 响应中断`)));
      res.on('end', () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        // Non-fatal decoding: a stray invalid byte becomes U+FFFD in its record instead of blocking the page.
        const text = new TextDecoder('utf-8').decode(Buffer.concat(chunks));
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text });
      });
    });
    const timer = setTimeout(() => fail(new ChannelError('RETRYABLE', `${label}: ${what} timed out after ${timeoutMs} ms / 请求超时`)), timeoutMs);
    req.on('error', (error: NodeJS.ErrnoException) =>
      fail(new ChannelError('RETRYABLE', `${label}: ${what} failed (${error.code ?? 'network error'}) / 网络错误`)),
    );
    req.end(payload);
  });
}

/** `Retry-After` in integer seconds → ms, clamped to 1–300 s (the runtime waits exactly this long); undefined when absent or not seconds. */
export function parseRetryAfter(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value || !/^\s*[0-9]+\s*$/.test(value)) return undefined;
  return Math.min(Math.max(Number(value), 1), 300) * 1000;
}

/** A JSON object, or null (not JSON, or not an object). */
export function parseJsonObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Text from the other side, made safe for one log line. */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, ' ');
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}
