/**
 * Pairwise similarity of two complaint texts, with its evidence. A matter is *what* went wrong
 * *where*; the score measures the what, the place names gate it.
 *
 *   score = α · Ĵ + (1 − α) · cos
 *
 * Ĵ    MinHash estimate of the Jaccard similarity of the two shingle sets (signature.ts).
 * cos  cosine of the two TF-IDF keyword vectors (keywords.ts), place names weighted by
 *      `placeWeight` / `townshipWeight` (default 0: the cosine measures content only — left in,
 *      place names with IDF ≈ 12 make 路灯 and 广场舞 complaints from one village look alike).
 *
 * Where (lexicon.ts LOCAL_NAME_CLASSES; townships implied by villages, roads, estates):
 * - conflict: both name townships but none in common, or spots (village, road, estate,
 *   company, landmark) but none in common, or place types (汽车站, 农贸市场) where the matter is
 *   but none in common → never similar (名称冲突 veto: 城南路 and 建设路 are two matters); a place
 *   type only passed through (去县医院看病, 卫生院说…; places.ts passingPlaceTypes) vetoes nothing;
 * - 'spot': a spot in common → similar if score ≥ `threshold`;
 * - 'place': a place type in common (王母渡镇汽车站 / 汽车站) → score ≥ `placeThreshold`, or the
 *   township's level when both are in one township and it is lower (a place type in common is
 *   more evidence than the township alone, never less);
 * - 'none': no place name in common → score ≥ `unplacedThreshold` (default: never; a caller
 *   that knows the pair shares a caller or a respondent may lower it).
 * In every case the texts must share ≥ `minSharedContent` keywords that are not place names.
 */
import { keywordsOfTokens, type Keyword } from './keywords';
import { LOCAL_NAME_CLASSES, LOCATION_WORDS, SYNONYMS, type LocalName } from './lexicon';
import type { Gazetteer } from './gazetteer';
import { defaultSegmenter, type Segmenter } from './segment';
import { bandKeys, getDefaultScheme, jaccardEstimate, minhash, shingles, type SignatureScheme } from './signature';
import { extractPlaces, passingPlaceTypes } from './places';
import { extractParties, partiesDiffer, type Parties } from './parties';
import { normalizeText } from './segment';
import { THRESHOLDS } from '../thresholds';

export interface SimilarityParams {
  /** α, the weight of the MinHash Jaccard estimate. */
  minhashWeight: number;
  /** Minimum score when the texts share a spot (village, road, estate, company, landmark). */
  threshold: number;
  /** Minimum score when they share only a place type. */
  placeThreshold: number;
  /** Minimum score when they share a township (gazetteer codes: named in the text or the order's own) but no spot. */
  townshipThreshold: number;
  /** Minimum score when they share a township and name spots (village, road…) but none in common. */
  townshipSpotThreshold: number;
  /** Minimum score when they share a township and each names its own spots, none in common. */
  otherSpotThreshold: number;
  /** Minimum score when they share a township, a gazetteer spot is named on either side and none in common (part of the 名称冲突 veto: without it, `otherSpotThreshold`). */
  gazetteerSpotThreshold: number;
  /** Veto pairs naming different place types (汽车站 / 农贸市场) and no common spot. */
  placeTypeVeto: boolean;
  /** Minimum score when they share no place name (Infinity: never similar). */
  unplacedThreshold: number;
  /** Minimum score (at least) when both name parties (工地 / 厂 / 店…) and none in common (parties.ts). */
  otherPartyThreshold: number;
  /** Weight of the character-bigram Dice coefficient (taken from the cosine's share) when both sides have grams; 0 by default, the analyser uses THRESHOLDS.gramWeight. */
  gramWeight: number;
  /** Minimum number of shared keywords that are not place names. */
  minSharedContent: number;
  /** Apply the 名称冲突 veto. */
  nameConflictVeto: boolean;
  /** Factor on the TF-IDF weight of township names in the cosine. */
  townshipWeight: number;
  /** Factor on the TF-IDF weight of spot names and place types in the cosine. */
  placeWeight: number;
}

