/**
 * TF-IDF keywords over the segmenter's token stream.
 *
 * IDF is jieba's own table (@node-rs/jieba/dict `idf`, parsed once). jieba's TfIdf.extractKeywords
 * re-segments the raw text, so it would not see our normalisation, synonyms and stop-word policy;
 * computing TF × IDF here keeps keywords consistent with the signatures. Words missing from the
 * table get the table's median IDF (jieba's rule); user-dictionary local names missing from it
 * get LOCAL_NAME_IDF (rare in a national corpus). The table is parsed once, on first use
 * (≈ 0.3–0.6 s, ≈ 270k entries).
 */
import { idf as idfBuffer } from '@node-rs/jieba/dict';
import { localNames } from './lexicon';
import { defaultSegmenter, type Segmenter } from './segment';

export interface Keyword {
  word: string;
  weight: number;
}

/** IDF of user-dictionary names missing from jieba's table (its median is ≈ 11.95, its maximum ≈ 13.9). */
export const LOCAL_NAME_IDF = 12;

interface IdfTable {
  map: Map<string, number>;
  median: number;
}

let table: IdfTable | undefined;

function idfTable(): IdfTable {
  if (table) return table;
  const map = new Map<string, number>();
  const text = Buffer.from(idfBuffer).toString('utf8');
  const values: number[] = [];
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const space = text.lastIndexOf(' ', end);
    if (space > start) {
      const v = Number(text.slice(space + 1, end));
      if (Number.isFinite(v)) {
        map.set(text.slice(start, space), v);
        values.push(v);
      }
    }
    start = end + 1;
  }
  values.sort((a, b) => a - b);
  const median = values.length ? values[values.length >> 1] : 10;
  for (const name of localNames()) if (!map.has(name)) map.set(name, LOCAL_NAME_IDF);
  table = { map, median };
  return table;
}

/** IDF of one (normalised) word. */
export function idfOf(word: string): number {
  const t = idfTable();
  return t.map.get(word) ?? t.median;
}

/** TF-IDF weights of a token stream: tf = count / tokens, weight = tf × idf. */
export function tfIdfVector(tokens: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
  const n = tokens.length;
  const out = new Map<string, number>();
  for (const [w, c] of counts) out.set(w, (c / n) * idfOf(w));
  return out;
}

/** The top `k` keywords of a token stream, heaviest first (ties: by word, for determinism). */
export function keywordsOfTokens(tokens: readonly string[], k = 10): Keyword[] {
  return [...tfIdfVector(tokens)]
    .map(([word, weight]) => ({ word, weight }))
    .sort((a, b) => b.weight - a.weight || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0))
    .slice(0, k);
}

/**
 * The top `k` keywords of a text by TF-IDF. Stop words, punctuation, numbers and single
 * characters other than MEANINGFUL_SINGLE_CHARS are never keywords (the segmenter drops them).
 */
export function extractKeywords(text: string, k = 10, segmenter: Segmenter = defaultSegmenter()): Keyword[] {
  return keywordsOfTokens(segmenter.tokens(text), k);
}
