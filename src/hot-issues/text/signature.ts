/**
 * MinHash signatures and LSH band keys over word shingles.
 *
 * Shingles: the unigrams (and, if `bigrams`, the bigrams) of the segmenter's token stream (stop
 * words already removed, so bigrams join content words across the gaps). MinHash: each shingle is hashed once
 * (MurmurHash3), then permuted by `numHashes` seeded bijections x → fmix32(a·x + b) (a odd);
 * the signature keeps each permutation's minimum. P(sig_a[i] = sig_b[i]) = Jaccard(a, b).
 *
 * LSH banding: the signature is cut into `bands` bands of `rows` values; each band hashes to a
 * 64-bit-ish key (2 hex digits of band number + 14 hex digits of hash). Two texts become
 * candidates when they share any band key: P = 1 − (1 − J^rows)^bands. The database stores the
 * keys in an indexed text[] column and finds candidates with `band_keys && $1`.
 */
import { fmix32, murmur3, murmur3Words, seedSequence } from './hash';
import { defaultSegmenter, type Segmenter } from './segment';

export interface SignatureParams {
  numHashes: number;
  bands: number;
  rows: number;
  /** Seed of the permutations and band hashes; change it (or any parameter) and all keys change. */
  seed: number;
  /** Add token bigrams to the unigram shingles. */
  bigrams: boolean;
}

export interface SignatureScheme extends SignatureParams {
  /** e.g. `mh128-b32r4-s20250101-ub`, to store next to the keys. */
  readonly id: string;
  readonly mulA: Uint32Array;
  readonly addB: Uint32Array;
  readonly bandSeeds: Uint32Array;
}

/**
 * Default: 128 hashes, 64 bands × 2 rows, unigrams only (README.md in this folder has the
 * evaluation). Paraphrases of one matter have token-set Jaccard ≈ 0.1–0.5 (median ≈ 0.29), so
 * the band threshold (1/b)^(1/r) must be low: 64 × 2 gives ≈ 0.125, P(candidate) = 0.47 at
 * J = 0.1, 0.93 at 0.2, 0.99 at 0.3; 32 × 4 (threshold 0.42) would miss most paraphrases.
 * Bigrams halve paraphrase Jaccard (word order changes) and cut candidate recall from ≈ 0.90
 * to ≈ 0.75, so they are off by default.
 */
export const DEFAULT_SIGNATURE_PARAMS: SignatureParams = { numHashes: 128, bands: 64, rows: 2, seed: 20250101, bigrams: false };

export function createScheme(params: Partial<SignatureParams> = {}): SignatureScheme {
  const p = { ...DEFAULT_SIGNATURE_PARAMS, ...params };
  if (!Number.isInteger(p.numHashes) || p.numHashes <= 0) throw new Error('numHashes must be a positive integer');
  if (p.bands * p.rows > p.numHashes) throw new Error('bands × rows must not exceed numHashes');
  if (p.bands > 255) throw new Error('at most 255 bands');
  const seeds = seedSequence(p.seed, 2 * p.numHashes + p.bands);
  const mulA = new Uint32Array(p.numHashes);
  const addB = new Uint32Array(p.numHashes);
  for (let i = 0; i < p.numHashes; i++) {
    mulA[i] = (seeds[2 * i] | 1) >>> 0;
    addB[i] = seeds[2 * i + 1];
  }
  const bandSeeds = seeds.slice(2 * p.numHashes, 2 * p.numHashes + p.bands);
  const id = `mh${p.numHashes}-b${p.bands}r${p.rows}-s${p.seed}-${p.bigrams ? 'ub' : 'u'}`;
  return Object.freeze({ ...p, id, mulA, addB, bandSeeds });
}

let defaultScheme: SignatureScheme | undefined;
export function getDefaultScheme(): SignatureScheme {
  return (defaultScheme ??= createScheme());
}

/** Unique shingles of a token stream: unigrams, plus `a b` bigrams of consecutive tokens. */
export function shingles(tokens: readonly string[], bigrams = true): string[] {
  const set = new Set<string>(tokens);
  if (bigrams) for (let i = 1; i < tokens.length; i++) set.add(`${tokens[i - 1]} ${tokens[i]}`);
  return [...set];
}