/**
 * Tuned for pairwise decisions (重复投诉 / 多头投诉 links) on labeled streams, seeds 1–3
 * (README.md in this folder).
 */
export const DEFAULT_SIMILARITY_PARAMS: SimilarityParams = {
  minhashWeight: 0.3,
  gramWeight: 0,
  threshold: 0.1,
  placeThreshold: 0.2,
  townshipThreshold: THRESHOLDS.townshipPairScore,
  townshipSpotThreshold: THRESHOLDS.townshipSpotPairScore,
  otherSpotThreshold: THRESHOLDS.otherSpotScore,
  gazetteerSpotThreshold: THRESHOLDS.gazetteerSpotScore,
  placeTypeVeto: THRESHOLDS.placeTypeVeto,
  unplacedThreshold: Infinity,
  otherPartyThreshold: THRESHOLDS.otherPartyScore,
  minSharedContent: 1,
  nameConflictVeto: true,
  townshipWeight: 0,
  placeWeight: 0,
};

/**
 * Stricter edges for clustering (hot issues; evaluate.ts clusterPairs): single-link clusters
 * amplify every false edge, and a burst's members are linked through each other anyway.
 */
export const CLUSTER_SIMILARITY_PARAMS: SimilarityParams = {
  ...DEFAULT_SIMILARITY_PARAMS,
  threshold: 0.25,
  placeThreshold: 0.35,
  townshipThreshold: THRESHOLDS.townshipClusterScore,
  townshipSpotThreshold: THRESHOLDS.townshipSpotClusterScore,
};

/** Keywords kept per text (the cosine's vector; what the database stores next to the band keys). */
export const DEFAULT_KEYWORD_COUNT = 24;

export interface PlaceNames {
  /** Townships named, or implied by a named village / road / estate / landmark (full names). */
  townships: string[];
  /** Villages, roads, estates, companies, landmarks. */
  spots: string[];
  /** Place types (汽车站, 农贸市场, 小区), named or implied by a landmark / estate. */
  places: string[];
  /** Township codes (gazetteer, places.ts): named in the text (homophones too), plus the order's own township when the analyser knows it. */
  codes?: string[];
  /** Village / road / estate names written in the text (`XX村`, `XX路`), gazetteer or not: stored for operators, not scored (noisy; issue 13). */
  textSpots?: string[];
  /** The parties complained about (parties.ts: 工地 / 厂 / 店 … kinds, factory names); differing ones count like differing written spots. */
  parties?: Parties;
  /** Place types of `places` the text only passes through (去县医院看病, 卫生院说…; places.ts passingPlaceTypes): not where the matter is, so they veto no pair. */
  passing?: string[];
}

/** Everything the similarity needs about one text; storable (minhash as bytes, the rest as JSON). */
export interface TextFingerprint {
  tokens: string[];
  minhash: Uint32Array;
  bandKeys: string[];
  keywords: Keyword[];
  places: PlaceNames;
  /** Character bigrams of the content (charGrams). */
  grams?: string[];
}

/** The townships, spots and place types a token stream names. */
export function placeNames(tokens: readonly string[], classes: ReadonlyMap<string, LocalName> = LOCAL_NAME_CLASSES): PlaceNames {
  const townships = new Set<string>();
  const spots = new Set<string>();
  const places = new Set<string>();
  for (const t of tokens) {
    const c = classes.get(t);
    if (!c) continue;
    if (c.cls === 'township') townships.add(c.canonical);
    else if (c.cls === 'spot') spots.add(c.canonical);
    else places.add(c.canonical);
    if (c.township) townships.add(c.township);
    if (c.place) places.add(c.place);
  }
  return { townships: [...townships].sort(), spots: [...spots].sort(), places: [...places].sort() };
}

