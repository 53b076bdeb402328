/**
 * Lexicon: the jieba user dictionary (local names, hotline terms, boilerplate phrases), the
 * synonym table, and the place-name classes used by the 名称冲突 veto (similarity.ts).
 *
 * Local names come from the hub's reference data (townships, src/reference/townships.ts), plus a
 * few county-seat landmarks and estates and generic place types, so that 王母渡镇, 赣县汽车站,
 * 区市场监管局 stay whole tokens: split into 王母/渡/镇 they would match every text containing 王母
 * or 镇. Villages, roads, estates and companies are not listed: places.ts extracts them from the
 * text by their suffix (XX村, XX路, XX小区, N路公交…). Production code reads no demo data.
 */
import { COUNTY, TOWNSHIPS } from '../../reference/townships';
import { STOP_WORDS } from './stopwords';
import { COMPLAINT_SYNONYM_GROUPS } from './variants';

/** Generic place types complaints name (a kind of place, not one place). */
export const PLACE_TYPES: readonly string[] = [
  '农贸市场',
  '小区',
  '汽车站',
  '学校门口',
  '商业广场',
  '步行街',
  '人民医院',
  '超市',
  '公园',
  '文化广场',
  '菜市场',
  '夜市',
  '火车站',
  '政务服务中心',
  '体育馆',
  '工业园区',
  '卫生院',
  '幼儿园',
  '客运站',
  '加油站',
  '老街',
  '城市广场',
  '购物中心',
  '物流园',
  '批发市场',
  '建材市场',
  '停车场',
  '公交站台',
  '江边步道',
  '电影院',
  '银行网点',
  '中心小学',
  '汽车城',
];

/**
 * Respondents (departments, units) named in complaints: whole tokens, so that 市场监管局 does not
 * leave the place type 市场 behind. Generic names, not the hub's department table.
 */
export const RESPONDENT_TERMS: readonly string[] = [
  '市场监管局',
  '市场监管部门',
  '市场监督管理局',
  '市场监管',
  '住建局',
  '住建部门',
  '交通局',
  '交通运输局',
  '交通部门',
  '环保局',
  '环保部门',
  '生态环境局',
  '生态环境部门',
  '教育局',
  '教育部门',
  '人社局',
  '劳动监察',
  '劳动监察大队',
  '卫健委',
  '卫健局',
  '民政局',
  '民政办',
  '自然资源局',
  '自然资源部门',
  '水利局',
  '水利部门',
  '供电所',
  '供电公司',
  '供电部门',
  '供水公司',
  '水厂',
  '派出所',
  '城管局',
  '城管',
  '公路局',
  '公路部门',
  '农业农村局',
  '农业部门',
  '应急管理局',
  '应急部门',
  '司法所',
  '社保所',
  '疾控中心',
  '残联',
  '税务局',
  '运管所',
  '交警',
  '乡政府',
  '镇政府',
  '村委会',
  '居委会',
  '社区',
  '物业公司',
  '运营商',
  '公交公司',
];

/** Landmarks of the county seat (梅林镇) often named in complaints (generic, fictional names). */
export const LOCAL_LANDMARKS: readonly string[] = [
  '赣县汽车站',
  '赣县客运站',
  '赣县火车站',
  '赣县北站',
  '赣县区人民医院',
  '赣县区中医院',
  '赣县区妇幼保健院',
  '赣县中学',
  '赣县区政务服务中心',
  '赣县工业园',
  '赣县城区',
  '赣县区',
  '赣县',
  '赣州',
  '赣州市',
  '贡江',
  '平江',
  '桃江',
  '赣江',
  '梅林大桥',
  '贡江大桥',
  '客家文化城',
  '赣县客家文化城',
];

/** Residential estates (小区) of the county seat (fictional names). */
export const LOCAL_ESTATES: readonly string[] = [
  '贡江花园',
  '阳光家园',
  '城南新村',
  '锦绣华庭',
  '滨江御景',
  '金色家园',
  '梅林新村',
  '和谐家园',
  '紫阳花园',
  '迎宾华府',
  '振兴苑',
  '站前新村',
  '赣新名都',
  '翠湖小区',
  '文昌苑',
  '健康小区',
];

