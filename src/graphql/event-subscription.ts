import type { OrderVisibilityFacts } from '../auth/policy';
import { notFound } from '../common/errors';
import { parseCursor, type Logged } from '../events/event-log';
import { replayThenLive } from '../events/replay';
import type { HubContext } from './context';
import { viewerFilter } from './subscription-filter';

const CURSOR = Symbol('eventCursor');

/** What a subscription delivers: the shared document seen through a per-delivery object carrying the event's cursor. */
export function withCursor<T extends object>(document: T, cursor: string): T {
  return Object.create(document, { [CURSOR]: { value: cursor } }) as T;
}

/** The event cursor of a delivered document (null outside subscriptions). */
export function cursorOf(document: object): string | null {
  return (document as { [CURSOR]?: string })[CURSOR] ?? null;
}

export interface OrderEventArgs {
  departmentCode?: string | null;
  since?: string | null;
}

/**
 * The source stream of an order-related subscription (workOrderEvents, slaAlerts …): with
 * `since`, the logged events after that cursor first, then live ones (events/replay.ts), each
 * kept only if the viewer may see the order (and it lies in `departmentCode`'s subtree), judged
 * from the facts in the message alone. A malformed `since`, or one the event log never issued,
 * is BAD_USER_INPUT.
 */
export async function orderEventStream<M extends OrderVisibilityFacts>(
  ctx: HubContext,
  topic: string,
  args: OrderEventArgs,
): Promise<AsyncIterableIterator<Logged<M>>> {
  const since = args.since == null ? null : parseCursor(args.since);
  return replayThenLive<M>({
    bus: ctx.services.bus,
    fork: () => ctx.services.orm.em.fork(),
    topic,
    since,
    accept: viewerFilter(ctx, args),
  });
}

/** Loads the document an event names, once for every subscriber (services.sharedDocuments), and tags it with the cursor. */
export async function deliveredDocument<T extends object>(
  ctx: HubContext,
  entity: { new (...args: never[]): T; name: string },
  id: number,
  cursor: string,
  what: { zh: string; en: string },
): Promise<T> {
  const document = await ctx.services.sharedDocuments.load(entity, id);
  if (!document) throw notFound(what);
  return withCursor(document, cursor);
}
