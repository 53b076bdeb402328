/** Text PostgreSQL (and UTF-8) can hold: shared by the ingestion runtime and the connectors' mappings. */

/**
 * Text PostgreSQL and UTF-8 can hold: lone UTF-16 surrogates and NUL → U+FFFD. `changed` tells the
 * caller to warn (the raw record keeps the original).
 */
export function storableText(text: string): { text: string; changed: boolean } {
  // eslint-disable-next-line no-control-regex
  const fixed = text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|\u0000/g, '\ufffd');
  return { text: fixed, changed: fixed !== text };
}

/** NUL or an unpaired UTF-16 surrogate: text PostgreSQL (or UTF-8) cannot hold as is. */
// eslint-disable-next-line no-control-regex
const UNSTORABLE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|\u0000/;

export function hasUnstorableText(text: string): boolean {
  return UNSTORABLE.test(text);
}
