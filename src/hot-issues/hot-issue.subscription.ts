import { canSeeOrder } from '../auth/policy';
import { localId } from '../common/relay';
import { readMapper } from '../db/read-model';
import { HotIssue } from '../entities';
import { parseCursor, type Logged } from '../events/event-log';
import { replayThenLive } from '../events/replay';
import { Topics } from '../events/topics';
import { requireViewer, type HubContext } from '../graphql/context';
import { withCursor } from '../graphql/event-subscription';
import type { HotIssueMessage } from './publication';

export interface HotIssueStreamArgs {
  filter?: { regionCodes?: string[] | null; categoryCodes?: string[] | null } | null;
  /** hotIssueUpdated: the one hot issue. */
  id?: string;
  since?: string | null;
  detectedOnly?: boolean;
}

/**
 * The events of the hot-issue subscriptions: logged ones after `since`, then live ones
 * (events/replay.ts), kept when the viewer may see the hot issue (whoever sees all orders sees all;
 * departments those touching their orders) and it matches the filter — decided from the message.
 */
export async function hotIssueStream(ctx: HubContext, args: HotIssueStreamArgs): Promise<AsyncIterableIterator<Logged<HotIssueMessage>>> {
  const viewer = requireViewer(ctx);
  const regions = args.filter?.regionCodes?.length ? new Set(args.filter.regionCodes) : null;
  const categories = args.filter?.categoryCodes?.length ? args.filter.categoryCodes : null;
  const only = args.id ? localId(args.id, 'HotIssue') : null;
  return replayThenLive<HotIssueMessage>({
    bus: ctx.services.bus,
    fork: () => ctx.services.orm.em.fork(),
    topic: Topics.HOT_ISSUES,
    since: args.since == null ? null : parseCursor(args.since),
    accept: (m) =>
      (!args.detectedOnly || m.type === 'DETECTED') &&
      (only === null || m.hotIssueId === only || !!m.mergedFrom?.includes(only)) &&
      (!regions || regions.has(m.regionCode)) &&
      (!categories || (!!m.categoryCode && categories.some((c) => m.categoryCode!.startsWith(c)))) &&
      canSeeOrder(viewer, { departmentPaths: m.departmentPaths, channelIds: [], restrictedIdentity: false }),
  });
}

/**
 * The hot issue as of the event, read once per event for all its subscribers (a hot issue changes
 * from event to event, so documents are keyed by cursor, not by id), tagged with the cursor.
 */
const byCursor = new Map<string, Promise<HotIssue | null>>();

export async function deliveredHotIssue(ctx: HubContext, message: Logged<HotIssueMessage>): Promise<HotIssue> {
  let loading = byCursor.get(message.cursor);
  if (!loading) {
    const em = ctx.services.orm.em.fork();
    loading = em.execute('select * from hot_issue where id = ?', [message.hotIssueId]).then((rows) => (rows[0] ? readMapper(em, HotIssue).map(rows[0]) : null));
    byCursor.set(message.cursor, loading);
    setTimeout(() => byCursor.delete(message.cursor), 10_000).unref();
  }
  const issue = await loading;
  if (!issue) throw new Error('hot issue not found');
  const delivered = withCursor(issue, message.cursor);
  return message.mergedFrom?.length ? Object.create(delivered, { [MERGED_FROM]: { value: message.mergedFrom } }) : delivered;
}

const MERGED_FROM = Symbol('mergedFrom');

/** 簇合并: the hot issues a delivered event folded into this one (empty outside such deliveries). */
export function mergedFromOf(issue: HotIssue): number[] {
  return (issue as { [MERGED_FROM]?: number[] })[MERGED_FROM] ?? [];
}
