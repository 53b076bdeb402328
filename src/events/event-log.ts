import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../common/errors';
import { executeBound, pgArray } from '../db/sql';

/**
 * 事件日志 The event log (table event_log): every published message is a row written in the
 * publishing transaction. Its id is the event cursor. A deferred trigger (migration
 * Migration20261122075432_event_log) gives each row its final id at commit, in commit order, and
 * then NOTIFYs it: a reader that has seen cursor N never later finds a new row below N, so "the
 * rows after my cursor" is exactly what a reader has not seen yet.
 */

/** A published message as delivered: the message itself plus its event cursor. */
export type Logged<M extends object = Record<string, unknown>> = M & { cursor: string };

export interface LogRow {
  cursor: string;
  topic: string;
  message: Record<string, unknown>;
}

/** Appends messages to the log inside the caller's transaction (one statement, in the given order). */
export async function appendToEventLog(em: EntityManager, topic: string, messages: readonly object[]): Promise<void> {
  if (!messages.length) return;
  await executeBound(em, 'insert into event_log (topic, payload) select ?, m::jsonb from unnest(?::text[]) with ordinality as t(m, n) order by n', [
    topic,
    pgArray(messages.map((m) => JSON.stringify(m))),
  ]);
}

/**
 * The same append as one part of a bigger statement (a data-modifying CTE body): one row on `topic`
 * (the first "?" parameter) per row of `from`, its message the jsonb SQL expression `message` over it.
 */
export function eventLogAppendFrom(from: string, message: string): string {
  return `insert into event_log (topic, payload) select ?, ${message} from ${from}`;
}

/** Rows after `after` (exclusive), oldest first: on the given topics, or on every topic (null). */
export async function readEventLog(em: EntityManager, topics: readonly string[] | null, after: string, limit: number): Promise<LogRow[]> {
  // (Ordered by the bigint column: an alias `id` for id::text would sort as text.)
  const rows = await executeBound<{ cursor: string; topic: string; payload: Record<string, unknown> }>(
    em,
    topics
      ? 'select id::text as cursor, topic, payload from event_log where topic = any(?::text[]) and id > ?::bigint order by event_log.id limit ?'
      : 'select id::text as cursor, topic, payload from event_log where id > ?::bigint order by event_log.id limit ?',
    topics ? [pgArray([...topics]), after, limit] : [after, limit],
  );
  return rows.map((r) => ({ cursor: r.cursor, topic: r.topic, message: r.payload }));
}

/** The newest committed cursor ("0" for an empty log). */
export async function latestCursor(em: EntityManager): Promise<string> {
  const [row] = await executeBound<{ id: string }>(em, 'select coalesce(max(id), 0)::text as id from event_log', []);
  return row.id;
}

/** Cursors are opaque to clients; inside, the decimal log id (below 2^53, compared as numbers). */
export function parseCursor(text: string): string {
  const trimmed = text.trim();
  if (!/^\d{1,15}$/.test(trimmed)) {
    throw badInput('事件游标无效', `Invalid event cursor "${text.slice(0, 40)}": pass back a cursor the hub sent`, 'since');
  }
  return String(Number(trimmed));
}

export function cursorValue(cursor: string): number {
  return Number(cursor);
}
