/**
 * The RFC 4180 reader of 12328.md §3, on already decoded text. One pass, linear time:
 * - records end at CRLF (the spec's separator) or a bare LF (tolerated); the last one may lack it;
 * - a field may be quoted whatever its column (`"…"`, `""` inside = one `"`); spaces or tabs around
 *   the quotes are ignored; line breaks inside quotes (CRLF, CR or LF) become LF;
 * - unquoted fields are trimmed of spaces and tabs (only those: an ideographic space is content);
 * - each record keeps its exact physical text (without its terminator) so a row can be stored as
 *   received and read again later.
 * A structural error does not stop the reader: the record carries `error` and reading goes on.
 */

export interface CsvRecord {
  fields: string[];
  /** The record's exact text as it stood in the file, without the CRLF/LF that ends it. */
  text: string;
  /** 1-based physical line where the record starts. */
  line: number;
  /** Why the record is not valid RFC 4180 (then `fields` are a best effort). */
  error?: string;
}

const QUOTE = 34; // "
const COMMA = 44; // ,
const LF = 10;
const CR = 13;
const isBlank = (c: number) => c === 32 || c === 9;

/** Unquoted field: trimmed of spaces and tabs only. */
function trimBlanks(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isBlank(s.charCodeAt(a))) a++;
  while (b > a && isBlank(s.charCodeAt(b - 1))) b--;
  return s.slice(a, b);
}

/** Counts LF in text[from, to) (for line numbers). */
function countLf(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Every record of `text`, in order. An empty text has no records; a blank line is a record with one empty field. */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const end = text.length;
  let i = 0;
  let line = 1;
  while (i < end) {
    const start = i;
    const fields: string[] = [];
    let error: string | undefined;
    let recordEnd = -1; // index of the record's terminator (or end of text)
    let next = end; // where the next record starts

    for (;;) {
      // One field starting at i.
      let j = i;
      while (j < end && isBlank(text.charCodeAt(j))) j++;
      if (j < end && text.charCodeAt(j) === QUOTE) {
        // Quoted: up to the closing quote; "" is one quote.
        let value = '';
        let k = j + 1;
        let closed = false;
        while (k <= end) {
          const q = text.indexOf('"', k);
          if (q === -1) break;
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += text.slice(k, q + 1);
            k = q + 2;
            continue;
          }
          value += text.slice(k, q);
          k = q + 1;
          closed = true;
          break;
        }
        if (!closed) {
          value += text.slice(k);
          fields.push(value.replace(/\r\n?/g, '\n'));
          error = 'a quoted field is not closed before the end of the file';
          recordEnd = end;
          next = end;
          break;
        }
        fields.push(value.replace(/\r\n?/g, '\n'));
        i = k;
        while (i < end && isBlank(text.charCodeAt(i))) i++;
        const c = text.charCodeAt(i);
        if (i < end && c !== COMMA && c !== LF && !(c === CR && text.charCodeAt(i + 1) === LF)) {
          // Text after the closing quote: keep it with the field as a best effort, flag the record.
          error ??= 'text follows a closing quote';
          let stop = i;
          while (stop < end && text.charCodeAt(stop) !== COMMA && text.charCodeAt(stop) !== LF) stop++;
          fields[fields.length - 1] += trimBlanks(text.slice(i, stop).replace(/\r$/, ''));
          i = stop;
        }
      } else {
        // Unquoted: up to the next comma or line end.
        let stop = j;
        while (stop < end) {
          const c = text.charCodeAt(stop);
          if (c === COMMA || c === LF) break;
          stop++;
        }
        const crlf = stop < end && text.charCodeAt(stop) === LF && stop > i && text.charCodeAt(stop - 1) === CR;
        fields.push(trimBlanks(text.slice(i, crlf ? stop - 1 : stop)));
        i = stop;
      }
      // After a field: a comma (another field follows), a line end or the end of the text.
      if (i >= end) {
        recordEnd = end;
        next = end;
        break;
      }
      if (text.charCodeAt(i) === COMMA) {
        i++;
        continue;
      }
      // A line end: CRLF, or a bare LF (the CR of an unquoted last field's CRLF stays outside the field).
      const lf = text.charCodeAt(i) === CR ? i + 1 : i;
      recordEnd = lf - 1 >= start && text.charCodeAt(lf - 1) === CR ? lf - 1 : lf;
      next = lf + 1;
      break;
    }

    const recordText = text.slice(start, recordEnd);
    records.push(error ? { fields, text: recordText, line, error } : { fields, text: recordText, line });
    line += countLf(text, start, next);
    i = next;
  }
  return records;
}