export function fingerprint(
  text: string,
  options: { segmenter?: Segmenter; scheme?: SignatureScheme; keywordCount?: number; gazetteer?: Gazetteer } = {},
): TextFingerprint {
  const scheme = options.scheme ?? getDefaultScheme();
  const gazetteer = options.gazetteer;
  const tokens = (options.segmenter ?? gazetteer?.segmenter ?? defaultSegmenter()).tokens(text);
  const sig = minhash(shingles(tokens, scheme.bigrams), scheme);
  const normalized = normalizeText(text);
  const extracted = extractPlaces(normalized);
  const named = placeNames(tokens, gazetteer?.classes);
  let codes = extracted.townshipCodes;
  if (!codes.length && gazetteer) {
    // A gazetteer village / road names its township when the text names none.
    const implied = new Set<string>();
    for (const spot of named.spots) {
      const code = gazetteer.townshipCodes.get(spot);
      if (code) implied.add(code);
    }
    codes = [...implied];
  }
  const passing = named.places.length ? passingPlaceTypes(normalized, named.places, placeTypeForms) : [];
  return {
    tokens,
    minhash: sig,
    bandKeys: bandKeys(sig, scheme),
    keywords: keywordsOfTokens(
      THRESHOLDS.spotNamesAsContent ? tokens : withoutSpotNames(tokens, extracted.spots),
      options.keywordCount ?? DEFAULT_KEYWORD_COUNT,
    ),
    places: { ...named, codes, textSpots: extracted.spots, parties: extractParties(normalized), ...(passing.length ? { passing } : {}) },
    grams: charGrams(tokens),
  };
}

/** The written forms of a canonical place type: itself and its synonyms (医院: 卫生院, 诊所). */
const PLACE_TYPE_FORMS: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, string[]>();
  for (const [variant, canonical] of SYNONYMS)
    if (LOCAL_NAME_CLASSES.get(canonical)?.cls === 'place') map.set(canonical, [...(map.get(canonical) ?? [canonical]), variant]);
  return map;
})();
function placeTypeForms(type: string): readonly string[] {
  return PLACE_TYPE_FORMS.get(type) ?? [type];
}

/** The place types where the matter is: those the text names, less those it only passes through. */
function locativePlaces(p: PlaceNames): readonly string[] {
  return p.passing?.length ? p.places.filter((x) => !p.passing!.includes(x)) : p.places;
}

/** Every place word of a text: township, spot and place-type names, and the spots it writes (XX村, XX路). */
export function placeWords(p: PlaceNames): string[] {
  return [...p.townships, ...p.spots, ...p.places, ...(p.textSpots ?? [])];
}

/**
 * Sets and maps derived from one fingerprint's arrays, built once per array and reused by every pair
 * it is compared in (the analyser compares one report with hundreds of others, and clusters pair by
 * pair): fingerprints are never changed once their similarity is taken (stored rows are immutable).
 */
const placeWordSets = new WeakMap<PlaceNames, ReadonlySet<string>>();
const gramSets = new WeakMap<readonly string[], ReadonlySet<string>>();
const keywordMaps = new WeakMap<readonly Keyword[], ReadonlyMap<string, number>>();

function placeWordSet(p: PlaceNames): ReadonlySet<string> {
  let set = placeWordSets.get(p);
  if (!set) placeWordSets.set(p, (set = new Set(placeWords(p))));
  return set;
}

function gramSet(grams: readonly string[]): ReadonlySet<string> {
  let set = gramSets.get(grams);
  if (!set) gramSets.set(grams, (set = new Set(grams)));
  return set;
}

/** Word → weight of a keyword vector (a word listed twice keeps its last weight, as a Map built in order would). */
function keywordMap(keywords: readonly Keyword[]): ReadonlyMap<string, number> {
  let map = keywordMaps.get(keywords);
  if (!map) keywordMaps.set(keywords, (map = new Map(keywords.map((k) => [k.word, k.weight]))));
  return map;
}

/** A place name of the lexicon, or of either text (gazetteer spots, written spots): a place, not content. */
function placeTest(a: PlaceNames, b: PlaceNames): (word: string) => boolean {
  const wa = placeWordSet(a);
  const wb = placeWordSet(b);
  return (w) => LOCAL_NAME_CLASSES.has(w) || LOCATION_WORDS.has(w) || wa.has(w) || wb.has(w);
}

