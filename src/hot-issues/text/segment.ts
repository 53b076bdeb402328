/**
 * Chinese segmentation for complaint text: normalisation, jieba with the local user dictionary,
 * synonym canonicalisation, stop-word and single-character filtering.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { LOCAL_NAME_CLASSES, SYNONYMS, userDictionaryLines } from './lexicon';
import { MEANINGFUL_SINGLE_CHARS, STOP_WORDS } from './stopwords';
import { foldWidth, toSimplified } from '../../common/chinese-text';
import { applyDialect } from './variants';
import { spotSpans, type SpotSpan } from './places';
import { symptomWords } from './symptoms';

const NAMED_ENTITIES: Record<string, string> = {
  nbsp: ' ',
  ensp: ' ',
  emsp: ' ',
  thinsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  middot: '·',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  yen: '¥',
  times: '×',
};

/**
 * Normalises complaint text: decodes HTML entities (unknown ones are dropped) and strips tags,
 * full-width ASCII (Ａ１，) → half-width, ideographic space → space, lowercase Latin, collapse
 * whitespace, traditional → simplified and dialect words → standard (variants.ts). Chinese punctuation other than the full-width ASCII block is kept (segmentation
 * drops it later).
 */
export function normalizeText(text: string): string {
  let s = text.replace(/<[^<>]{0,200}>/g, ' ').replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});?/gi, (_m, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : ' ';
    }
    return NAMED_ENTITIES[e.toLowerCase()] ?? ' ';
  });
  s = applyDialect(toSimplified(foldWidth(s).toLowerCase()));
  return busLines(s.replace(/\s+/g, ' ').trim());
}

const BUS_LINE = /(?<![\d一二三四五六七八九十百])(\d{1,3}|[一二三四五六七八九十]{1,3})路(?:公交车|公交|班车|巴士|车)/g;
const NUMERAL: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 九路车 / 十二路公交车 / 9路班车 → 9路公交 / 12路公交: one spelling of a bus line (its number in digits, 公交 for the vehicle). */
function busLines(text: string): string {
  return text.replace(BUS_LINE, (m, n: string) => {
    const line = /^\d+$/.test(n) ? Number(n) : n === '一' ? 0 : chineseNumeral(n); // 一路 alone: all the way
    return line > 0 ? `${line}路公交` : m;
  });
}

