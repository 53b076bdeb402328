/**
 * Place extraction against the county gazetteer (issue 13): townships (src/reference/townships.ts;
 * full name, short name, or the short name typed with homophones followed by 镇/乡/圩), villages
 * and roads of the demo gazetteer (lexicon.ts LOCAL_NAME_CLASSES), and village / road / estate
 * names written in the text (`XX村`, `XX路`, `XX小区`) that are not in it.
 */
import { TOWNSHIPS } from '../../reference/townships';
import { townshipShortName } from './lexicon';
import { soundKey } from './variants';

export interface TextPlaces {
  /** Township codes named in the text (most mentions first). */
  townshipCodes: string[];
  /** Village / road / estate names written in the text (normalised: the name without its suffix kind). */
  spots: string[];
}

interface TownshipPattern {
  code: string;
  name: string;
  short: string;
  sound: string;
}

const PATTERNS: readonly TownshipPattern[] = TOWNSHIPS.map((t) => ({ code: t.code, name: t.name, short: townshipShortName(t.name), sound: soundKey(townshipShortName(t.name)) }));
/** Words that contain a township's short name but do not name it. */
const NOT_A_TOWNSHIP = /大田地|田村里|三溪口|长洛阳|沙地上|大埠头|湖江边/;
const SPOT_STOP = new Set(['农村', '本村', '全村', '该村', '我村', '邻村', '各村', '村村', '马路', '公路', '道路', '小路', '山路', '水泥路', '修路', '走路', '过马路', '出路', '铁路', '高速路', '大路', '进村', '整个村', '周边村', '附近村', '村里', '回村', '同村', '本小区', '该小区', '这个小区', '我们小区', '小区', '新村']);
const SPOT_PATTERN = /([\p{Script=Han}]{2,3}?)(村|路|街|大道|小区|花园|苑|新区)(?![\p{Script=Han}]{0,0}[委民])/gu;

/** Townships and spots named in an already normalised (simplified, lower-case) text. */
export function extractPlaces(text: string): TextPlaces {
  const counts = new Map<string, number>();
  const add = (code: string) => counts.set(code, (counts.get(code) ?? 0) + 1);
  const cleaned = text.replace(NOT_A_TOWNSHIP, ' ');
  for (const p of PATTERNS) {
    let i = cleaned.indexOf(p.short);
    while (i >= 0) {
      add(p.code);
      i = cleaned.indexOf(p.short, i + p.short.length);
    }
  }
  // Homophone spellings: only before 镇 / 乡 / 圩 (a bare 大步 or 山西 is an ordinary word).
  const sounds = soundKey(cleaned);
  for (const p of PATTERNS) {
    if (counts.has(p.code)) continue;
    const n = p.short.length;
    for (let i = sounds.indexOf(p.sound); i >= 0; i = sounds.indexOf(p.sound, i + 1)) {
      const next = cleaned[i + n];
      if (next === '镇' || next === '乡' || next === '圩' || (n >= 3 && cleaned.slice(i, i + n) !== p.short)) add(p.code);
    }
  }
  const spots = new Set<string>();
  for (const m of cleaned.matchAll(SPOT_PATTERN)) {
    const word = m[1] + m[2];
    if (SPOT_STOP.has(word) || SPOT_STOP.has(m[1]) || /[镇乡区县市省了的在是到和把被从去往说]/.test(m[1])) continue;
    spots.add(word);
  }
  return { townshipCodes: [...counts].sort((a, b) => b[1] - a[1]).map(([c]) => c), spots: [...spots].sort() };
}