/**
 * The tokens without the names of the spots the text writes (龙湾 of 龙湾村, 长征 of 长征大道): a
 * place gates a pair (placeMatch), it is not what went wrong. The kind (村, 大道, 公交) stays.
 */
function withoutSpotNames(tokens: readonly string[], spots: readonly string[]): readonly string[] {
  const names = spots.filter((s) => !s.endsWith('路公交')).map((s) => s.slice(0, 2));
  if (!names.length) return tokens;
  return tokens.filter((t) => t.length < 2 || !names.some((n) => n.includes(t) || t.includes(n)));
}

/**
 * Character bigrams of the content (the token stream with stop words removed, adjacent tokens
 * joined): two segmentations of one phrase (宽带中断 / 宽带 中断), a compound and its part
 * (噪音扰民 / 噪音) still share shingles. A 2-character token is its own bigram.
 */
export function charGrams(tokens: readonly string[]): string[] {
  const out = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const run = i + 1 < tokens.length ? tokens[i] + tokens[i + 1] : tokens[i];
    const end = tokens[i].length + (i + 1 < tokens.length ? 1 : 0);
    for (let j = 0; j + 2 <= Math.min(run.length, end + 1); j++) {
      const g = run.slice(j, j + 2);
      if (HAN2.test(g)) out.add(g);
    }
  }
  return [...out];
}
const HAN2 = /^\p{Script=Han}{2}$/u;

function overlaps(a: readonly string[], b: readonly string[]): boolean {
  return a.some((x) => b.includes(x));
}

/** Place types in common, a kind and its narrower kind counting as one (菜市场 / 市场, 文化广场 / 广场, 中心小学 / 小学). */
function placeTypesOverlap(a: readonly string[], b: readonly string[]): boolean {
  return a.some((x) => b.some((y) => x === y || x.endsWith(y) || y.endsWith(x)));
}

export type PlaceConflict = 'township' | 'spot' | 'place';
/**
 * 'spot': a spot in common; 'place': a place type in common; 'township': the same township, no
 * spot named; 'township-spot': the same township, spots named but none in common (one text names
 * a village / road the other does not, or each names its own: written names are noisy, so this is
 * a stricter threshold, not a veto); 'other-spot': the same township, each names its own spots and
 * none in common (a high threshold: 路灯 on 城南路 and on 建设路 are two matters); 'gazetteer-spot': the
 * same township, a gazetteer spot (a known village, road, estate) on either side and none in common
 * (`gazetteerSpotThreshold`: a known place is trusted more than a written one); 'none': nothing in common.
 */
export type PlaceMatch = 'spot' | 'place' | 'township' | 'township-spot' | 'other-spot' | 'gazetteer-spot' | 'none';

/** Gazetteer spots and the spots written in the text (places.ts). */
function allSpots(p: PlaceNames): readonly string[] {
  return p.textSpots?.length ? [...p.spots, ...p.textSpots] : p.spots;
}

/** The bus lines a text names (places.ts writes them `9路公交`). */
function busLines(p: PlaceNames): readonly string[] {
  return p.textSpots?.length ? p.textSpots.filter((s) => s.endsWith('路公交')) : [];
}

/** The first level at which both texts name places and share none (township, gazetteer spot, place type). */
export function placeConflict(a: PlaceNames, b: PlaceNames, options: { placeTypes?: boolean } = {}): PlaceConflict | undefined {
  const disjoint = (x: readonly string[], y: readonly string[]) => x.length > 0 && y.length > 0 && !overlaps(x, y);
  if (a.codes && b.codes) {
    if (disjoint(a.codes, b.codes)) return 'township';
  } else if (disjoint(a.townships, b.townships)) return 'township';
  if (disjoint(a.spots, b.spots) && !overlaps(allSpots(a), allSpots(b))) return 'spot';
  // Bus lines are written by number (9路公交, 九路车): two texts naming lines, none in common, are about two lines.
  if (disjoint(busLines(a), busLines(b))) return 'spot';
  // Different place types where each matter is; one only passed through (去县医院看病) vetoes nothing.
  if (
    (options.placeTypes ?? true) &&
    locativePlaces(a).length &&
    locativePlaces(b).length &&
    !placeTypesOverlap(a.places, b.places) &&
    !overlaps(allSpots(a), allSpots(b))
  )
    return 'place';
  return undefined;
}

