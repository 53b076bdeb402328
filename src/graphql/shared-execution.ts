import { createSourceEventStream, execute, type ExecutionArgs, type ExecutionResult } from 'graphql';
import type { Viewer } from '../auth/viewer';
import { ReplayThenLive } from '../events/replay';

type Result = ExecutionResult | Promise<ExecutionResult>;

/** Subscription contexts → their share key (set by the graphql-ws server at subscribe). */
const shareKeys = new WeakMap<object, string>();
/** Per published payload (the fan-out hands every listener the same object), the result per share key. */
const results = new WeakMap<object, Map<string, Result>>();
/** Per shared result, its `next` message payload as graphql-ws would build it (nextPayload). */
const payloads = new WeakMap<ExecutionResult, Record<string, unknown>>();
/** The live fan-out groups, by share key. */
const groups = new Map<string, FanoutGroup>();

/**
 * What a subscription result can depend on besides the event: the operation (text, variables,
 * name) and the viewer's scope (role, department, channel: the inputs of every visibility and
 * masking rule). Subscribers with equal keys get equal results for the same event.
 */
export function shareKey(viewer: Viewer | null, query: string, variables: unknown, operationName: unknown): string {
  const scope = viewer ? [viewer.role, viewer.departmentId ?? '', viewer.departmentPath ?? '', viewer.channelId ?? ''].join('|') : '';
  return JSON.stringify([scope, query, variables ?? null, operationName ?? null]);
}

/** Lets subscriptions run with `contextValue` share results (and, when live, a fan-out group) with others of the same key. */
export function shareResults(contextValue: object, key: string): void {
  shareKeys.set(contextValue, key);
}

/**
 * The payload of the `next` message for `result`, built as graphql-ws builds it (the result
 * without `errors`, then the errors as JSON when there are any) once per result object: the
 * subscribers that share a result (same event, same share key) share this object too, so graphql-ws
 * (via its onNext hook) only has to stringify it into each subscriber's message.
 */
export function nextPayload(result: ExecutionResult): Record<string, unknown> {
  let payload = payloads.get(result);
  if (!payload) {
    const { errors, ...withoutErrors } = result;
    payload = { ...withoutErrors, ...(errors ? { errors: errors.map((e) => e.toJSON()) } : {}) };
    payloads.set(result, payload);
  }
  return payload;
}

/** Live fan-out groups and their subscribers (tests and metrics). */
export function fanoutStats(): { groups: number; subscribers: number } {
  let subscribers = 0;
  for (const group of groups.values()) subscribers += group.size;
  return { groups: groups.size, subscribers };
}

/**
 * 一次执行，多处推送 graphql `subscribe` for the graphql-ws server (its `subscribe` option).
 *
 * A live subscription (no `since` replay pending) with a share key joins the fan-out group of its
 * key: one source stream per group (the first subscriber's, its filter judged once per event for
 * the whole group), one execution per event, and the same result object handed to every member's
 * iterator (which graphql-ws iterates and sends). A subscriber costs the group a small iterator
 * record; its own source stream is closed at once. The iterator ends when the subscriber leaves
 * (`return`), and ends or fails when the group's stream does.
 *
 * Otherwise (a `since` replay, no key) the selection still executes once per event for all
 * subscribers with the same share key; replayed events are the subscriber's own objects, so they
 * are executed for that subscriber alone. So a field reachable from a subscription must depend on
 * nothing of the viewer beyond the scope in shareKey, and have no per-token side effect (audited
 * reveals are mutations, not fields).
 */
export async function subscribeShared(args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in Object(source))) return source as ExecutionResult;
  const key = args.contextValue ? shareKeys.get(args.contextValue as object) : undefined;
  // Read once: the subscription keeps its context (graphql-ws holds its execution arguments), not the key's text.
  if (key !== undefined) shareKeys.delete(args.contextValue as object);
  if (key !== undefined && source instanceof ReplayThenLive && source.caughtUp) {
    const group = groups.get(key);
    if (group) {
      // Caught up with nothing heard yet: the group's stream has everything this one would yield.
      void source.return();
      return group.join();
    }
    const created = new FanoutGroup(key, args, source);
    groups.set(key, created);
    return created.join();
  }
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

