import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { ConnectorBoard } from './client';
import { DAY_MS, HOUR_MS } from '../../src/common/time';
import type { IngestService } from '../../src/ingest/ingest.service';
import { mapSafely } from '../../src/ingest/registry';

/**
 * The board's own user evaluation (统一评价, message-board.md §6), read back and kept next to the
 * centre's callback: after the hub's final reply is delivered the thread is read daily until it is
 * rated; after 不满意 it is read for three more days (a reopen shows in the pull as `reopened`,
 * which alerts operators: README "Origin status → hub action").
 */
export const EVALUATION_READ_INTERVAL_MS = DAY_MS;
const AFTER_UNSATISFIED_MS = 3 * DAY_MS;
const RETRY_AFTER_ERROR_MS = HOUR_MS;

/** Starts (or restarts) the daily reads of a thread whose final reply was just delivered. */
export async function watchEvaluation(tx: EntityManager, workOrderId: number, channelId: number, tid: string, now: Date): Promise<void> {
  await tx.execute(
    `insert into channel_evaluation (work_order_id, channel_id, external_id, round, next_check_at) values (?, ?, ?, 0, ?)
     on conflict (work_order_id, channel_id, round) do update set next_check_at = excluded.next_check_at`,
    [workOrderId, channelId, tid, new Date(now.getTime() + EVALUATION_READ_INTERVAL_MS)],
  );
}

/** When to read again: daily until rated; after 不满意, daily for three days; otherwise never. */
export function nextRead(evaluation: { evaluated: boolean; satisfaction: string | null; evaluateTime: Date | null }, now: Date): Date | null {
  if (!evaluation.evaluated) return new Date(now.getTime() + EVALUATION_READ_INTERVAL_MS);
  if (evaluation.satisfaction === '不满意' && (evaluation.evaluateTime?.getTime() ?? now.getTime()) + AFTER_UNSATISFIED_MS > now.getTime()) {
    return new Date(now.getTime() + EVALUATION_READ_INTERVAL_MS);
  }
  return null;
}

/**
 * Reads the evaluations that are due; several instances share the work (skip locked). After
 * 不满意 the thread itself is read too and goes through the ingestion runtime, so a `reopened`
 * thread raises the origin-reopen alert.
 */
export async function pullEvaluations(
  fork: () => EntityManager,
  board: ConnectorBoard,
  ingest: IngestService,
  now: Date,
  log?: Logger,
  batch = 50,
): Promise<number> {
  let read = 0;
  const unsatisfied: string[] = [];
  await fork().transactional(async (tx) => {
    const due: Array<{ id: number; work_order_id: number; channel_id: number; external_id: string }> = await tx.execute(
      `select id, work_order_id, channel_id, external_id from channel_evaluation where next_check_at <= ? order by next_check_at limit ? for update skip locked`,
      [now, batch],
    );
    for (const row of due) {
      let evaluation;
      try {
        evaluation = await board.getEvaluation(row.external_id);
      } catch (error) {
        log?.warn({ tid: row.external_id, err: error instanceof Error ? error.message : String(error) }, 'board evaluation not read');
        await tx.execute(`update channel_evaluation set next_check_at = ?, checks = checks + 1 where id = ?`, [
          new Date(now.getTime() + RETRY_AFTER_ERROR_MS),
          row.id,
        ]);
        continue;
      }
      // The round the board reports; a row already holding that round takes the reading instead.
      const [holder] = await tx.execute(`select id from channel_evaluation where work_order_id = ? and channel_id = ? and round = ? and id <> ?`, [
        row.work_order_id,
        row.channel_id,
        evaluation.round,
        row.id,
      ]);
      if (holder) await tx.execute(`delete from channel_evaluation where id = ?`, [row.id]);
      await tx.execute(
        `update channel_evaluation set round = ?, evaluated = ?, satisfaction = ?, comment = ?, evaluated_at = ?, is_default = ?, next_check_at = ?, checks = checks + 1 where id = ?`,
        [
          evaluation.round,
          evaluation.evaluated,
          evaluation.satisfaction,
          evaluation.comment,
          evaluation.evaluateTime,
          evaluation.isDefault,
          nextRead(evaluation, now),
          holder?.id ?? row.id,
        ],
      );
      if (evaluation.satisfaction === '不满意') unsatisfied.push(row.external_id);
      read++;
    }
  });
  if (unsatisfied.length) {
    const records = await board.revisit.read(unsatisfied);
    await ingest.ingest(
      fork(),
      'board',
      records.map((raw) => ({ raw, result: mapSafely((r) => board.map(r), raw) })),
    );
  }
  return read;
}