/** The most specific place name the texts share. */
export function placeMatch(a: PlaceNames, b: PlaceNames, options: { placeTypes?: boolean } = {}): PlaceMatch {
  const sa = allSpots(a);
  const sb = allSpots(b);
  if (overlaps(sa, sb)) return 'spot';
  if ((options.placeTypes ?? true) && placeTypesOverlap(a.places, b.places)) return 'place';
  if (a.codes && b.codes && overlaps(a.codes, b.codes)) {
    // A gazetteer spot (a known village, road, estate) on either side and none in common: two places.
    if (a.spots.length || b.spots.length) return 'gazetteer-spot';
    return !sa.length && !sb.length ? 'township' : sa.length && sb.length ? 'other-spot' : 'township-spot';
  }
  return 'none';
}

/** 'township' when both texts are placed in one township (codes in common), else undefined. */
function sameTownship(a: PlaceNames, b: PlaceNames): PlaceMatch | undefined {
  return a.codes && b.codes && overlaps(a.codes, b.codes) ? 'township' : undefined;
}

export interface SharedKeyword {
  word: string;
  weightA: number;
  weightB: number;
}

/**
 * Cosine of two sparse keyword vectors and the words they share (largest contribution first,
 * with their raw TF-IDF weights). In the cosine, township names count with factor
 * `townshipWeight`, other place names with `placeWeight`.
 */
export function keywordCosine(
  a: readonly Keyword[],
  b: readonly Keyword[],
  factors: { townshipWeight?: number; placeWeight?: number; isPlace?: (word: string) => boolean } = {},
): { cosine: number; shared: SharedKeyword[] } {
  const tw = factors.townshipWeight ?? 1;
  const pw = factors.placeWeight ?? 1;
  const isPlace = factors.isPlace;
  const factor = (word: string) => {
    const c = LOCAL_NAME_CLASSES.get(word);
    return c !== undefined ? (c.cls === 'township' ? tw : pw) : isPlace?.(word) ? pw : 1;
  };
  const mb = keywordMap(b);
  let nb = 0;
  for (const k of b) {
    const x = k.weight * factor(k.word);
    nb += x * x;
  }
  let na = 0;
  let dot = 0;
  const shared: SharedKeyword[] = [];
  for (const k of a) {
    const f = factor(k.word);
    const x = k.weight * f;
    na += x * x;
    const y = mb.get(k.word);
    if (y !== undefined) {
      dot += x * y * f;
      shared.push({ word: k.word, weightA: k.weight, weightB: y });
    }
  }
  shared.sort((p, q) => q.weightA * q.weightB - p.weightA * p.weightB || (p.word < q.word ? -1 : 1));
  return { cosine: na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0, shared };
}

export interface SimilarityEvidence {
  /** α · jaccard + (1 − α) · cosine. */
  score: number;
  /** MinHash Jaccard estimate. */
  jaccard: number;
  /** Keyword TF-IDF cosine (place names weighted as configured). */
  cosine: number;
  /** Shared keywords, largest contribution first (place names included, with their raw weight). */
  sharedKeywords: SharedKeyword[];
  /** How many shared keywords are not place names. */
  sharedContent: number;
  placeMatch: PlaceMatch;
  /** With a place type in common ('place'), the level the townships give without it (one township: a place type in common is more evidence, never less). */
  townshipMatch?: PlaceMatch;
  /** Set when the texts name different townships / spots / place types (vetoes `similar`). */
  placeConflict?: PlaceConflict;
  /** Set when both name parties (工地 / 厂 / 店…) and none in common: the threshold is at least `otherPartyThreshold`. */
  partyConflict?: boolean;
  /** The score threshold that applied (by placeMatch, and the parties). */
  threshold: number;
  similar: boolean;
}

function dice(a: readonly string[], b: readonly string[]): number {
  if (!a.length || !b.length) return 0;
  const set = gramSet(a);
  let n = 0;
  for (const g of b) if (set.has(g)) n++;
  return (2 * n) / (a.length + b.length);
}

