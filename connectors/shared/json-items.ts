/**
 * Exact source text of each element of a top-level JSON array property (`{"items": [ … ]}`), so a
 * connector lands every record as the origin sent it (RawRecord.text) instead of a re-serialisation.
 *
 * The caller has already validated the whole text with JSON.parse; this scanner only delimits values:
 * it tracks strings (with their escapes) and bracket depth, nothing else. Like JSON.parse, when the
 * key occurs twice the last occurrence wins. Returns null when the top level is not an object or the
 * property is absent or not an array.
 */
export function arrayElementTexts(json: string, key: string): string[] | null {
  let i = skipWs(json, 0);
  if (json.charCodeAt(i) !== 0x7b /* { */) return null;
  i = skipWs(json, i + 1);
  let found: string[] | null = null;
  if (json.charCodeAt(i) === 0x7d /* } */) return null;
  for (;;) {
    const keyEnd = skipString(json, i);
    const name = JSON.parse(json.slice(i, keyEnd)) as string;
    i = skipWs(json, keyEnd);
    if (json.charCodeAt(i) !== 0x3a /* : */) throw new SyntaxError(`expected ':' at ${i}`);
    i = skipWs(json, i + 1);
    if (name === key) {
      if (json.charCodeAt(i) === 0x5b /* [ */) {
        const scanned = scanArray(json, i);
        found = scanned.elements;
        i = scanned.end;
      } else {
        found = null;
        i = skipValue(json, i);
      }
    } else {
      i = skipValue(json, i);
    }
    i = skipWs(json, i);
    const c = json.charCodeAt(i);
    if (c === 0x2c /* , */) i = skipWs(json, i + 1);
    else if (c === 0x7d /* } */) return found;
    else throw new SyntaxError(`expected ',' or '}' at ${i}`);
  }
}

function scanArray(json: string, start: number): { elements: string[]; end: number } {
  const elements: string[] = [];
  let i = skipWs(json, start + 1);
  if (json.charCodeAt(i) === 0x5d /* ] */) return { elements, end: i + 1 };
  for (;;) {
    const end = skipValue(json, i);
    elements.push(json.slice(i, end));
    i = skipWs(json, end);
    const c = json.charCodeAt(i);
    if (c === 0x2c) i = skipWs(json, i + 1);
    else if (c === 0x5d) return { elements, end: i + 1 };
    else throw new SyntaxError(`expected ',' or ']' at ${i}`);
  }
}

/** JSON whitespace only (space, tab, LF, CR), as in RFC 8259. */
function skipWs(json: string, i: number): number {
  for (;;) {
    const c = json.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
    else return i;
  }
}

/** `i` at the opening quote → index after the closing quote. */
function skipString(json: string, i: number): number {
  if (json.charCodeAt(i) !== 0x22) throw new SyntaxError(`expected a string at ${i}`);
  for (let j = i + 1; j < json.length; j++) {
    const c = json.charCodeAt(j);
    if (c === 0x5c /* \ */) j++;
    else if (c === 0x22) return j + 1;
  }
  throw new SyntaxError('unterminated string');
}

/** Any value starting at `i` → index after it. */
function skipValue(json: string, i: number): number {
  const c = json.charCodeAt(i);
  if (c === 0x22) return skipString(json, i);
  if (c === 0x7b || c === 0x5b) {
    let depth = 0;
    for (let j = i; j < json.length; j++) {
      const d = json.charCodeAt(j);
      if (d === 0x22) j = skipString(json, j) - 1;
      else if (d === 0x7b || d === 0x5b) depth++;
      else if (d === 0x7d || d === 0x5d) {
        depth--;
        if (depth === 0) return j + 1;
      }
    }
    throw new SyntaxError('unterminated container');
  }
  // number, true, false, null
  let j = i;
  for (; j < json.length; j++) {
    const d = json.charCodeAt(j);
    if (d === 0x2c || d === 0x7d || d === 0x5d || d === 0x20 || d === 0x09 || d === 0x0a || d === 0x0d) break;
  }
  if (j === i) throw new SyntaxError(`expected a value at ${i}`);
  return j;
}

/**
 * Exact source text of a top-level property's value (`{"data": {…}}` → the `{…}` as sent), so an
 * envelope's inner object can be scanned with arrayElementTexts. Same contract as arrayElementTexts:
 * the caller has validated the text with JSON.parse; last occurrence wins; null when the top level is
 * not an object or the property is absent.
 */
export function propertyValueText(json: string, key: string): string | null {
  let i = skipWs(json, 0);
  if (json.charCodeAt(i) !== 0x7b /* { */) return null;
  i = skipWs(json, i + 1);
  if (json.charCodeAt(i) === 0x7d /* } */) return null;
  let found: string | null = null;
  for (;;) {
    const keyEnd = skipString(json, i);
    const name = JSON.parse(json.slice(i, keyEnd)) as string;
    i = skipWs(json, keyEnd);
    if (json.charCodeAt(i) !== 0x3a /* : */) throw new SyntaxError(`expected ':' at ${i}`);
    i = skipWs(json, i + 1);
    const end = skipValue(json, i);
    if (name === key) found = json.slice(i, end);
    i = skipWs(json, end);
    const c = json.charCodeAt(i);
    if (c === 0x2c /* , */) i = skipWs(json, i + 1);
    else if (c === 0x7d /* } */) return found;
    else throw new SyntaxError(`expected ',' or '}' at ${i}`);
  }
}
