import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../common/errors';
import { searchTextArgument } from '../common/free-text';
import { pgArray } from '../db/sql';
import { expandSynonyms } from './search-synonyms';
import { foldSearchText, normalizeSearchText, searchWords, wordGrams } from './search-text';

/** Words of one search (AND-ed); more is refused. */
export const MAX_SEARCH_WORDS = 10;

/**
 * Statement timeout of a search's SQL (`set_config('statement_timeout', …, true)` inside its own
 * transaction). A search that still takes longer answers BAD_USER_INPUT (too broad), not INTERNAL.
 */
export const SEARCH_STATEMENT_TIMEOUT_MS = 2000;

/** A parsed `filter.text`: an exact order code, or words (each with its spellings: synonyms). */
export interface WorkOrderSearch {
  /** The text as a work-order code (GX…), when it could be one. */
  code: string | null;
  /** Per word, the spellings any of which must occur in the title or content. */
  words: string[][];
}

/**
 * Parses `filter.text`: at most 100 characters (common/free-text.ts), no NUL or lone surrogates,
 * trimmed; blank → null (no filter). Full-width → half-width, A–Z → a–z, traditional →
 * simplified; split into words at spaces and punctuation; each word expanded to its synonyms.
 */
export function parseWorkOrderSearch(text: string | null | undefined, field = 'filter.text'): WorkOrderSearch | null {
  const tidy = searchTextArgument(text, field);
  if (!tidy) return null;
  const words = searchWords(normalizeSearchText(tidy));
  if (!words.length) return null; // punctuation only
  if (words.length > MAX_SEARCH_WORDS) {
    throw badInput(`${field} 最多 ${MAX_SEARCH_WORDS} 个关键词`, `${field} may hold at most ${MAX_SEARCH_WORDS} words`, field);
  }
  const folded = foldSearchText(tidy);
  return {
    code: /^[a-z0-9]{4,32}$/.test(folded) ? folded.toUpperCase() : null,
    words: words.map(expandSynonyms),
  };
}

const GRAMS = 'minyi_search_grams(wo.title, wo.content)';
const FOLDED = 'minyi_search_text(wo.title, wo.content)';

/**
 * The search as SQL on alias `wo`, with "?" parameters: the code, or every word (any spelling).
 * A spelling is looked up in the GIN index (`grams @> its character pairs`), then checked as a
 * substring of the stored title or content, and — only for spellings with ASCII characters, the
 * only ones folding can produce — of their folded text (`translate` costs ≈ 50 µs a row).
 */
export function searchSql(search: WorkOrderSearch): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  // Per word: (any spelling's grams in the index) and (any spelling in the text) — the same as
  // "any spelling (in the text and its grams)", since a substring's grams are always there. Kept
  // apart, the index part is answered by the bitmap (BitmapOr) and never recomputed per row; where
  // the planner filters rows instead (a small scope, a page walked in order), the cheap exact part
  // runs first (PostgreSQL orders filter clauses by cost) and the costly grams call only after it.
  const words = search.words.map((spellings) => {
    const grams = spellings.map((spelling) => {
      params.push(pgArray(wordGrams(spelling)));
      return `${GRAMS} @> ?::text[]`;
    });
    const exact = spellings.map((spelling) => {
      params.push(spelling, spelling);
      let sql = 'strpos(wo.title, ?) > 0 or strpos(wo.content, ?) > 0';
      if (/[\u0000-\u007f]/.test(spelling)) {
        sql += ` or strpos(${FOLDED}, ?) > 0`;
        params.push(spelling);
      }
      return sql;
    });
    return `(${grams.join(' or ')}) and (${exact.join(' or ')})`;
  });
  const text = words.join(' and ');
  if (!search.code) return { sql: `(${text})`, params };
  return { sql: `(wo.code = ? or (${text}))`, params: [search.code, ...params] };
}

/** PostgreSQL cancelled the statement because of statement_timeout (not a user cancel). */
export function isStatementTimeout(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  return !!e && e.code === '57014' && typeof e.message === 'string' && e.message.includes('statement timeout');
}

/**
 * Runs `run` in a transaction whose statements time out after `ms` (or sooner, if the
 * connection's own statement_timeout is shorter: this never lengthens it). Local to that
 * transaction; restored afterwards when `em` was already in one. A timeout → BAD_USER_INPUT.
 */
export async function withSearchTimeout<T>(em: EntityManager, ms: number, run: (em: EntityManager) => Promise<T>): Promise<T> {
  const nested = em.isInTransaction();
  try {
    return await em.transactional(async (tx) => {
      const [{ previous }] = await tx.execute(
        `with old as materialized (select current_setting('statement_timeout') as setting)
         select old.setting as previous,
                set_config('statement_timeout', case when extract(epoch from old.setting::interval) * 1000 between 1 and ? then old.setting else ? end, true)
           from old`,
        [ms, `${Math.round(ms)}ms`],
      );
      const result = await run(tx);
      if (nested) await tx.execute(`select set_config('statement_timeout', ?, true)`, [previous]);
      return result;
    });
  } catch (error) {
    if (isStatementTimeout(error)) {
      throw badInput(
        `搜索超时（超过 ${ms / 1000} 秒），请使用更具体的关键词或增加筛选条件`,
        `The search took longer than ${ms / 1000} s; use more specific words or narrow the filter`,
        'filter.text',
      );
    }
    throw error;
  }
}
