/**
 * Text rules shared by the connectors (channels README "Title"): lengths in Unicode code points,
 * titles from content, and text the database can store.
 */

/** Length in Unicode code points (the unit of the specs' "N chars"); a lone surrogate counts as one. */
export function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** The first `n` code points of `text`. */
export function firstCodePoints(text: string, n: number): string {
  let taken = 0;
  let i = 0;
  while (i < text.length && taken < n) {
    const c = text.charCodeAt(i);
    const d = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
    i += c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff ? 2 : 1;
    taken++;
  }
  return text.slice(0, i);
}

/**
 * A title for channels without one: `prefix` + the first `n` code points of the content, each line
 * break (LF, CR or CRLF) → one space. Line breaks are replaced first, so a CRLF costs one code point.
 */
export function buildTitle(content: string, n: number, prefix = ''): string {
  return prefix + firstCodePoints(content.replace(/\r\n|\r|\n/g, ' '), n);
}

// Text the database can store: one rule for the runtime and the connectors.
export { hasUnstorableText, storableText } from '../../src/common/storable-text';
