import { DEPARTMENTS } from '../src/demo/data/departments';
import { VILLAGES } from '../src/demo/data/texts';
import { Gazetteer, type GazetteerEntry } from '../src/hot-issues/text/gazetteer';
import { CLUSTER_SIMILARITY_PARAMS, fingerprint, similarity, verdict, type TextFingerprint } from '../src/hot-issues/text/similarity';
import { THRESHOLDS } from '../src/hot-issues/thresholds';
import { TOWNSHIPS } from '../src/reference/townships';
import { centroidMatch, centroidOf, reportVector } from '../src/hot-issues/centroids';
import { loadEvalSet } from './eval-sets';

/**
 * Development only: the pairwise evidence between the records of matters of the DEVELOPMENT set
 * (never the frozen set), computed as the analyser does (title + content, the order's own township,
 * the demo villages and departments as gazetteer), without a database.
 *
 *   node dist/bench/eval-hot-pairs.js D-B9 [D-S172 …]   pairs within and across the given matters
 */
const TOWNSHIP_CODES = new Set(TOWNSHIPS.map((t) => t.code));

function main() {
  if (process.argv[2] === '--centroids') return centroids();
  const wanted = process.argv.slice(2);
  const entries: GazetteerEntry[] = [
    ...Object.entries(VILLAGES).flatMap(([code, names]) => names.map((name) => ({ name, kind: 'village' as const, townshipCode: code }))),
    ...DEPARTMENTS.map((d) => ({ name: d.name, kind: 'department' as const })),
  ];
  const gazetteer = new Gazetteer(entries);
  const records = loadEvalSet('dev').filter((r) => wanted.includes(r.labels.matter));
  const fps = new Map<string, TextFingerprint>();
  for (const r of records) {
    const fp = fingerprint(`${r.title}\n${r.content}`, { gazetteer });
    if (TOWNSHIP_CODES.has(r.regionCode)) fp.places.codes = [r.regionCode];
    fps.set(r.id, fp);
  }
  for (let i = 0; i < records.length; i++) {
    for (let j = i + 1; j < records.length; j++) {
      const a = records[i];
      const b = records[j];
      const e = similarity(fps.get(a.id)!, fps.get(b.id)!, { gramWeight: THRESHOLDS.gramWeight });
      const c = verdict(e, CLUSTER_SIMILARITY_PARAMS);
      console.log(
        `${a.id}/${b.id} ${a.labels.matter === b.labels.matter ? 'same' : 'DIFF'} score ${e.score.toFixed(3)} (J ${e.jaccard.toFixed(2)} cos ${e.cosine.toFixed(2)}) ${e.placeMatch}${e.placeConflict ? ` CONFLICT ${e.placeConflict}` : ''} thr ${e.threshold} pair ${e.similar ? 'Y' : 'n'} cluster ${c ? 'Y' : 'n'} shared ${e.sharedKeywords
          .slice(0, 6)
          .map((k) => k.word)
          .join(',')}`,
      );
    }
  }
  for (const r of records) {
    const fp = fps.get(r.id)!;
    console.log(
      `${r.id} ${r.labels.matter} ${JSON.stringify({ ...fp.places })} kw ${fp.keywords
        .slice(0, 12)
        .map((k) => `${k.word}:${k.weight.toFixed(2)}`)
        .join(' ')} | ${r.content.slice(0, 60)}`,
    );
  }
}

/**
 * `--centroids`: for every burst, each record of its township within two days of it against the
 * centroid of the burst's other records (leave one out): the distribution the consolidation
 * thresholds are chosen from.
 */
function centroids() {
  const gazetteer = devGazetteer();
  const all = loadEvalSet('dev');
  const fps = new Map<string, TextFingerprint>();
  for (const r of all) {
    const fp = fingerprint(`${r.title}\n${r.content}`, { gazetteer });
    if (TOWNSHIP_CODES.has(r.regionCode)) fp.places.codes = [r.regionCode];
    fps.set(r.id, fp);
  }
  const township = (r: (typeof all)[number]) => (TOWNSHIP_CODES.has(r.regionCode) ? r.regionCode : fps.get(r.id)!.places.codes?.[0]);
  const bursts = [...new Set(all.flatMap((r) => (r.labels.burst ? [r.labels.burst] : [])))];
  const rows: Array<{ same: boolean; cos: number; core: number; line: string }> = [];
  for (const b of bursts) {
    const members = all.filter((r) => r.labels.burst === b);
    const t0 = Math.min(...members.map((r) => Date.parse(r.receivedAt))) - 2 * 86_400_000;
    const t1 = Math.max(...members.map((r) => Date.parse(r.receivedAt))) + 2 * 86_400_000;
    const where = township(members[0]);
    for (const r of all) {
      const at = Date.parse(r.receivedAt);
      if (at < t0 || at > t1 || township(r) !== where) continue;
      const c = centroidOf(
        members.filter((m) => m.id !== r.id).map((m) => fps.get(m.id)!),
        Number(process.env.MIN_MEMBERS ?? 1),
      );
      const m = centroidMatch(reportVector(fps.get(r.id)!), c);
      rows.push({
        same: r.labels.burst === b,
        cos: m.cosine,
        core: m.core,
        line: `${b} ${r.id} ${r.labels.matter} cos ${m.cosine.toFixed(3)} core ${m.core} shared ${m.shared.slice(0, 5).join(',')} | ${r.content.slice(0, 40)}`,
      });
    }
  }
  rows.sort((a, b) => b.cos - a.cos);
  for (const r of rows) console.log(`${r.same ? 'same' : 'DIFF'} ${r.line}`);
}

function devGazetteer(): Gazetteer {
  return new Gazetteer([
    ...Object.entries(VILLAGES).flatMap(([code, names]) => names.map((name) => ({ name, kind: 'village' as const, townshipCode: code }))),
    ...DEPARTMENTS.map((d) => ({ name: d.name, kind: 'department' as const })),
  ]);
}

main();