/** Exact Jaccard |A ∩ B| / |A ∪ B| of two shingle sets (0 when both are empty). */
export function exactJaccard(a: Iterable<string>, b: Iterable<string>): number {
  const sa = a instanceof Set ? (a as Set<string>) : new Set(a);
  const sb = b instanceof Set ? (b as Set<string>) : new Set(b);
  if (sa.size === 0 && sb.size === 0) return 0;
  let inter = 0;
  const [small, large] = sa.size <= sb.size ? [sa, sb] : [sb, sa];
  for (const x of small) if (large.has(x)) inter++;
  return inter / (sa.size + sb.size - inter);
}

const EMPTY = 0xffffffff;
const imul = Math.imul; // module-level alias: a global lookup per call is slow inside vm contexts (jest)

/** MinHash signature of a shingle set. An empty set gives all-0xffffffff (matches nothing). */
export function minhash(shingleSet: readonly string[], scheme: SignatureScheme = getDefaultScheme()): Uint32Array {
  const k = scheme.numHashes;
  const sig = new Uint32Array(k).fill(EMPTY);
  const { mulA, addB } = scheme;
  for (const s of shingleSet) {
    const h = murmur3(s, scheme.seed);
    for (let i = 0; i < k; i++) {
      const v = fmix32((imul(h, mulA[i]) + addB[i]) | 0);
      if (v < sig[i]) sig[i] = v;
    }
  }
  return sig;
}

function isEmpty(sig: Uint32Array): boolean {
  for (let i = 0; i < sig.length; i++) if (sig[i] !== EMPTY) return false;
  return true;
}

/** LSH band keys of a signature (none for an empty text, so empty texts never pair up). */
export function bandKeys(sig: Uint32Array, scheme: SignatureScheme = getDefaultScheme()): string[] {
  if (sig.length !== scheme.numHashes) throw new Error(`signature has ${sig.length} values, scheme ${scheme.id} expects ${scheme.numHashes}`);
  if (isEmpty(sig)) return [];
  const out: string[] = new Array(scheme.bands);
  for (let b = 0; b < scheme.bands; b++) {
    const from = b * scheme.rows;
    const hi = murmur3Words(sig, from, from + scheme.rows, scheme.bandSeeds[b]);
    const lo = murmur3Words(sig, from, from + scheme.rows, scheme.bandSeeds[b] ^ 0x5bd1e995);
    out[b] = b.toString(16).padStart(2, '0') + hi.toString(16).padStart(8, '0') + (lo >>> 8).toString(16).padStart(6, '0');
  }
  return out;
}

/** MinHash estimate of Jaccard: the fraction of equal positions (0 if either text is empty). */
export function jaccardEstimate(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length) throw new Error('signatures of different lengths');
  if (a.length === 0 || isEmpty(a) || isEmpty(b)) return 0;
  let eq = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) eq++;
  return eq / a.length;
}

/** Probability that two texts of Jaccard `j` share at least one band key. */
export function candidateProbability(j: number, bands: number, rows: number): number {
  return 1 - (1 - j ** rows) ** bands;
}

export interface TextSignature {
  tokens: string[];
  shingles: string[];
  minhash: Uint32Array;
  bandKeys: string[];
  scheme: string;
}

/** Tokens, shingles, MinHash and band keys of one text. */
export function textSignature(text: string, options: { segmenter?: Segmenter; scheme?: SignatureScheme } = {}): TextSignature {
  const scheme = options.scheme ?? getDefaultScheme();
  const tokens = (options.segmenter ?? defaultSegmenter()).tokens(text);
  const sh = shingles(tokens, scheme.bigrams);
  const sig = minhash(sh, scheme);
  return { tokens, shingles: sh, minhash: sig, bandKeys: bandKeys(sig, scheme), scheme: scheme.id };
}

/** Signature → base64 (little-endian uint32s; 128 hashes → 684 characters) for a bytea/text column. */
export function encodeSignature(sig: Uint32Array): string {
  const buf = Buffer.alloc(sig.length * 4);
  for (let i = 0; i < sig.length; i++) buf.writeUInt32LE(sig[i], i * 4);
  return buf.toString('base64');
}

export function decodeSignature(encoded: string): Uint32Array {
  const buf = Buffer.from(encoded, 'base64');
  if (buf.length % 4 !== 0) throw new Error('not a MinHash signature');
  const out = new Uint32Array(buf.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = buf.readUInt32LE(i * 4);
  return out;
}
