import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface Subscriber<T> {
  /** What arrived, in order (data of the subscribed field). */
  events: T[];
  errors: unknown[];
  /** Resolves once the server acknowledged the connection (and had time to register the subscription). */
  started: Promise<void>;
  stop(): Promise<void>;
}

/** A real graphql-ws client over a real socket, collecting `field` of each result. */
export function subscribeWs<T = any>(wsUrl: string, token: string, query: string, variables: Record<string, unknown> = {}): Subscriber<T> {
  const events: T[] = [];
  const errors: unknown[] = [];
  const client: Client = createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: (error) => errors.push(error),
  });
  let ready!: () => void;
  const started = new Promise<void>((resolve) => (ready = resolve));
  client.on('connected', () => setTimeout(ready, 150)); // the subscription is registered right after connect
  const unsubscribe = client.subscribe(
    { query, variables },
    {
      next: (value) => {
        if (value.errors) errors.push(value.errors);
        const data = value.data as Record<string, T> | undefined;
        if (data) events.push(Object.values(data)[0]);
      },
      error: (error) => errors.push(error),
      complete: () => undefined,
    },
  );
  return {
    events,
    errors,
    started,
    async stop() {
      unsubscribe();
      await client.dispose();
    },
  };
}

export async function waitFor(check: () => boolean, ms = 10_000, what = 'condition'): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
