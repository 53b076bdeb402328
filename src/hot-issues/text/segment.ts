/**
 * Chinese segmentation for complaint text: normalisation, jieba with the local user dictionary,
 * synonym canonicalisation, stop-word and single-character filtering.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { SYNONYMS, userDictionaryLines } from './lexicon';
import { MEANINGFUL_SINGLE_CHARS, STOP_WORDS } from './stopwords';
import { foldWidth, toSimplified } from '../../common/chinese-text';
import { applyDialect } from './variants';

const NAMED_ENTITIES: Record<string, string> = {
  nbsp: ' ', ensp: ' ', emsp: ' ', thinsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'",
  ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’', middot: '·', hellip: '…', mdash: '—', ndash: '–', yen: '¥', times: '×',
};

/**
 * Normalises complaint text: decodes HTML entities (unknown ones are dropped) and strips tags,
 * full-width ASCII (Ａ１，) → half-width, ideographic space → space, lowercase Latin, collapse
 * whitespace, traditional → simplified and dialect words → standard (variants.ts). Chinese punctuation other than the full-width ASCII block is kept (segmentation
 * drops it later).
 */
export function normalizeText(text: string): string {
  let s = text
    .replace(/<[^<>]{0,200}>/g, ' ')
    .replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});?/gi, (_m, e: string) => {
      if (e[0] === '#') {
        const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : ' ';
      }
      return NAMED_ENTITIES[e.toLowerCase()] ?? ' ';
    });
  s = applyDialect(toSimplified(foldWidth(s).toLowerCase()));
  return s.replace(/\s+/g, ' ').trim();
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
const CJK_CHAR = /^\p{Script=Han}$/u;
const DIGITS = /^[\d.,]+$/;

export interface SegmenterOptions {
  /** A jieba instance; default: a new one with the default and user dictionaries (expensive, ~0.1 s). */
  jieba?: Jieba;
  /** jieba's HMM for unknown words. Off: typos and names then fall apart into known pieces consistently. */
  hmm?: boolean;
  /** Rewrite synonyms to their canonical form (lexicon.ts). Default true. */
  synonyms?: boolean;
  /** Keep pure numbers (amounts, counts) as tokens. Default false: paraphrases round and respell them. */
  numbers?: boolean;
}

/** Creates a jieba instance with the default dictionary plus the local user dictionary. */
export function createJieba(extraWords: readonly string[] = []): Jieba {
  const jieba = Jieba.withDict(dict);
  const lines = userDictionaryLines();
  for (const w of extraWords) lines.push(`${w} 200000 n`);
  jieba.loadDict(Buffer.from(lines.join('\n'), 'utf8'));
  return jieba;
}

export class Segmenter {
  readonly jieba: Jieba;
  readonly hmm: boolean;
  readonly synonyms: boolean;
  readonly numbers: boolean;

  constructor(options: SegmenterOptions = {}) {
    this.jieba = options.jieba ?? createJieba();
    this.hmm = options.hmm ?? false;
    this.synonyms = options.synonyms ?? true;
    this.numbers = options.numbers ?? false;
  }

  /** Raw jieba words of the normalised text (punctuation and spaces removed, nothing else). */
  words(text: string): string[] {
    const normalised = normalizeText(text);
    if (normalised.length === 0) return [];
    return this.jieba.cut(normalised, this.hmm).filter((w) => WORD_CHAR.test(w)).map((w) => w.trim());
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
      if (!this.numbers && DIGITS.test(w)) continue;
      out.push(w);
    }
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
