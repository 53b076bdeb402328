/**
 * The county gazetteer handed to the text layer at runtime (issue 13): villages and communities
 * (the Region table's VILLAGE level), roads, estates, companies and landmarks, and the names of the
 * departments complaints address. Production code builds it from the hub's reference data
 * (analyzer.ts); benches and tests hand it the same way (`new Gazetteer(entries)`), so no code of the
 * text layer reads demo data.
 *
 * Each name becomes one jieba word (浓口村, 区市场监管局 stay whole). Villages, roads, estates,
 * companies and landmarks are spots (LOCAL_NAME_CLASSES' 'spot' class): a place on both sides of a
 * pair, never shared content, implying their township; two texts naming different gazetteer spots and
 * none in common are two matters (similarity.ts). Departments are respondents: whole words, content.
 */
import { TOWNSHIPS } from '../../reference/townships';
import { LOCAL_NAME_CLASSES, type LocalName } from './lexicon';
import { createJieba, Segmenter } from './segment';

export type GazetteerKind = 'village' | 'road' | 'estate' | 'company' | 'landmark' | 'department';

export interface GazetteerEntry {
  name: string;
  kind: GazetteerKind;
  /** The township (12-digit code) a village, road or estate lies in, when known. */
  townshipCode?: string;
}

const TOWNSHIP_NAME = new Map(TOWNSHIPS.map((t) => [t.code, t.name]));

export class Gazetteer {
  /** The lexicon's classes plus this gazetteer's spots. */
  readonly classes: ReadonlyMap<string, LocalName>;
  /** Spot → its township code. */
  readonly townshipCodes: ReadonlyMap<string, string>;
  /** The extra jieba words (every entry's name). */
  readonly words: readonly string[];
  /** Identity of the contents (same entries, same key): the analyser rebuilds its segmenter when it changes. */
  readonly key: string;
  private segmenterInstance?: Segmenter;

  constructor(readonly entries: readonly GazetteerEntry[]) {
    const classes = new Map(LOCAL_NAME_CLASSES);
    const codes = new Map<string, string>();
    const words = new Set<string>();
    for (const e of entries) {
      const name = e.name.trim().toLowerCase();
      if (name.length < 2) continue;
      words.add(name);
      if (e.kind === 'department') continue;
      const known = classes.get(name);
      if (known && known.cls === 'township') continue; // a township's own name stays a township
      const township = e.townshipCode ? TOWNSHIP_NAME.get(e.townshipCode) : undefined;
      classes.set(name, {
        cls: 'spot',
        canonical: name,
        township: township ?? known?.township,
        place: known?.place ?? (e.kind === 'estate' ? '小区' : undefined),
      });
      if (e.townshipCode && township) codes.set(name, e.townshipCode);
    }
    this.classes = classes;
    this.townshipCodes = codes;
    this.words = [...words].sort();
    this.key = `${this.words.length}:${this.words.join('|')}|${[...codes].map(([k, v]) => `${k}=${v}`).join('|')}`;
  }

  /** A segmenter whose jieba knows these names, built once (≈ 0.1–0.25 s). */
  get segmenter(): Segmenter {
    return (this.segmenterInstance ??= new Segmenter({
      jieba: createJieba(this.words),
      isName: (w) => {
        const c = this.classes.get(w);
        return c !== undefined && c.cls !== 'place';
      },
    }));
  }
}