/**
 * The subscribers of one share key: one source stream, pumped by the group; each event executed
 * once and handed to every member that was there when the event arrived (cursor above the
 * member's `after`), in cursor order.
 */
class FanoutGroup {
  private readonly members = new Set<Member>();
  private closed = false;

  constructor(
    private readonly key: string,
    private readonly args: ExecutionArgs,
    private readonly source: ReplayThenLive<object>,
  ) {
    void this.pump();
  }

  get size(): number {
    return this.members.size;
  }

  join(): Member {
    const member = new Member(this, this.source.lastReceived);
    this.members.add(member);
    return member;
  }

  leave(member: Member): void {
    this.members.delete(member);
    if (!this.members.size) this.close();
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    if (groups.get(this.key) === this) groups.delete(this.key);
    void this.source.return();
  }

  private async pump(): Promise<void> {
    let failure: unknown;
    try {
      for (;;) {
        const step = await this.source.next();
        if (step.done || this.closed) break;
        const payload = step.value as { cursor?: unknown };
        const result = await execute({ ...this.args, rootValue: payload });
        if (this.closed) break;
        const cursor = Number(payload.cursor);
        // One step object for every member: graphql-ws only reads it.
        const shared: IteratorYieldResult<ExecutionResult> = { value: result, done: false };
        for (const member of this.members) if (member.after < cursor) member.push(shared);
      }
    } catch (error) {
      failure = error ?? new Error('subscription stream failed');
    }
    // The stream ended or failed: so does every member's subscription (a later subscriber makes a new group).
    this.close();
    for (const member of [...this.members]) member.end(failure);
    this.members.clear();
  }
}

const DONE: IteratorReturnResult<undefined> = { value: undefined, done: true };

/** A subscriber in a group: the iterator graphql-ws waits on, handed the group's results. */
class Member implements AsyncIterableIterator<ExecutionResult> {
  /** graphql-ws's pending next(). */
  private waiting?: { resolve: (step: IteratorResult<ExecutionResult>) => void; reject: (error: unknown) => void };
  /** Results that arrived while graphql-ws was still sending the previous one (rare: made on demand). */
  private queue?: IteratorYieldResult<ExecutionResult>[];
  private ended?: { failure: unknown };

  constructor(
    private readonly group: FanoutGroup,
    /** The last cursor heard before joining: later events only. */
    readonly after: number,
  ) {}

  push(step: IteratorYieldResult<ExecutionResult>): void {
    if (this.ended) return;
    const waiting = this.waiting;
    if (waiting) {
      this.waiting = undefined;
      waiting.resolve(step);
    } else (this.queue ??= []).push(step);
  }

  next(): Promise<IteratorResult<ExecutionResult>> {
    const queued = this.queue?.shift();
    if (queued) return Promise.resolve(queued);
    if (this.ended) {
      const { failure } = this.ended;
      this.ended = { failure: undefined };
      return failure === undefined ? Promise.resolve(DONE) : Promise.reject(failure);
    }
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
  }

  /** The group's stream ended (or failed with `failure`): after what is queued, done (or that error). */
  end(failure: unknown): void {
    if (this.ended) return;
    this.ended = { failure };
    const waiting = this.waiting;
    this.waiting = undefined;
    if (!waiting) return;
    this.ended = { failure: undefined };
    if (failure === undefined) waiting.resolve(DONE);
    else waiting.reject(failure);
  }

  async return(): Promise<IteratorResult<ExecutionResult>> {
    if (!this.ended) {
      this.ended = { failure: undefined };
      this.group.leave(this);
    }
    this.queue = undefined;
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.resolve(DONE);
    return DONE;
  }

  async throw(error: unknown): Promise<IteratorResult<ExecutionResult>> {
    await this.return();
    throw error;
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<ExecutionResult> {
    return this;
  }
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