/** Further place types (for the 名称冲突 veto). */
export const EXTRA_PLACE_TYPES: readonly string[] = [
  '小学',
  '中学',
  '中心小学',
  '幼儿园',
  '医院',
  '卫生院',
  '菜市场',
  '市场',
  '车站',
  '村委会',
  '路口',
  '十字路口',
  '广场',
  '养老院',
  '敬老院',
  '网吧',
  '酒吧',
  'KTV',
  '宾馆',
  '码头',
  '桥头',
  '高速路口',
];

/** Hotline domain terms jieba's general dictionary splits (or joins) badly. */
export const DOMAIN_TERMS: readonly string[] = [
  '12345热线',
  '民意速办',
  '打表',
  '不打表',
  '计价器',
  '拒载',
  '绕路',
  '绕远路',
  '网约车',
  '黑车',
  '一口价',
  '农民工',
  '欠薪',
  '讨薪',
  '包工头',
  '劳务费',
  '工钱',
  '血汗钱',
  '脐橙',
  '黄龙病',
  '果园',
  '秸秆',
  '养猪场',
  '养殖场',
  '猪场',
  '粪水',
  '粪污',
  '广场舞',
  '噪音扰民',
  '夜间施工',
  '打桩机',
  '渣土车',
  '油烟',
  '油烟机',
  '烧烤店',
  '夜宵摊',
  '大排档',
  '消防通道',
  '生命通道',
  '充电桩',
  '电动车',
  '占道经营',
  '流动摊贩',
  '垃圾桶',
  '垃圾池',
  '垃圾中转站',
  '路灯',
  '不亮',
  '井盖',
  '窨井盖',
  '下水道',
  '自来水',
  '停水',
  '停电',
  '跳闸',
  '电梯',
  '困人',
  '物业费',
  '物业公司',
  '乱收费',
  '资料费',
  '补课费',
  '过期食品',
  '卤菜',
  '乱停乱放',
  '违停',
  '安置房',
  '棚户区',
  '危房改造',
];

/** Frequencies: high enough that the names win over jieba's splits, tags for `tag()`. */
const NAME_FREQ = 200000;
const TERM_FREQ = 50000;

/** Township short names (梅林镇 → 梅林) from the reference table. */
export function townshipShortName(name: string): string {
  return name.replace(/[镇乡]$/, '');
}

/** Every local name: townships, villages, roads, places, companies, departments, landmarks. */
export function localNames(): string[] {
  const out = new Set<string>();
  out.add(COUNTY.name);
  for (const t of TOWNSHIPS) {
    out.add(t.name);
    out.add(townshipShortName(t.name));
    out.add(`${t.name}人民政府`);
    out.add(`${t.name}政府`);
    out.add(`${townshipShortName(t.name)}集镇`);
  }
  for (const p of PLACE_TYPES) out.add(p);
  for (const p of EXTRA_PLACE_TYPES) out.add(p.toLowerCase());
  for (const d of RESPONDENT_TERMS) out.add(d);
  for (const l of LOCAL_LANDMARKS) out.add(l);
  for (const e of LOCAL_ESTATES) out.add(e);
  return [...out].filter((w) => w.length >= 2).sort();
}

export type LocalNameClass = 'township' | 'spot' | 'place';

export interface LocalName {
  cls: LocalNameClass;
  /** Townships: the full name (梅林 → 梅林镇); others: the word itself. */
  canonical: string;
  /** The township a village, road, estate or landmark lies in. */
  township?: string;
  /** The place type a landmark is (赣县汽车站 → 汽车站). */
  place?: string;
}

/**
 * Names that pin a complaint to a place, at three levels: townships (full and short name),
 * spots (villages, roads, estates, companies, landmarks) and place types (汽车站, 农贸市场 …).
 * Two texts naming only different townships, only different spots, or only different place
 * types are about different matters (similarity.ts uses this as a veto). Departments are not
 * places (they are respondents).
 */
