/**
 * JSON text for any value JSON.parse can produce, without recursion: a record nested 50,000 deep
 * (JSON.parse reads it iteratively) overflows JSON.stringify's stack, yet it must still be landed
 * raw before it is rejected. Same output as JSON.stringify for such values (lone surrogates and NUL
 * escaped, so the text is always well-formed and storable).
 */
export function jsonText(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return iterativeJson(value);
  }
}

type Frame = { kind: 'array'; items: unknown[]; i: number } | { kind: 'object'; entries: Array<[string, unknown]>; i: number };

function iterativeJson(root: unknown): string {
  const out: string[] = [];
  const stack: Frame[] = [];
  const open = (value: unknown): void => {
    if (Array.isArray(value)) {
      out.push('[');
      stack.push({ kind: 'array', items: value, i: 0 });
    } else if (value !== null && typeof value === 'object') {
      out.push('{');
      stack.push({ kind: 'object', entries: Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function'), i: 0 });
    } else {
      out.push(JSON.stringify(value) ?? 'null');
    }
  };
  open(root);
  while (stack.length) {
    const top = stack[stack.length - 1];
    if (top.kind === 'array') {
      if (top.i === top.items.length) {
        out.push(']');
        stack.pop();
        continue;
      }
      if (top.i > 0) out.push(',');
      const item = top.items[top.i++];
      open(item === undefined || typeof item === 'function' ? null : item);
    } else {
      if (top.i === top.entries.length) {
        out.push('}');
        stack.pop();
        continue;
      }
      if (top.i > 0) out.push(',');
      const [key, item] = top.entries[top.i++];
      out.push(JSON.stringify(key), ':');
      open(item);
    }
  }
  return out.join('');
}

/**
 * How deep `value` nests (a scalar 0, `{}` 1, `{"a": {}}` 2), counted without recursion and
 * giving up as soon as it exceeds `limit` (then `limit + 1`).
 */
export function jsonDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    const here = depth + 1;
    if (here > limit) return limit + 1;
    if (here > deepest) deepest = here;
    for (const child of Array.isArray(v) ? v : Object.values(v)) if (child !== null && typeof child === 'object') stack.push([child, here]);
  }
  return deepest;
}
