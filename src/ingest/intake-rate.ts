import type { EntityManager } from '@mikro-orm/postgresql';
import { getDirectiveValues, GraphQLIncludeDirective, GraphQLSkipDirective, Kind, type GraphQLResolveInfo, type SelectionNode } from 'graphql';

/** push-api.md §3: at most 10 requests per second per channel, POST /intake and submitChannelRecords together. */
export const INTAKE_RATE_PER_SECOND = 10;

/**
 * Counts `requests` requests of a channel in the current second, in PostgreSQL (table
 * intake_rate_window), so the limit holds across hub instances, and returns how many of them are
 * within the limit: the first ones are, the rest are not (0 … requests). Requests over the limit
 * count too, as they did at the intake: a client hammering the limit stays over it.
 */
export async function takeIntakeRate(em: EntityManager, channelId: number, requests = 1): Promise<number> {
  const [row] = await em.execute(
    `insert into intake_rate_window (channel_id, second, count) values (?, date_trunc('second', now()), ?)
     on conflict (channel_id, second) do update set count = intake_rate_window.count + excluded.count returning count`,
    [channelId, requests],
  );
  if (Math.random() < 0.01) await em.execute(`delete from intake_rate_window where second < now() - interval '1 minute'`);
  const before = Number(row.count) - requests;
  return Math.max(0, Math.min(requests, INTAKE_RATE_PER_SECOND - before));
}

/** One request: is it within the channel's limit? */
export async function withinRate(em: EntityManager, channelId: number): Promise<boolean> {
  return (await takeIntakeRate(em, channelId, 1)) === 1;
}

/**
 * GraphQL: how many times the operation calls the field being resolved (its aliases, in fragments
 * too; fields left out by @skip/@include do not count).
 */
function countFieldCalls(info: GraphQLResolveInfo): number {
  const seen = new Set<string>();
  const count = (selections: readonly SelectionNode[]): number => {
    let n = 0;
    for (const node of selections) {
      if (!included(node, info.variableValues)) continue;
      if (node.kind === Kind.FIELD) {
        if (node.name.value === info.fieldName) n += 1;
      } else if (node.kind === Kind.INLINE_FRAGMENT) {
        n += count(node.selectionSet.selections);
      } else {
        const name = node.name.value;
        const fragment = info.fragments[name];
        if (fragment && !seen.has(name)) {
          seen.add(name);
          n += count(fragment.selectionSet.selections);
        }
      }
    }
    return n;
  };
  return Math.max(1, count(info.operation.selectionSet.selections));
}

function included(node: SelectionNode, variables: Record<string, unknown>): boolean {
  if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return false;
  if (getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if === false) return false;
  return true;
}

interface OperationSlots {
  allowed: Promise<number>;
  used: number;
}

const operationSlots = new WeakMap<object, Map<string, OperationSlots>>();

/**
 * submitChannelRecords over GraphQL: each call (each alias of the mutation in one operation) is one
 * request against the channel's 10 requests/s. The first call of an operation counts all of the
 * operation's calls at once, in one statement (so one operation cannot straddle two one-second
 * windows and pass twice the limit); the calls then take those slots in execution order, and the
 * calls past the limit are refused. `request` is the per-request object (the GraphQL context).
 */
export async function withinRateForCall(em: EntityManager, channelId: number, request: object, info: GraphQLResolveInfo): Promise<boolean> {
  let byChannel = operationSlots.get(request);
  if (!byChannel) operationSlots.set(request, (byChannel = new Map()));
  const key = `${info.operation.name?.value ?? ''}:${info.operation.loc?.start ?? 0}:${channelId}`;
  let slots = byChannel.get(key);
  if (!slots) {
    slots = { allowed: takeIntakeRate(em, channelId, countFieldCalls(info)), used: 0 };
    byChannel.set(key, slots);
  }
  const index = slots.used++;
  return index < (await slots.allowed);
}