export const LOCAL_NAME_CLASSES: ReadonlyMap<string, LocalName> = (() => {
  const map = new Map<string, LocalName>();
  const seat = TOWNSHIPS[0].name;
  for (const p of [...PLACE_TYPES, ...EXTRA_PLACE_TYPES]) map.set(p.toLowerCase(), { cls: 'place', canonical: p.toLowerCase() });
  for (const e of LOCAL_ESTATES) map.set(e, { cls: 'spot', canonical: e, township: seat, place: '小区' });
  for (const l of LOCAL_LANDMARKS) {
    // The county, the city and rivers name no spot.
    if (/^赣(县|州)(区|市|城区)?$/.test(l) || /^(贡江|平江|桃江|赣江)$/.test(l)) continue;
    const place = PLACE_TYPES.filter((p) => l.endsWith(p)).sort((a, b) => b.length - a.length)[0];
    const inSeat = (l.startsWith('赣县') && l !== '赣县北站') || /^(梅林|客家|贡江大桥)/.test(l);
    map.set(l, { cls: 'spot', canonical: l, township: inSeat ? seat : undefined, place });
  }
  for (const t of TOWNSHIPS) {
    map.set(t.name, { cls: 'township', canonical: t.name });
    map.set(townshipShortName(t.name), { cls: 'township', canonical: t.name });
  }
  return map;
})();

/**
 * Words that say where without naming one place: the county and city in an address, the county
 * seat and its quarters, a township's centre (圩镇 / 圩上 arrive as 集镇). Every report of a
 * township may carry them, so they are not what a cluster is about: left out of cluster centroids
 * (centroids.ts). The pairwise similarity keeps them (measured on dev: no change, see thresholds.ts).
 */
export const LOCATION_WORDS: ReadonlySet<string> = new Set([
  '赣县区',
  '赣县',
  '赣州市',
  '赣县城区',
  '县城',
  '城区',
  '城关',
  '城东',
  '城南',
  '城西',
  '城北',
  '集镇',
  '镇上',
  '街上',
  '乡下',
  ...TOWNSHIPS.map((t) => `${townshipShortName(t.name)}集镇`),
]);

/** The user dictionary in jieba's `word freq tag` line format. */
export function userDictionaryLines(): string[] {
  const lines: string[] = [];
  for (const w of localNames()) lines.push(`${w} ${NAME_FREQ} ${/(局|所|队|委|办|中心|公司|院|部|会|厂|社|超市|酒家|酒店|药房)$/.test(w) ? 'nt' : 'ns'}`);
  for (const w of DOMAIN_TERMS) lines.push(`${w} ${TERM_FREQ} n`);
  for (const group of [...SYNONYM_GROUPS, ...COMPLAINT_SYNONYM_GROUPS]) for (const w of group) if (w.length >= 2) lines.push(`${w} ${TERM_FREQ} n`);
  // Boilerplate phrases (来电人称, 相关部门) must arrive whole to be recognised as stop words.
  for (const w of STOP_WORDS) if (w.length >= 3 && /^\p{Script=Han}+$/u.test(w)) lines.push(`${w} ${TERM_FREQ} x`);
  return lines;
}

/**
 * 同义词表: each group's first word is the canonical form the others are rewritten to.
 * Only common hotline vocabulary (a 12345 knowledge base keeps such a table); multi-word
 * variants are put into the user dictionary above so that they arrive as one token.
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['出租车', '的士', '出租汽车', '计程车', 'taxi'],
  ['不打表', '拒绝打表', '不按表计价', '不用计价器', '不按计价器收费', '不打计价器'],
  ['拒载', '拒绝载客', '拒拉'],
  ['绕路', '绕远路', '绕道', '故意绕路'],
  ['黑车', '非法营运车辆', '无证营运车辆'],
  ['拖欠工资', '欠薪', '拖欠工钱', '欠工资', '不发工资'],
  ['工资', '工钱', '薪水', '薪资', '血汗钱'],
  ['噪音', '噪声', '吵闹声'],
  ['噪音扰民', '噪声扰民'],
  ['垃圾桶', '垃圾箱'],
  ['井盖', '窨井盖', '下水道井盖'],
  ['路灯', '街灯'],
  ['电动车', '电瓶车', '电动自行车'],
  ['养猪场', '猪场', '生猪养殖场'],
  ['物业公司', '物业'],
  ['停车', '泊车'],
  ['派出所', '公安派出所'],
  ['超市', '商超'],
];

/** Variant → canonical form. */
export const SYNONYMS: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  for (const [canonical, ...variants] of [...SYNONYM_GROUPS, ...COMPLAINT_SYNONYM_GROUPS]) for (const v of variants) if (!map.has(v)) map.set(v, canonical);
  return map;
})();
