import { foldWidth, toSimplified, TRADITIONAL_TO_SIMPLIFIED, WIDTH_FOLD_FROM, WIDTH_FOLD_TO } from '../common/chinese-text';
/**
 * Text of a work-order search (`workOrders(filter: { text })`): normalisation, words, and the
 * character grams the search index is built on.
 *
 * The index (migration Migration20261207120000_work_order_search) is a GIN index on
 * `minyi_search_grams(title, content)`: every character and every pair of adjacent characters of
 * `minyi_search_text(title, content)` = title + ' ' + content with full-width ASCII folded to
 * half-width and A–Z to a–z (SQL `translate`, the same table as SEARCH_FOLD_FROM/TO below; a test
 * compares them). A word is found by its pairs (`grams @> {噪音}`; one character by itself), so
 * two-character Chinese words — most complaint words — use the index; the candidates are then
 * checked for the word itself.
 *
 * The width fold and the traditional → simplified table are common/chinese-text.ts's, shared with
 * the hot-issue text layer (which also decodes HTML and lowercases all of Unicode, and so cannot be
 * reused whole: the database must compute exactly the same folding for the index). Traditional →
 * simplified applies to the query only: stored orders are simplified Chinese.
 */

/** `translate(text, SEARCH_FOLD_FROM, SEARCH_FOLD_TO)` is the folding of `minyi_search_text` in the database. */
export { WIDTH_FOLD_FROM as SEARCH_FOLD_FROM, WIDTH_FOLD_TO as SEARCH_FOLD_TO, TRADITIONAL_TO_SIMPLIFIED };

/** Folds like `minyi_search_text` in the database (full-width → half-width, A–Z → a–z). */
export const foldSearchText = foldWidth;

/** Query normalisation: the database folding, then traditional → simplified. */
export function normalizeSearchText(text: string): string {
  return toSimplified(foldWidth(text));
}

/** Separators between search words: whitespace and punctuation (after folding). `.` `-` `_` `/` stay inside words. */
const WORD_SEPARATORS = /[\s,;:!?"'()[\]{}<>，。、；：！？“”‘’（）《》〈〉【】「」『』…—·]+/u;

/** The words of a normalised query (deduplicated, in order). */
export function searchWords(normalised: string): string[] {
  return [...new Set(normalised.split(WORD_SEPARATORS).filter(Boolean))];
}

/**
 * The index keys a word needs (`minyi_search_grams(…) @> keys`): its adjacent character pairs,
 * or the character itself for a one-character word. Characters are code points, as in SQL.
 */
export function wordGrams(word: string): string[] {
  const chars = [...word];
  if (chars.length === 1) return chars;
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i] + chars[i + 1]);
  return [...grams];
}
