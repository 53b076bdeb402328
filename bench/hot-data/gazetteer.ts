/**
 * The demo county's gazetteer (villages, roads, estates, companies, departments of src/demo/data) as
 * the text layer's runtime input: the generated labeled stream is written from these names, so its
 * benches and tests hand them to the text layer explicitly (`fingerprint(text, { gazetteer })`,
 * `TextAnalyzer.useGazetteerEntries`). The hub itself reads villages and departments from its
 * reference tables (analyzer.ts); production code never imports this file.
 */
import { DEPARTMENTS } from '../../src/demo/data/departments';
import { COMPANIES, STREETS, VILLAGES } from '../../src/demo/data/texts';
import { Gazetteer, type GazetteerEntry } from '../../src/hot-issues/text/gazetteer';
import { TOWNSHIPS } from '../../src/reference/townships';

const SEAT = TOWNSHIPS[0].code;

export function demoGazetteerEntries(): GazetteerEntry[] {
  const out: GazetteerEntry[] = [];
  for (const [code, villages] of Object.entries(VILLAGES)) for (const v of villages) out.push({ name: v, kind: 'village', townshipCode: code });
  for (const s of STREETS) out.push({ name: s, kind: 'road', townshipCode: SEAT });
  for (const c of COMPANIES) out.push({ name: c, kind: 'company' });
  for (const d of DEPARTMENTS) out.push({ name: d.name, kind: 'department' });
  return out;
}

let shared: Gazetteer | undefined;

/** One Gazetteer (and its jieba) per process. */
export function demoGazetteer(): Gazetteer {
  return (shared ??= new Gazetteer(demoGazetteerEntries()));
}
