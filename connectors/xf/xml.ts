import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * The 信访 XML layer (petition.md §1, §3, §7): requests built by hand with escaping, responses and
 * letters parsed with fast-xml-parser, and the exact source text of each `<Letter>` element so a
 * letter lands as it was received (RawRecord.text), not as a re-serialisation.
 *
 * Parsing rules: values stay strings (XFJBH has 17 digits, codes have leading zeros), CDATA is read
 * as text, attributes are ignored (the spec has none), element order does not matter (an object),
 * a repeated element becomes an array. A document with a DOCTYPE is refused: the spec has no DTDs
 * and internal entities are an expansion attack.
 */

/** A parsed element: text for a leaf, an object for an element with children, an array when repeated. */
export type XmlValue = string | XmlObject | XmlValue[];
export interface XmlObject {
  [name: string]: XmlValue;
}

/** The parser's key for text next to child elements (whitespace between elements, or stray text). */
export const TEXT_KEY = '#text';

/** Names the parser refuses (prototype pollution guard): renamed with `#`, which no XML name contains. */
const CRITICAL_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

/** Element name as the record wrote it (undoes the `#` rename of CRITICAL_NAMES). */
export const sourceName = (key: string): string => (key.startsWith('#') && CRITICAL_NAMES.has(key.slice(1)) ? key.slice(1) : key);

function parser(stopNodes: string[] = []): XMLParser {
  return new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false, // strings only: no number parsing
    trimValues: false, // text as sent; the mapping decides what to trim
    processEntities: true, // &amp; &lt; &gt; &quot; &apos;
    htmlEntities: true, // numeric character references &#20013; &#x4e2d; (and HTML names, leniently)
    ignoreDeclaration: true,
    ignorePiTags: true,
    cdataPropName: false, // CDATA sections merge into the element's text
    transformTagName: (name: string) => (CRITICAL_NAMES.has(name) ? `#${name}` : name),
    stopNodes,
  });
}

const DOCUMENT_PARSER = parser();
/** Responses: letters stay unparsed text here; each is parsed on its own so one bad letter cannot break the page. */
const RESPONSE_PARSER = parser(['Envelope.Body.QueryResponse.Letter']);

export type ParsedXml = { ok: true; doc: XmlObject } | { ok: false; problem: 'NOT_XML' | 'MALFORMED' | 'DOCTYPE' };

/**
 * A whole document → its object, or why not (`queryResponse`: the `<Letter>` elements of a
 * QueryResponse are left as unparsed text, each is parsed on its own): NOT_XML (an HTML gateway page, plain text, empty),
 * MALFORMED (truncated or not well-formed), DOCTYPE (refused). Never throws.
 */
export function parseXml(text: string, mode: 'document' | 'queryResponse' = 'document'): ParsedXml {
  const start = text.replace(/^\ufeff/, '').trimStart();
  if (!start.startsWith('<') || /^<(!doctype\s+html|html[\s>])/i.test(start)) return { ok: false, problem: 'NOT_XML' };
  if (walkTags(text, () => undefined) === 'DOCTYPE') return { ok: false, problem: 'DOCTYPE' };
  try {
    if (XMLValidator.validate(text) !== true) return { ok: false, problem: 'MALFORMED' };
    const doc: unknown = (mode === 'queryResponse' ? RESPONSE_PARSER : DOCUMENT_PARSER).parse(text);
    return isXmlObject(doc) ? { ok: true, doc } : { ok: false, problem: 'MALFORMED' };
  } catch {
    return { ok: false, problem: 'MALFORMED' };
  }
}

export const isXmlObject = (v: unknown): v is XmlObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `a.b.c` of nested single elements; undefined when a step is absent, repeated or text. */
export function path(doc: XmlValue | undefined, ...names: string[]): XmlValue | undefined {
  let node: XmlValue | undefined = doc;
  for (const name of names) {
    if (!isXmlObject(node) || !Object.hasOwn(node, name)) return undefined;
    node = node[name];
  }
  return node;
}

/** An element's text, or null when it is absent, repeated or has children. `<X/>` is ''. */
export function leafText(node: XmlValue | undefined): string | null {
  return typeof node === 'string' ? node : null;
}

// ── exact element texts ──────────────────────────────────────────────────────────────────────────

/** Markup that holds no tags: CDATA sections (may contain `<` and `>`), comments, processing instructions. */
const SKIPPED = [
  ['<![CDATA[', ']]>'],
  ['<!--', '-->'],
  ['<?', '?>'],
] as const;

