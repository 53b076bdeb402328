import type { Logger } from 'pino';
import type { PullConnector } from '../../ingest/connector';
import type { DemoContent } from './content';

/**
 * One channel of the demo trickle. A pull channel runs its simulator on loopback and hands the
 * hub a connector pointed at it; a push channel signs and POSTs to the hub's own intake. Adding a
 * channel to the trickle is one DemoChannel in its connector definition's `demo` (its folder's index.ts).
 */
export interface DemoChannel {
  /** The channel's code in the channel table. */
  readonly code: string;
  /** Starts the channel with `seed` records already there (pull) or sent (push). */
  start(context: DemoChannelContext, seed: number): Promise<RunningDemoChannel>;
}

export interface DemoChannelContext {
  content: DemoContent;
  /** This hub, e.g. `http://127.0.0.1:4000`, for channels that push. */
  hubOrigin: string;
  /** Push intake secrets by channel code (demo mode generates them, push-api.md §1). */
  pushSecrets: ReadonlyMap<string, readonly string[]>;
  /** The hub's data directory (MINYI_DATA_DIR), for channels that deliver files; absent: a temporary one. */
  dataDir?: string;
  log: Logger;
}

export type DemoConnector = PullConnector & { close?: () => void };

export interface RunningDemoChannel {
  readonly code: string;
  /** The connector the hub's pull scheduler polls; absent for push channels. */
  readonly connector?: DemoConnector;
  /** One record's worth of activity: a new record, or a change to one the channel already has. */
  tick(): Promise<'added' | 'updated'>;
  stop(): Promise<void>;
}

/** Share of ticks that change an open record rather than add one. */
const UPDATE_SHARE = 0.4;
/** Open records a channel remembers to change later (oldest forgotten first). */
const MAX_OPEN = 200;

/**
 * The records a channel may still change, and the choice each tick makes: mostly new records,
 * sometimes a change to an open one. `update` answers whether the record stays open.
 */
export class OpenRecords<K> {
  private readonly open: K[] = [];

  constructor(private readonly content: DemoContent) {}

  async tick(add: () => K | null | Promise<K | null>, update?: (key: K) => boolean | Promise<boolean>): Promise<'added' | 'updated'> {
    if (update && this.open.length && this.content.random.chance(UPDATE_SHARE)) {
      const i = this.content.random.int(0, this.open.length - 1);
      if (!(await update(this.open[i]))) this.open.splice(i, 1);
      return 'updated';
    }
    this.remember(await add());
    return 'added';
  }

  remember(key: K | null): void {
    if (key === null) return;
    this.open.push(key);
    if (this.open.length > MAX_OPEN) this.open.shift();
  }
}

/** A pull channel's simulator for one hub run: its connector, and how records appear and change there. */
export interface PullDemo<K> {
  connector: DemoConnector;
  /** Adds a new record to the simulator; its key for later changes (null: nothing to change later). */
  add(): K | null;
  /** Changes the record as its origin would; false once it is final. */
  update?(key: K): boolean;
  stop(): Promise<void>;
}

/** A DemoChannel over a simulator: `seed` records first, then one added or changed per tick. */
export function pullDemoChannel<K>(code: string, startSimulator: (content: DemoContent, context: DemoChannelContext) => Promise<PullDemo<K>>): DemoChannel {
  return {
    code,
    async start(context, seed) {
      const demo = await startSimulator(context.content, context);
      const open = new OpenRecords<K>(context.content);
      for (let i = 0; i < seed; i++) open.remember(demo.add());
      const update = demo.update?.bind(demo);
      return {
        code,
        connector: demo.connector,
        tick: () => open.tick(() => demo.add(), update),
        async stop() {
          demo.connector.close?.();
          await demo.stop();
        },
      };
    },
  };
}
