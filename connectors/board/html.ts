/**
 * message-board.md §4: `title`, `content` (and §6 `comment`) are HTML-escaped with exactly
 * `&amp; &lt; &gt; &quot; &#39;`, to be unescaped **exactly once**: `&amp;quot;` → `&quot;` (a citizen who
 * typed the entity text), never `"`. One left-to-right pass, so an unescaped result is never re-read.
 * Other entities (`&nbsp;`, `&#x27;`, `&#34;`) are not part of the spec and stay as sent.
 */

const ENTITIES: Readonly<Record<string, string>> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const ESCAPED = /&(?:amp|lt|gt|quot|#39);/g;

export function unescapeHtml(text: string): string {
  return text.replace(ESCAPED, (entity) => ENTITIES[entity]);
}

/** What the board does to plain text (§5: "the board escapes it"); the inverse of unescapeHtml. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
}

/**
 * Whether the text is not escaped as §4 says: a raw `<`, `>`, `"` or `'`, or a `&` that does not start one
 * of the five entities. The text is still unescaped once and kept; the caller warns.
 */
export function isImproperlyEscaped(text: string): boolean {
  return /[<>"']/.test(text) || /&(?!(?:amp|lt|gt|quot|#39);)/.test(text);
}