/** 一 … 九十九 (十二, 二十, 二十三) as a number; 0 when not one. */
function chineseNumeral(s: string): number {
  if (s.length === 1) return s === '十' ? 10 : (NUMERAL[s] ?? 0);
  const ten = s.indexOf('十');
  if (ten < 0 || s.indexOf('十', ten + 1) >= 0) return 0;
  const tens = ten === 0 ? 1 : (NUMERAL[s.slice(0, ten)] ?? 0);
  const units = ten === s.length - 1 ? 0 : (NUMERAL[s.slice(ten + 1)] ?? -100);
  const n = tens * 10 + units;
  return n > 0 && s.length <= 3 ? n : 0;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** A township or spot of the lexicon (not a place type: 阳光 + 小区 still join into 阳光小区). */
function isLexiconName(word: string): boolean {
  const c = LOCAL_NAME_CLASSES.get(word);
  return c !== undefined && c.cls !== 'place';
}
const CJK_CHAR = /^\p{Script=Han}$/u;
const DIGITS = /^[\d.,]+$/;
/**
 * A clock time or a span of minutes / hours written in Chinese numerals (十一点半, 五十分钟, 一个钟头):
 * written in digits (11点半, 50分钟) it falls apart into a number and a stop character and is dropped,
 * so the Chinese spelling is dropped too (numbers off) — when a report was written is not what went wrong.
 */
const CLOCK_TIME = /^[零〇一二两三四五六七八九十几半]+(?:点(?:钟|半|多|整|[零〇一二三四五六七八九十]+分?)?|分钟|个?(?:多)?(?:小时|钟头|钟)|刻钟)$/;

export interface SegmenterOptions {
  /** A jieba instance; default: a new one with the default and user dictionaries (expensive, ~0.1 s). */
  jieba?: Jieba;
  /** jieba's HMM for unknown words. Off: typos and names then fall apart into known pieces consistently. */
  hmm?: boolean;
  /** Rewrite synonyms to their canonical form (lexicon.ts). Default true. */
  synonyms?: boolean;
  /** Keep pure numbers (amounts, counts) as tokens. Default false: paraphrases round and respell them. */
  numbers?: boolean;
  /** Make each spot written by its suffix (XX村, XX路, XX小区…; places.ts spotSpans) one token. Default true. */
  spots?: boolean;
  /** Add the canonical word of each symptom the text describes in other words (symptoms.ts). Default true (with synonyms). */
  symptoms?: boolean;
  /** Names that win over a written spot they overlap (townships, gazetteer villages, landmarks): default the lexicon's. */
  isName?: (word: string) => boolean;
}

/** Words that start with a spot's last character and run past it, yet are read as their own word (城南路灯: 城南 + 路灯, not 城南路 + 灯). */
const SPOT_TAIL_WORDS = new Set(['路灯', '街灯', '路况', '街道', '路基', '苑区']);

/** Creates a jieba instance with the default dictionary plus the local user dictionary. */
export function createJieba(extraWords: readonly string[] = []): Jieba {
  const jieba = Jieba.withDict(dict);
  const lines = userDictionaryLines();
  for (const w of extraWords) lines.push(`${w} 200000 ${/(局|所|队|委|办|中心|公司|院|部|会|厂|社|超市|酒家|酒店|药房|政府)$/.test(w) ? 'nt' : 'ns'}`);
  jieba.loadDict(Buffer.from(lines.join('\n'), 'utf8'));
  return jieba;
}

export class Segmenter {
  readonly jieba: Jieba;
  readonly hmm: boolean;
  readonly synonyms: boolean;
  readonly numbers: boolean;
  readonly spots: boolean;
  readonly symptoms: boolean;
  private readonly isName: (word: string) => boolean;

  constructor(options: SegmenterOptions = {}) {
    this.jieba = options.jieba ?? createJieba();
    this.hmm = options.hmm ?? false;
    this.synonyms = options.synonyms ?? true;
    this.numbers = options.numbers ?? false;
    this.spots = options.spots ?? true;
    this.symptoms = options.symptoms ?? this.synonyms;
    this.isName = options.isName ?? isLexiconName;
  }

  /** Raw jieba words of the normalised text (punctuation and spaces removed, written spots whole, nothing else). */
  words(text: string): string[] {
    const normalised = normalizeText(text);
    if (normalised.length === 0) return [];
    let words = this.jieba.cut(normalised, this.hmm);
    if (this.spots) words = this.joinSpots(normalised, words, spotSpans(normalised));
    return words.filter((w) => WORD_CHAR.test(w)).map((w) => w.trim());
  }

  /**
   * Each written spot (城南路, 龙湾村, 阳光小区) becomes one word: jieba's pieces inside it are joined, the
   * pieces of words it cuts through are segmented again. A spot is left as jieba cut it when a known
   * name overlaps it (城南新村 from the dictionary over 南新村) or a word from inside its name runs past
   * its end; a word starting at its last character is cut (城南路口 → 城南路 + 口) unless it is one of
   * SPOT_TAIL_WORDS (城南路灯 → 城南 + 路灯).
   */
  private joinSpots(text: string, words: string[], spans: readonly SpotSpan[]): string[] {
    if (!spans.length) return words;
    const starts: number[] = [];
    let pos = 0;
    for (const w of words) {
      starts.push(pos);
      pos += w.length;
    }
    if (pos !== text.length) return words; // jieba dropped or changed characters: leave as is
    let out = words;
    for (let k = spans.length - 1; k >= 0; k--) {
      const { start, end, word } = spans[k];
      let i0 = 0;
      while (i0 < out.length && starts[i0] + out[i0].length <= start) i0++;
      let i1 = i0;
      while (i1 + 1 < out.length && starts[i1 + 1] < end) i1++;
      if (i0 === i1 && out[i0] === word) continue;
      let keep = false;
      for (let i = i0; i <= i1 && !keep; i++) if (this.isName(out[i])) keep = true;
      const lastEnd = starts[i1] + out[i1].length;
      if (lastEnd > end && !(starts[i1] === end - 1 && !SPOT_TAIL_WORDS.has(out[i1]))) keep = true;
      if (keep) continue;
      const prefix = text.slice(starts[i0], start);
      const suffix = text.slice(end, lastEnd);
      const replaced = [...(prefix ? this.jieba.cut(prefix, this.hmm) : []), word, ...(suffix ? this.jieba.cut(suffix, this.hmm) : [])];
      out = [...out.slice(0, i0), ...replaced, ...out.slice(i1 + 1)];
      const newStarts: number[] = [];
      let p = starts[i0];
      for (const w of replaced) {
        newStarts.push(p);
        p += w.length;
      }
      starts.splice(i0, i1 - i0 + 1, ...newStarts);
    }
    return out;
  }

  /**
   * The token stream used by keywords and signatures: normalised, segmented, synonyms rewritten,
   * stop words, punctuation, lone Latin letters, meaningless single characters (and numbers
   * unless `numbers`) removed. Order is kept.
   */
  tokens(text: string): string[] {
    const out: string[] = [];
    for (let w of this.words(text)) {
      if (this.synonyms) w = SYNONYMS.get(w) ?? w;
      if (STOP_WORDS.has(w)) continue;
      if (w.length === 1 && !(CJK_CHAR.test(w) && MEANINGFUL_SINGLE_CHARS.has(w))) continue;
      if (!this.numbers && (DIGITS.test(w) || CLOCK_TIME.test(w))) continue;
      out.push(w);
    }
    if (this.symptoms && out.length) for (const w of symptomWords(normalizeText(text))) if (!out.includes(w)) out.push(w);
    return out;
  }
}

let shared: Segmenter | undefined;

/** The process-wide segmenter (lazy; constructing jieba and its dictionaries is expensive). */
export function defaultSegmenter(): Segmenter {
  return (shared ??= new Segmenter());
}

/** Tokens of `text` with the process-wide segmenter. */
export function tokenize(text: string, segmenter: Segmenter = defaultSegmenter()): string[] {
  return segmenter.tokens(text);
}
