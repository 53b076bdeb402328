import type { Logger } from 'pino';
import { sign } from './signature';

/** push-api.md §3: at most 100 records per request. */
const MAX_BATCH = 100;
const TIMEOUT_MS = 10_000;

interface IntakeAnswer {
  results?: Array<{ externalId: string | null; status: string; reason?: { code: string } }>;
  error?: { code: string };
}

/**
 * A channel owner's side of the hub's intake (push-api.md): records queue up and leave in signed
 * batches (§2: `X-Hub-Signature-256` over `ts.body`). A batch that fails in transport (no answer,
 * 429, 5xx) stays queued and goes again with the next one, as §5 tells senders to (duplicates are
 * harmless). A refusal of the channel itself (401, 403, 404) stops the sender; it is logged once.
 * Logs carry the channel, counts and reason codes, never a record's content.
 */
export class PushSender {
  private queue: object[] = [];
  private refused = false;

  constructor(
    readonly code: string,
    private readonly url: string,
    private readonly secret: string,
    private readonly log: Logger,
  ) {}

  enqueue(record: object): void {
    if (!this.refused) this.queue.push(structuredClone(record));
  }

  get pending(): number {
    return this.queue.length;
  }

  async flush(): Promise<void> {
    if (!this.queue.length || this.refused) return;
    const batch = this.queue.slice(0, MAX_BATCH);
    const body = Buffer.from(JSON.stringify({ records: batch }), 'utf8');
    const timestamp = String(Math.floor(Date.now() / 1000));
    let status: number;
    let answer: IntakeAnswer | null = null;
    try {
      const response = await fetch(this.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'x-hub-timestamp': timestamp,
          'x-hub-signature-256': sign(this.secret, timestamp, body),
        },
        body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      status = response.status;
      answer = (await response.json().catch(() => null)) as IntakeAnswer | null;
    } catch (error) {
      this.log.warn(
        { channel: this.code, records: batch.length, err: error instanceof Error ? error.message : String(error) },
        'demo push failed; sent again with the next batch',
      );
      return;
    }
    if (status === 429 || status >= 500) {
      this.log.warn({ channel: this.code, records: batch.length, status }, 'demo push not taken; sent again with the next batch');
      return;
    }
    this.queue.splice(0, batch.length);
    if (status === 401 || status === 403 || status === 404) {
      this.refused = true;
      this.queue = [];
      this.log.error({ channel: this.code, status, code: answer?.error?.code }, 'demo push refused by the intake; this demo channel stops sending');
      return;
    }
    if (status !== 202) {
      this.log.warn({ channel: this.code, records: batch.length, status, code: answer?.error?.code }, 'demo push batch rejected');
      return;
    }
    for (const result of answer?.results ?? []) {
      if (result.status === 'rejected')
        this.log.warn({ channel: this.code, externalId: result.externalId, reason: result.reason?.code }, 'demo push record rejected');
    }
  }
}
