/**
 * Fast, deterministic 32-bit hashing (MurmurHash3 x86_32 over UTF-16 code units; its fmix32
 * finaliser). Pure integer arithmetic: identical on every machine and Node version.
 */

// A module-level alias: inside vm contexts (jest) every `Math.imul` is a slow global lookup.
const imul = Math.imul;

/** MurmurHash3's finaliser: a bijection on 32-bit integers with full avalanche. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

function mixK(k: number): number {
  k = imul(k, C1);
  k = (k << 15) | (k >>> 17);
  return imul(k, C2);
}

/** MurmurHash3 (x86, 32-bit) of a string's UTF-16 code units, two per 32-bit block. */
export function murmur3(text: string, seed = 0): number {
  let h = seed >>> 0;
  const n = text.length;
  const pairs = n & ~1;
  for (let i = 0; i < pairs; i += 2) {
    h ^= mixK(text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16));
    h = (h << 13) | (h >>> 19);
    h = (imul(h, 5) + 0xe6546b64) | 0;
  }
  if (n & 1) h ^= mixK(text.charCodeAt(n - 1));
  h ^= n * 2;
  return fmix32(h);
}

/** MurmurHash3's block step over 32-bit words (for hashing an LSH band of MinHash values). */
export function murmur3Words(words: ArrayLike<number>, from: number, to: number, seed: number): number {
  let h = seed >>> 0;
  for (let i = from; i < to; i++) {
    h ^= mixK(words[i]);
    h = (h << 13) | (h >>> 19);
    h = (imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= (to - from) * 4;
  return fmix32(h);
}

/** splitmix32: the deterministic seed sequence for the MinHash permutations. */
export function seedSequence(seed: number, count: number): Uint32Array {
  const out = new Uint32Array(count);
  let s = seed >>> 0;
  for (let i = 0; i < count; i++) {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = imul(z ^ (z >>> 16), 0x21f0aaad);
    z = imul(z ^ (z >>> 15), 0x735a2d97);
    out[i] = (z ^ (z >>> 15)) >>> 0;
  }
  return out;
}
