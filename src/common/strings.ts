/** A lone UTF-16 surrogate: a high one not followed by a low one, or a low one not after a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * NUL (PostgreSQL text cannot hold it) or a lone surrogate (not valid Unicode: drivers and logs
 * silently rewrite it to U+FFFD). Input carrying either is refused, never stored altered.
 */
export function hasUnsafeCharacters(value: string): boolean {
  return value.includes('\u0000') || LONE_SURROGATE.test(value);
}
