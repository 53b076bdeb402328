import { CATEGORIES, type CategorySeed } from '../data/categories';
import { COMPANIES, GIVEN_NAME_CHARS, ORDER_TEMPLATES, PLACES, SURNAMES, VILLAGES, type DemoRequestType, type OrderTemplate } from '../data/texts';
import { fill, idNumber, mobile } from '../generator';
import type { Random } from '../random';
import { TOWNSHIPS } from '../../reference/townships';
import type { BurstTelling, DemoBursts } from './bursts';

/**
 * What the demo channels write about: the demo generator's call-record templates, filled for a
 * township of 赣县区 and one of its villages, in the voice of the channel (a 12315 consumer, a board
 * user …). All people and companies are fictitious (data/texts.ts).
 */

/** One citizen's matter, ready to be shaped into a channel's record. */
export interface DemoMatter {
  /** Six-digit leaf category of the template (data/categories.ts). */
  categoryCode: string;
  requestType: DemoRequestType;
  /** The template marks the matter as urgent (集体欠薪, 安全隐患 …). */
  urgent: boolean;
  township: { code: string; name: string };
  village: string;
  title: string;
  content: string;
  /** Where it happened, e.g. `赣县区梅林镇城东社区农贸市场`. */
  address: string;
  company: string;
}

export interface DemoPerson {
  name: string;
  mobile: string;
  idNumber: string;
}

/** Leaf category code → `一级名称/三级名称` (a channel's own category text). */
const CATEGORY_PATHS = new Map<string, string>();
(function walk(nodes: CategorySeed[], top: string | null) {
  for (const node of nodes) {
    if (node.children) walk(node.children, top ?? node.name);
    else CATEGORY_PATHS.set(node.code, `${top}/${node.name}`);
  }
})(CATEGORIES, null);

export class DemoContent {
  /** The reporter of the burst report `matter()` just returned, for the next `person()`. */
  private reporter: DemoPerson | null = null;

  /** `bursts`: the trickle's burst mode (bursts.ts); without it, every matter is an ordinary one. */
  constructor(
    readonly random: Random,
    readonly bursts?: DemoBursts,
  ) {}

  /**
   * A matter from the templates of these category prefixes (`'10'`, `'0101'` …; none: any), told by
   * `speaker` instead of the hotline's 来电人 (`消费者`, `网友` …).
   */
  matter(prefixes: readonly string[] = [], speaker = '来电人'): DemoMatter {
    this.reporter = null;
    const told = this.bursts?.next(prefixes, speaker, () => this.newPerson());
    if (told) {
      this.reporter = told.person;
      return this.burstMatter(told, speaker);
    }
    const r = this.random;
    const pool = prefixes.length ? ORDER_TEMPLATES.filter((t) => prefixes.some((p) => t.categoryCode.startsWith(p))) : ORDER_TEMPLATES;
    const template: OrderTemplate = r.pick(pool.length ? pool : ORDER_TEMPLATES);
    const township = r.pick(TOWNSHIPS);
    const village = r.pick(VILLAGES[township.code] ?? [`${township.name.slice(0, -1)}社区`]);
    const voice = (text: string) => (speaker === '来电人' ? text : text.replaceAll('来电人', speaker));
    return {
      categoryCode: template.categoryCode,
      requestType: r.chance(0.75) ? template.requestTypes[0] : r.pick(template.requestTypes),
      urgent: template.urgent === true,
      township,
      village,
      title: voice(fill(template.title, r, township.name, village)),
      content: voice(fill(template.content, r, township.name, village)),
      address: `赣县区${township.name}${village}${r.chance(0.5) ? r.pick(PLACES) : ''}`,
      company: r.pick(COMPANIES),
    };
  }

  /**
   * The citizen behind the matter `matter()` just returned when it was a burst report (a repeat
   * caller is the earlier caller again); otherwise a new fictitious one.
   */
  person(): DemoPerson {
    const reporter = this.reporter;
    this.reporter = null;
    return reporter ?? this.newPerson();
  }

  /** A fictitious citizen: a name, an 11-digit mobile and an ID number with a valid check digit. */
  private newPerson(): DemoPerson {
    const r = this.random;
    return {
      name: `${r.pick(SURNAMES)}${r.pick(GIVEN_NAME_CHARS)}${r.chance(0.7) ? r.pick(GIVEN_NAME_CHARS) : ''}`,
      mobile: mobile(r),
      idNumber: idNumber(r),
    };
  }

  /** A burst report (data/bursts.ts) as a matter, in the channel's voice. */
  private burstMatter({ matter, report, company }: BurstTelling, speaker: string): DemoMatter {
    const township = TOWNSHIPS.find((t) => t.code === matter.townshipCode)!;
    const village = (VILLAGES[township.code] ?? []).find((v) => matter.address.includes(v)) ?? `${township.name.slice(0, -1)}社区`;
    const voice = (text: string) => (report.voice === 'call' && speaker !== '来电人' ? text.replaceAll('来电人', speaker) : text);
    return {
      categoryCode: matter.categoryCode,
      requestType: matter.requestType,
      urgent: matter.urgent === true,
      township,
      village,
      title: voice(report.title),
      content: voice(report.content),
      address: matter.address,
      company,
    };
  }

  /** `张先生` / `李女士`: how callers who give no full name are recorded. */
  politeName(): string {
    return `${this.random.pick(SURNAMES)}${this.random.chance(0.5) ? '先生' : '女士'}`;
  }

  /** `劳动保障/拖欠农民工工资` for a leaf category code. */
  categoryPath(code: string): string {
    return CATEGORY_PATHS.get(code) ?? '其他/其他';
  }

  /** A time `min`–`max` minutes before `now`. */
  minutesBefore(now: Date, min: number, max: number): Date {
    return new Date(now.getTime() - this.random.int(min * 60, max * 60) * 1000);
  }
}