export function similarity(
  a: Pick<TextFingerprint, 'minhash' | 'keywords' | 'places' | 'grams'>,
  b: Pick<TextFingerprint, 'minhash' | 'keywords' | 'places' | 'grams'>,
  params: Partial<SimilarityParams> = {},
): SimilarityEvidence {
  const p = { ...DEFAULT_SIMILARITY_PARAMS, ...params };
  const jaccard = jaccardEstimate(a.minhash, b.minhash);
  const isPlace = placeTest(a.places, b.places);
  const { cosine, shared } = keywordCosine(a.keywords, b.keywords, { townshipWeight: p.townshipWeight, placeWeight: p.placeWeight, isPlace });
  const sharedContent = shared.filter((k) => !isPlace(k.word)).length;
  const grams = a.grams && b.grams ? dice(a.grams, b.grams) : undefined;
  const score =
    grams === undefined
      ? p.minhashWeight * jaccard + (1 - p.minhashWeight) * cosine
      : p.minhashWeight * jaccard + p.gramWeight * grams + (1 - p.minhashWeight - p.gramWeight) * cosine;
  const match = placeMatch(a.places, b.places);
  const township = match === 'place' ? placeMatch(a.places, b.places, { placeTypes: false }) : match === 'spot' ? sameTownship(a.places, b.places) : undefined;
  const townshipMatch = township && township !== 'none' ? township : undefined;
  const conflict = placeConflict(a.places, b.places, { placeTypes: p.placeTypeVeto });
  const partyConflict = partiesDiffer(a.places.parties, b.places.parties);
  const threshold = thresholdFor(match, p, partyConflict, townshipMatch);
  const similar = score >= threshold && sharedContent >= p.minSharedContent && !(p.nameConflictVeto && conflict);
  return {
    score,
    jaccard,
    cosine,
    sharedKeywords: shared,
    sharedContent,
    placeMatch: match,
    ...(townshipMatch ? { townshipMatch } : {}),
    placeConflict: conflict,
    partyConflict: partyConflict || undefined,
    threshold,
    similar,
  };
}

/**
 * The verdict of other thresholds on the same evidence (the weights must be those the evidence was
 * computed with): one similarity computation serves the pairwise, clustering and repeat presets.
 */
export function verdict(e: SimilarityEvidence, params: Partial<SimilarityParams>): boolean {
  const p = { ...DEFAULT_SIMILARITY_PARAMS, ...params };
  const threshold = thresholdFor(e.placeMatch, p, !!e.partyConflict, e.townshipMatch);
  return e.score >= threshold && e.sharedContent >= p.minSharedContent && !(p.nameConflictVeto && e.placeConflict);
}

function thresholdFor(match: PlaceMatch, p: SimilarityParams, partyConflict = false, townshipMatch?: PlaceMatch): number {
  const byPlace = townshipMatch ? Math.min(placeThresholdFor(match, p), placeThresholdFor(townshipMatch, p)) : placeThresholdFor(match, p);
  return partyConflict && p.nameConflictVeto ? Math.max(byPlace, p.otherPartyThreshold) : byPlace;
}

function placeThresholdFor(match: PlaceMatch, p: SimilarityParams): number {
  return match === 'spot'
    ? p.threshold
    : match === 'place'
      ? p.placeThreshold
      : match === 'township'
        ? p.townshipThreshold
        : match === 'township-spot'
          ? p.townshipSpotThreshold
          : match === 'other-spot'
            ? p.otherSpotThreshold
            : match === 'gazetteer-spot'
              ? p.nameConflictVeto
                ? p.gazetteerSpotThreshold
                : p.otherSpotThreshold
              : p.unplacedThreshold;
}

/** Similarity of two raw texts (fingerprints both; for ad-hoc use, not in loops). */
export function textSimilarity(a: string, b: string, params: Partial<SimilarityParams> = {}, options: { gazetteer?: Gazetteer } = {}): SimilarityEvidence {
  return similarity(fingerprint(a, options), fingerprint(b, options), params);
}
