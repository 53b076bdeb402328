/**
 * Text layer for 重复投诉 / 多头投诉 / hot-issue detection: segmentation, keywords, MinHash + LSH
 * band keys, similarity with evidence, pairwise evaluation helpers. Pure functions, no database.
 * (The generated labeled streams live in bench/hot-data/labeled-data.ts: they use the demo generator.)
 * README.md in this folder has the formulas, the parameters and the measured figures.
 */
export { STOP_WORDS, MEANINGFUL_SINGLE_CHARS, isStopWord } from './stopwords';
export {
  LOCAL_LANDMARKS,
  LOCAL_ESTATES,
  EXTRA_PLACE_TYPES,
  DOMAIN_TERMS,
  SYNONYM_GROUPS,
  SYNONYMS,
  LOCAL_NAME_CLASSES,
  localNames,
  userDictionaryLines,
  townshipShortName,
  type LocalName,
  type LocalNameClass,
} from './lexicon';
export { normalizeText, createJieba, Segmenter, defaultSegmenter, tokenize, type SegmenterOptions } from './segment';
export { Gazetteer, type GazetteerEntry, type GazetteerKind } from './gazetteer';
export { extractPlaces, spotSpans, type TextPlaces, type SpotSpan } from './places';
export { extractKeywords, keywordsOfTokens, tfIdfVector, idfOf, LOCAL_NAME_IDF, type Keyword } from './keywords';
export { fmix32, murmur3 } from './hash';
export {
  DEFAULT_SIGNATURE_PARAMS,
  createScheme,
  getDefaultScheme,
  shingles,
  exactJaccard,
  minhash,
  bandKeys,
  jaccardEstimate,
  candidateProbability,
  textSignature,
  encodeSignature,
  decodeSignature,
  type SignatureParams,
  type SignatureScheme,
  type TextSignature,
} from './signature';
export {
  DEFAULT_SIMILARITY_PARAMS,
  CLUSTER_SIMILARITY_PARAMS,
  DEFAULT_KEYWORD_COUNT,
  fingerprint,
  placeNames,
  placeWords,
  placeConflict,
  placeMatch,
  keywordCosine,
  similarity,
  textSimilarity,
  type SimilarityParams,
  type TextFingerprint,
  type PlaceNames,
  type PlaceConflict,
  type PlaceMatch,
  type SharedKeyword,
  type SimilarityEvidence,
} from './similarity';
export {
  pairKey,
  groundTruthPairs,
  pairMetrics,
  BandIndex,
  detectDuplicatePairs,
  clusterPairs,
  type GroundTruthRecord,
  type PairMetrics,
  type DetectorRecord,
  type DetectorOptions,
  type DetectorResult,
} from './evaluate';
