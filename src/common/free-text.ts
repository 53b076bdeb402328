import { badInput } from './errors';
import { hasUnsafeCharacters } from './strings';

/** Longest free-text search argument (characters, after trimming). */
export const MAX_SEARCH_TEXT_LENGTH = 100;

/** Control characters other than NUL (refused outright) read as spaces. */
const CONTROL = /[\u0001-\u001f\u007f-\u009f]/g;

/**
 * Checks and tidies a free-text search/filter argument (keywords typed by a user): refuses NUL
 * and lone surrogates, turns control characters into spaces, collapses whitespace, trims, and
 * refuses more than `maxLength` characters (code points) with BAD_USER_INPUT naming the limit.
 * Blank → null (no filter). Every free-text filter argument of the API goes through this.
 */
export function searchTextArgument(value: string | null | undefined, field: string, maxLength = MAX_SEARCH_TEXT_LENGTH): string | null {
  if (value == null) return null;
  if (typeof value !== 'string') throw badInput(`${field} 须为文本`, `${field} must be a string`, field);
  if (hasUnsafeCharacters(value)) {
    throw badInput(`${field} 含有空字符（NUL）或无效的 Unicode 代理字符`, `${field} contains a NUL character or a lone Unicode surrogate`, field);
  }
  const text = value.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
  if (!text) return null;
  let length = 0;
  for (const _ of text) if (++length > maxLength) throw tooLong(field, maxLength);
  return text;
}

function tooLong(field: string, maxLength: number) {
  return badInput(`${field} 不能超过 ${maxLength} 个字符`, `${field} must be at most ${maxLength} characters`, field);
}
