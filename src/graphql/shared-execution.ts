import { createSourceEventStream, execute, type ExecutionArgs, type ExecutionResult } from 'graphql';
import type { Viewer } from '../auth/viewer';

type Result = ExecutionResult | Promise<ExecutionResult>;

/** Subscription contexts → their share key (set by the graphql-ws server at subscribe). */
const shareKeys = new WeakMap<object, string>();
/** Per published payload (the fan-out hands every listener the same object), the result per share key. */
const results = new WeakMap<object, Map<string, Result>>();

/**
 * What a subscription result can depend on besides the event: the operation (text, variables,
 * name) and the viewer's scope (role, department, channel: the inputs of every visibility and
 * masking rule). Subscribers with equal keys get equal results for the same event.
 */
export function shareKey(viewer: Viewer | null, query: string, variables: unknown, operationName: unknown): string {
  const scope = viewer ? [viewer.role, viewer.departmentId ?? '', viewer.departmentPath ?? '', viewer.channelId ?? ''].join('|') : '';
  return JSON.stringify([scope, query, variables ?? null, operationName ?? null]);
}

/** Lets subscriptions run with `contextValue` share results with others of the same key. */
export function shareResults(contextValue: object, key: string): void {
  shareKeys.set(contextValue, key);
}

/**
 * 一次执行，多处推送 graphql `subscribe` that executes the selection once per event for all
 * subscribers with the same share key, instead of once per subscriber: with ten thousand
 * subscribers an event costs one execution (one document read, one set of field resolvers) and
 * ten thousand socket writes. Replayed events are the subscriber's own objects, so they are
 * executed for that subscriber alone. Otherwise the same as graphql's own `subscribe`.
 * So a field reachable from a subscription must depend on nothing of the viewer beyond the scope
 * in shareKey, and have no per-token side effect (audited reveals are mutations, not fields).
 */
export async function subscribeShared(args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in Object(source))) return source as ExecutionResult;
  const key = args.contextValue ? shareKeys.get(args.contextValue as object) : undefined;
  const run = (payload: unknown): Result => {
    if (key === undefined || typeof payload !== 'object' || payload === null) return execute({ ...args, rootValue: payload });
    let byKey = results.get(payload);
    if (!byKey) results.set(payload, (byKey = new Map()));
    let result = byKey.get(key);
    if (!result) byKey.set(key, (result = execute({ ...args, rootValue: payload })));
    return result;
  };
  return mapResults(source as AsyncIterable<unknown>, run);
}

function mapResults(source: AsyncIterable<unknown>, run: (payload: unknown) => Result): AsyncIterableIterator<ExecutionResult> {
  const iterator = source[Symbol.asyncIterator]();
  const close = async () => {
    await iterator.return?.();
    return { value: undefined, done: true } as const;
  };
  return {
    async next() {
      const step = await iterator.next();
      if (step.done) return { value: undefined, done: true };
      try {
        return { value: await run(step.value), done: false };
      } catch (error) {
        await close();
        throw error;
      }
    },
    return: close,
    async throw(error: unknown) {
      await close();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
