/**
 * Place extraction against the county gazetteer (issue 13): townships (src/reference/townships.ts;
 * full name, short name, a homophone spelling followed by 镇/乡/圩 or starting a phrase with one
 * character changed; 县城 = the county seat when no township is named), and the villages, roads,
 * streets, estates and bus lines written in the text by their suffix (`XX村`, `XX路`, `XX小区`,
 * `9路公交`): no list of villages is needed, two texts compare the names they write.
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

const PATTERNS: readonly TownshipPattern[] = TOWNSHIPS.map((t) => ({
  code: t.code,
  name: t.name,
  short: townshipShortName(t.name),
  sound: soundKey(townshipShortName(t.name)),
}));
const SHORT_NAMES = new Set(PATTERNS.map((p) => p.short));
/** The county seat (梅林镇): what 县城 / 城区 / 城关 mean when a text names no township. */
const COUNTY_SEAT = TOWNSHIPS[0].code;
const SEAT_WORDS = /县城|城区|城关|城[东南西北]/;
/** Words that contain a township's short name but do not name it. */
const NOT_A_TOWNSHIP = /大田地|田村里|三溪口|长洛阳|沙地上|大埠头|湖江边/g;
/** Ordinary words that sound like a township's short name with one character changed. */
const HOMOPHONE_WORDS = new Set(['大部', '大不', '大步', '大布', '大补', '五无', '沙滴']);
/** A name starts a phrase: after punctuation, the start, or a word that introduces a place. */
const NAME_START = /[^\p{Script=Han}]|[在到去往从是住和与及]/u;
const SPOT_STOP = new Set([
  '农村',
  '本村',
  '全村',
  '该村',
  '我村',
  '邻村',
  '各村',
  '村村',
  '马路',
  '公路',
  '道路',
  '小路',
  '山路',
  '水泥路',
  '修路',
  '走路',
  '过马路',
  '出路',
  '铁路',
  '高速路',
  '大路',
  '进村',
  '整个村',
  '周边村',
  '附近村',
  '村里',
  '回村',
  '同村',
  '本小区',
  '该小区',
  '这个小区',
  '我们小区',
  '小区',
  '新村',
  '线路',
  '一路',
  '半路',
  '带路',
  '上路',
  '下路',
  '小街',
  '上街',
  '大街',
  '满街',
  '逛街',
  '沿街',
  '临街',
  '老街',
]);
/** A spot: two characters of name before its kind (a village, road, street, estate). */
const SPOT_PATTERN = /(?=(\p{Script=Han}{2})(村|路|街|大道|小区|花园|苑|新区)(?![委民镇乡]))/gu;
/** Characters that do not occur in the two name characters of a spot (verbs, pronouns, numbers, measure words). */
const SPOT_NOT_NAME =
  /[镇乡区县市省了的在是到和把被从去往说个条那这要求映我你他她们该本全各每整周附邻同进回过修走有没等几米今昨明跑钱一二三四五六七八九十百千条段些都也就还很太不]/;
/** Last name characters that make an ordinary word with the kind (公路, 绕路, 公里路, 上街, 步行街, 农村, 渔村): no spot. */
const SPOT_WORD_TAIL: Readonly<Record<string, RegExp>> = {
  路: /[公远绕马小弯山土水近道夜走上让问过开修铺断挡堵带迷出里铁网线套思退来窄宽烂泥车]/,
  街: /[上大老逛沿临满业行吃条边主]/,
  村: /[农山乡邻本全该我各整回进出渔新老外下]/,
};
/** Bus lines: 9路公交 / 九路车 / 坐9路. */
const BUS_PATTERN = /(?:(\d{1,3})|([一二三四五六七八九十]{1,3}))路(?=公交|车|班车|巴士|线)|(?<=[坐乘搭])(\d{1,3})路/g;
const DIGIT: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

