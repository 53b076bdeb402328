import type { RawRecord } from '../../src/ingest/canonical';
import { ChannelError, type Checkpoint, type PullConnector } from '../../src/ingest/connector';

/** Test helpers the connectors' suites share (not used at run time). */

/** Fetches pages from `checkpoint` until done; `what` is thrown after more than `maxPages` pages. */
export async function traversePages<C>(
  connector: PullConnector,
  checkpoint: Checkpoint,
  maxPages: number,
  what: string,
): Promise<{ records: RawRecord[]; checkpoint: C; pages: number }> {
  const records: RawRecord[] = [];
  let pages = 0;
  for (;;) {
    const page = await connector.fetchPage(checkpoint);
    records.push(...page.records);
    checkpoint = page.next;
    pages++;
    if (page.done) return { records, checkpoint: checkpoint as unknown as C, pages };
    if (pages > maxPages) throw new Error(what);
  }
}

/** The ChannelError `promise` rejects with (anything else is rethrown; success fails the test). */
export async function failure(promise: Promise<unknown>): Promise<ChannelError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ChannelError) return error;
    throw error;
  }
  throw new Error('expected a ChannelError');
}

/** A seeded pseudo-random generator (mulberry32), for reproducible property tests. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