interface Tag {
  kind: 'open' | 'close' | 'empty';
  name: string;
  start: number;
  /** Index after the tag's `>`. */
  end: number;
}

/**
 * Walks the tags of `xml` in order, skipping text, CDATA sections (which may contain `<` and `>`),
 * comments and processing instructions, and honouring quoted attribute values. → 'DOCTYPE' for a
 * document type declaration (refused), 'UNTERMINATED' for markup that never ends, else 'OK'.
 */
function walkTags(xml: string, visit: (tag: Tag) => void): 'OK' | 'DOCTYPE' | 'UNTERMINATED' {
  let i = 0;
  for (;;) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) return 'OK';
    const skipped = SKIPPED.find(([open]) => xml.startsWith(open, lt));
    if (skipped) {
      const close = xml.indexOf(skipped[1], lt + skipped[0].length);
      if (close < 0) return 'UNTERMINATED';
      i = close + skipped[1].length;
      continue;
    }
    if (xml.startsWith('<!', lt)) return 'DOCTYPE';
    const gt = tagEnd(xml, lt);
    if (gt < 0) return 'UNTERMINATED';
    if (xml[lt + 1] === '/') visit({ kind: 'close', name: xml.slice(lt + 2, gt).trim(), start: lt, end: gt + 1 });
    else {
      const name = /^[^\s/>]*/.exec(xml.slice(lt + 1, gt))![0];
      visit({ kind: xml[gt - 1] === '/' ? 'empty' : 'open', name, start: lt, end: gt + 1 });
    }
    i = gt + 1;
  }
}

/** Index of the `>` closing the tag that starts at `lt` (quoted attribute values may contain `>`), or -1. */
function tagEnd(xml: string, lt: number): number {
  let quote = '';
  for (let j = lt + 1; j < xml.length; j++) {
    const c = xml[j];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return j;
  }
  return -1;
}

/**
 * Exact source text of each `name` element whose ancestors are exactly `parents` (e.g. every
 * `<Letter>…</Letter>` of `Envelope/Body/QueryResponse`), in document order. Null when the tags do
 * not nest, markup is unterminated or there is a DOCTYPE. The caller validates the document first.
 */
export function childElementTexts(xml: string, parents: readonly string[], name: string): string[] | null {
  const stack: string[] = [];
  const found: string[] = [];
  let start = -1;
  let broken = false;
  const atParents = () => stack.length === parents.length && stack.every((s, k) => s === parents[k]);
  const outcome = walkTags(xml, (tag) => {
    if (tag.kind === 'close') {
      if (stack.pop() !== tag.name) broken = true;
      if (start >= 0 && atParents()) {
        found.push(xml.slice(start, tag.end));
        start = -1;
      }
      return;
    }
    const match = start < 0 && tag.name === name && atParents();
    if (tag.kind === 'empty') {
      if (match) found.push(xml.slice(tag.start, tag.end));
      return;
    }
    if (match) start = tag.start;
    stack.push(tag.name);
  });
  return outcome === 'OK' && !broken && stack.length === 0 ? found : null;
}

// ── building requests ────────────────────────────────────────────────────────────────────────────

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text → XML character data (& < > " ' escaped). */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** XML 1.0 `Char`: no control characters but TAB/LF/CR, no lone surrogates, no U+FFFE/U+FFFF. */
export function isXmlChars(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);
}

/** `<name>escaped</name>`, or `<name/>` for no value. */
export function element(name: string, value: string | null | undefined): string {
  return value ? `<${name}>${escapeXml(value)}</${name}>` : `<${name}/>`;
}

/** Text wrapped in CDATA; a `]]>` inside is split across two sections. */
export function cdata(text: string): string {
  return `<![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

/** §1 envelope around one operation element. */
export function envelope(header: ReadonlyArray<[string, string]>, body: string): string {
  const head = header.map(([name, value]) => element(name, value)).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Envelope><Header>${head}</Header><Body>${body}</Body></Envelope>`;
}

/** §7 fault of a parsed response, or null. */
export function readFault(doc: XmlObject): { code: string; text: string } | null {
  const fault = path(doc, 'Envelope', 'Body', 'Fault');
  if (fault === undefined) return null;
  const code = leafText(path(fault, 'FaultCode'))?.trim() ?? '';
  const text = leafText(path(fault, 'FaultString')) ?? '';
  return { code, text };
}
