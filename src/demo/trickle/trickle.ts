import type { Logger } from 'pino';
import { PeriodicJob } from '../../common/periodic';
import { Random } from '../random';
import type { DemoChannel, DemoConnector, RunningDemoChannel } from './channel';
import { DemoContent } from './content';
import { DemoBursts, type DemoBurstOptions } from './bursts';

/**
 * The demo trickle (`npm start` in demo mode): each demo channel starts with a few records, then
 * new and changed records arrive at `perMinute` across all channels, one channel after another,
 * at irregular intervals around the mean. Pull channels hand the hub a connector to poll; push
 * channels send to the hub's intake themselves.
 */
export interface DemoTrickleOptions {
  /** Records per minute across all channels, new and changed (MINYI_DEMO_TRICKLE_PER_MINUTE); > 0. */
  perMinute: number;
  /** This hub, e.g. `http://127.0.0.1:4000` (push channels send to its `/intake/{code}`). */
  hubOrigin: string;
  pushSecrets: ReadonlyMap<string, readonly string[]>;
  /** The hub's data directory; channels that deliver files (12328) write under it (default: a temporary directory). */
  dataDir?: string;
  /** Channels with a real connector configured (MINYI_12315_URL …): those win, no simulator starts for them. */
  configured?: Iterable<string>;
  log: Logger;
  /** The channels to feed: each connector definition's `demo` (DEMO_CHANNELS beside the connector list). */
  channels: readonly DemoChannel[];
  /** Records each channel starts with (default 3). */
  seed?: number;
  /** Seed of the content's PRNG (default: the clock, so each start tells new stories). */
  randomSeed?: number;
  /** Burst mode (bursts.ts, MINYI_DEMO_BURST_MINUTES): a matter many people report, every few minutes. Default: none. */
  bursts?: DemoBurstOptions;
  /** No timer: records come only from `tick()` (tests drive the trickle tick by tick). */
  manual?: boolean;
}

export interface DemoTrickle {
  /** Codes of the channels being fed. */
  readonly channels: readonly string[];
  /** Connectors pointed at the demo simulators, by channel code, for the hub's pull scheduler. */
  readonly connectors: ReadonlyMap<string, DemoConnector>;
  /** Ticks so far by channel (seed records not counted). */
  readonly ticks: ReadonlyMap<string, { added: number; updated: number }>;
  /** Keys of the bursts started so far (data/bursts.ts), in order. */
  readonly bursts: readonly string[];
  /** One record now from the next channel, after the one under way (what the timer does; with `manual`, the only way). */
  tick(): Promise<void>;
  /** No more records; the simulators stop. */
  stop(): Promise<void>;
}

export const DEFAULT_SEED_RECORDS = 3;

export async function startDemoTrickle(options: DemoTrickleOptions): Promise<DemoTrickle> {
  const { log } = options;
  const random = new Random(options.randomSeed ?? Date.now());
  const bursts = options.bursts
    ? new DemoBursts(random, options.perMinute, options.bursts, (matter) =>
        log.info({ burst: matter.key, township: matter.townshipCode }, 'demo burst started'),
      )
    : undefined;
  const content = new DemoContent(random, bursts);
  const configured = new Set(options.configured ?? []);
  const context = { content, hubOrigin: options.hubOrigin, pushSecrets: options.pushSecrets, dataDir: options.dataDir, log };

  const running: RunningDemoChannel[] = [];
  for (const channel of options.channels) {
    if (configured.has(channel.code)) continue;
    try {
      running.push(await channel.start(context, options.seed ?? DEFAULT_SEED_RECORDS));
    } catch (error) {
      log.error({ channel: channel.code, err: error instanceof Error ? error.message : String(error) }, 'demo channel did not start');
    }
  }
  const ticks = new Map(running.map((c) => [c.code, { added: 0, updated: 0 }]));

  const meanMs = 60_000 / options.perMinute;
  let next = running.length ? random.int(0, running.length - 1) : 0;
  // One channel after another, each record at an irregular interval around the mean (after the last one ended).
  const trickle = new PeriodicJob({
    name: 'demo trickle',
    run: async () => {
      if (!running.length) return;
      bursts?.tick();
      const channel = running[next++ % running.length];
      try {
        const action = await channel.tick();
        ticks.get(channel.code)![action]++;
        log.debug({ channel: channel.code, action }, 'demo record');
      } catch (error) {
        log.warn({ channel: channel.code, err: error instanceof Error ? error.message : String(error) }, 'demo record failed');
      }
    },
    timing: { delayMs: () => meanMs * (0.5 + random.next()) },
    log,
  });
  if (running.length && !options.manual) trickle.start();
  if (running.length) log.info({ channels: running.map((c) => c.code), perMinute: options.perMinute }, 'demo trickle started');
  return {
    channels: running.map((c) => c.code),
    connectors: new Map(running.filter((c) => c.connector).map((c) => [c.code, c.connector!])),
    ticks,
    bursts: bursts?.history ?? [],
    async tick() {
      await trickle.runNow();
    },
    async stop() {
      await trickle.stop();
      await Promise.all(
        running.map((c) => c.stop().catch((error: unknown) => log.warn({ channel: c.code, err: String(error) }, 'demo channel did not stop cleanly'))),
      );
    },
  };
}

/**
 * The environment the pull scheduler reads poll intervals from (`MINYI_<CODE>_POLL_SECONDS`), with
 * the demo channels set to `seconds`: a newcomer sees records within a minute, not five.
 */
export function demoPollEnv(codes: Iterable<string>, seconds: number, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const result = { ...env };
  for (const code of codes) result[`MINYI_${code.toUpperCase().replace(/-/g, '_')}_POLL_SECONDS`] = String(seconds);
  return result;
}
