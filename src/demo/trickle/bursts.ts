import { COMPANIES } from '../data/texts';
import { TRICKLE_BURSTS, type BurstMatter, type BurstReport, type ReportVoice } from '../data/bursts';
import type { Random } from '../random';

/**
 * The demo trickle's bursts (issue 13): every `everyMinutes` minutes of trickle a new matter starts
 * being reported — one township, many people, their own words (data/bursts.ts), through every demo
 * channel that carries its category — interleaved with the ordinary records, until its reports are
 * told (about ten, over a few minutes at the default rate); one or two reporters call again. A user
 * watching `hotIssueDetected` sees it turn hot within minutes. Time is counted in trickle ticks
 * (`perMinute` a minute), so tests drive it tick by tick.
 */
export interface DemoBurstOptions {
  /** A new burst every this many minutes of trickle (MINYI_DEMO_BURST_MINUTES); 0: none. */
  everyMinutes: number;
  /** Minutes of trickle before the first burst (default 1). */
  firstAfterMinutes?: number;
}

/** Share of new records that belong to the burst while one runs and the channel carries its category. */
const BURST_SHARE = 0.6;
/** Chance that a burst record is an earlier caller calling again (once ≥ 3 reports are in). */
const AGAIN_SHARE = 0.3;

export interface BurstPerson {
  name: string;
  mobile: string;
  idNumber: string;
}

/** One report of the running burst, told by `person` (an earlier caller when it is a repeat call). */
export interface BurstTelling {
  matter: BurstMatter;
  report: BurstReport;
  person: BurstPerson;
  /** The company the burst is about (the matter's, or one chosen when it started). */
  company: string;
  repeat: boolean;
}

interface ActiveBurst {
  matter: BurstMatter;
  company: string;
  queue: BurstReport[];
  again: BurstReport[];
  callers: BurstPerson[];
  told: number;
  /** The tick at which it stops even if reports are left (no running channel carries its category). */
  until: number;
}

/** The voices a channel's speaker writes in, preferred first. */
function voicesOf(speaker: string): readonly ReportVoice[] {
  if (speaker === '网友' || speaker === '网民') return ['post', 'letter'];
  if (speaker === '信访人') return ['letter', 'call'];
  return ['call'];
}

export class DemoBursts {
  private ticks = 0;
  private nextStart: number;
  private readonly everyTicks: number;
  private active: ActiveBurst | null = null;
  private readonly order: BurstMatter[];
  private started = 0;
  /** Keys of the bursts started so far, in order. */
  readonly history: string[] = [];

  constructor(
    private readonly random: Random,
    perMinute: number,
    options: DemoBurstOptions,
    private readonly onStart?: (matter: BurstMatter) => void,
    matters: readonly BurstMatter[] = TRICKLE_BURSTS,
  ) {
    const on = options.everyMinutes > 0 && matters.length > 0;
    this.everyTicks = on ? Math.max(1, Math.round(options.everyMinutes * perMinute)) : Infinity;
    this.nextStart = on ? Math.max(1, Math.round((options.firstAfterMinutes ?? 1) * perMinute)) : Infinity;
    this.order = this.shuffled(matters);
  }

  /** The matter being reported now, if any. */
  get current(): BurstMatter | null {
    return this.active?.matter ?? null;
  }

  /** One trickle tick: ends a burst that has told everything (or run out of time), starts one when due. */
  tick(): void {
    this.ticks++;
    if (this.active && (this.active.queue.length === 0 || this.ticks > this.active.until)) this.active = null;
    if (this.ticks < this.nextStart || this.active) return;
    this.nextStart = this.ticks + this.everyTicks;
    // Matters in a shuffled round; after a round they recur (the hot issue grows again).
    const matter = this.order[this.started++ % this.order.length];
    this.active = {
      matter,
      company: matter.company ?? this.random.pick(COMPANIES),
      queue: this.shuffled(matter.reports),
      again: [...matter.again],
      callers: [],
      told: 0,
      until: this.ticks + this.everyTicks,
    };
    this.history.push(matter.key);
    this.onStart?.(matter);
  }

  /**
   * A report of the running burst for a channel carrying these category prefixes (none: any) whose
   * records speak as `speaker`, or null: an ordinary record this time.
   */
  next(prefixes: readonly string[], speaker: string, newPerson: () => BurstPerson): BurstTelling | null {
    const a = this.active;
    if (!a?.queue.length) return null;
    if (prefixes.length && !prefixes.some((p) => a.matter.categoryCode.startsWith(p))) return null;
    if (!this.random.chance(BURST_SHARE)) return null;
    const voices = voicesOf(speaker);
    if (voices.includes('call') && a.again.length && a.callers.length && a.told >= 3 && this.random.chance(AGAIN_SHARE)) {
      const report = a.again.shift()!;
      const person = a.callers.splice(this.random.int(0, a.callers.length - 1), 1)[0];
      return { matter: a.matter, report, person, company: a.company, repeat: true };
    }
    const at = voices.map((v) => a.queue.findIndex((r) => r.voice === v)).find((i) => i >= 0);
    if (at === undefined) return null;
    const report = a.queue.splice(at, 1)[0];
    const person = newPerson();
    if (report.voice === 'call') a.callers.push(person);
    a.told++;
    return { matter: a.matter, report, person, company: a.company, repeat: false };
  }

  private shuffled<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.random.int(0, i);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
}