function chineseNumber(s: string): number {
  if (s === '十') return 10;
  if (s.startsWith('十')) return 10 + (DIGIT[s[1]] ?? 0);
  if (s.includes('十')) return (DIGIT[s[0]] ?? 0) * 10 + (DIGIT[s[2]] ?? 0);
  return DIGIT[s] ?? 0;
}

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
  // Homophone spellings: before 镇 / 乡 / 圩; or, starting a phrase, with one character changed
  // (兰塘那个工地, 楚潭老街) unless the spelling is an ordinary word (大部分, 大不了).
  const sounds = soundKey(cleaned);
  for (const p of PATTERNS) {
    if (counts.has(p.code)) continue;
    const n = p.short.length;
    for (let i = sounds.indexOf(p.sound); i >= 0; i = sounds.indexOf(p.sound, i + 1)) {
      const written = cleaned.slice(i, i + n);
      const next = cleaned[i + n];
      let changed = 0;
      for (let k = 0; k < n; k++) if (written[k] !== p.short[k]) changed++;
      const starts = i === 0 || NAME_START.test(cleaned[i - 1]);
      if (next === '镇' || next === '乡' || next === '圩' || (n >= 3 && changed > 0) || (changed === 1 && starts && !HOMOPHONE_WORDS.has(written))) add(p.code);
    }
  }
  if (!counts.size && SEAT_WORDS.test(cleaned)) add(COUNTY_SEAT);
  const spots = new Set<string>();
  for (const s of spotSpans(cleaned)) spots.add(s.word);
  for (const m of cleaned.matchAll(BUS_PATTERN)) {
    const line = m[1] ? Number(m[1]) : m[3] ? Number(m[3]) : chineseNumber(m[2]);
    if (line > 0) spots.add(`${line}路公交`);
  }
  return { townshipCodes: [...counts].sort((a, b) => b[1] - a[1]).map(([c]) => c), spots: [...spots].sort() };
}

/** A village / road / street / estate written in the text by its suffix: where it is and the name. */
export interface SpotSpan {
  start: number;
  end: number;
  word: string;
}

/**
 * The spots (`XX村`, `XX路`, `XX街`, `XX大道`, `XX小区`, `XX花园`, `XX苑`, `XX新区`) written in an already
 * normalised text, left to right, not overlapping. The segmenter makes each one token (segment.ts),
 * and the similarity counts it as a place on both sides of a pair, never as shared content.
 */
export function spotSpans(text: string): SpotSpan[] {
  const out: SpotSpan[] = [];
  let last = -1;
  for (const m of text.matchAll(SPOT_PATTERN)) {
    const [name, kind] = [m[1], m[2]];
    const word = name + kind;
    const start = m.index!;
    if (start < last || SPOT_STOP.has(word) || SPOT_STOP.has(name) || SHORT_NAMES.has(name) || SPOT_NOT_NAME.test(name) || SPOT_WORD_TAIL[kind]?.test(name[1]))
      continue;
    out.push({ start, end: start + word.length, word });
    last = start + word.length;
  }
  return out;
}

/**
 * Where a place type is only passed through, not where the matter is (issue 13, dev errors): a
 * destination or an origin of a trip (去县医院看病, 送到乡卫生院, 到车站坐车) and an informant
 * (卫生院说是肠胃炎, 学校讲在协调). Up to four characters of a place's qualifier may stand between
 * (去乡卫生院, 送到韩坊镇卫生院, 去附近的超市). 去年 / 过去 / 下去 are no trip; 到 after a verb of putting
 * (停到, 摆到, 堆到, 倒到) is where the matter is (车停到学校门口).
 */
const PASSING_BEFORE =
  /(?:(?<![过下上出失死除离来回进])去(?!年|世)|送到|送去|送往|送进|送|转到|转去|转往|转院到|赶到|赶去|跑到|跑去|回到|住进|进了|来到|(?<![停摆放堆倒扔排流飘冲拉运搬挪占围挤开延漏淹到])到)了?(?:[^\s,.;:!?，。；：！？、]{0,4}?[乡镇县区市]|附近的?|旁边的?|最近的?|隔壁的?)?$/u;
/** An informant: the place (or its staff) says, answers, explains. */
const INFORMANT_AFTER = /^(?:的?(?:医生|工作人员|护士|值班的?|老师|负责人|保安|人))?(?:说|讲|称|回复|答复|表示|告知|解释)/u;

/**
 * The place types (canonical words) every written occurrence of which is passed through
 * (PASSING_BEFORE, INFORMANT_AFTER) in an already normalised text; `forms` gives each canonical
 * type's written forms (医院: 卫生院, 诊所). A type the text does not write (implied by a landmark) is
 * never passed through.
 */
export function passingPlaceTypes(text: string, types: readonly string[], forms: (type: string) => readonly string[]): string[] {
  const out: string[] = [];
  for (const type of types) {
    let seen = 0;
    let passing = 0;
    for (const form of forms(type)) {
      for (let i = text.indexOf(form); i >= 0; i = text.indexOf(form, i + form.length)) {
        seen++;
        const before = text.slice(Math.max(0, i - 10), i);
        const after = text.slice(i + form.length, i + form.length + 8);
        if (PASSING_BEFORE.test(before) || INFORMANT_AFTER.test(after)) passing++;
      }
    }
    if (seen > 0 && passing === seen) out.push(type);
  }
  return out;
}
