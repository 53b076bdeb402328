/**
 * 被投诉方 The named party of a complaint (issue 13): the kind of business or site the complaint is
 * against — a construction site, a factory, a shop, a farm, a quarry — and, for factories, the name
 * written before 厂 (竹木厂, 砖厂, 纺织厂). Two reports of one township and one category about
 * different parties (wages unpaid at a 工地 and at a 厂) are two matters, as two places are: the
 * similarity treats differing parties like differing written spots (a stricter threshold, not a veto:
 * the kinds are read from ordinary words).
 *
 * Written from general knowledge of complaint wording, not from any evaluation file. Utilities
 * (自来水厂, 电厂, 污水处理厂) and the manufacturer of a product (厂家) are not parties: a 停水 report
 * naming the water works and one naming the site that cut the main are one matter.
 */

import { TOWNSHIPS } from '../../reference/townships';
import { SYNONYMS, townshipShortName } from './lexicon';
import { spotSpans } from './places';

/** A kind of party and the words that name it (normalised, simplified text). */
const KINDS: ReadonlyArray<readonly [kind: string, pattern: RegExp]> = [
  ['site', /工地|项目部|施工队|工程队|在建楼盘|楼盘工地|(?:线|路|桥|楼|工程|建设|安置房)项目/],
  ['factory', /厂|车间(?!隔|距)|作坊/],
  ['shop', /店|超市|商铺|铺面|门面|商行|餐馆|饭馆|(?<!分)摊(?!派|位费|销)|网吧|酒吧|ktv|浴室|足浴|美容院/],
  ['farm', /养殖场|养猪场|猪场|鸡场|鸭场|牛场|养殖户|养猪户|猪栏|牛栏/],
  ['quarry', /采石场|石场|砂场|沙场|采砂|矿山|矿场/],
];

/** Township names (茅店镇 is no shop) and their short names, longest first. */
const TOWNSHIP_NAMES = new RegExp(
  [...new Set(TOWNSHIPS.flatMap((t) => [t.name, townshipShortName(t.name)]))].sort((a, b) => b.length - a.length).join('|'),
  'g',
);

/** Utilities and generic words containing 厂 that name no party. */
const NOT_A_PARTY = /自来水厂|供水厂|净水厂|水厂|电厂|污水处理厂|垃圾处理厂|垃圾焚烧厂|厂家|厂商|出厂|工厂化/g;

/** The caller's own business (其在镇上开早餐店, 我家开超市): the caller, not the party complained about. */
const OWN_BUSINESS =
  /(?:其|我|我们|自己|本人|来电人|家里)(?:家|们)?(?:在[^，。！？,.!?]{0,10})?(?:开|开了|经营|做)(?:一家|一个|一间|个|间|家)?[^，。！？,.!?]{0,6}?(?:店|超市|饭馆|餐馆|摊|厂|作坊)/g;

/** Characters before 厂 that are not a factory's name (what it does, a determiner). */
const FACTORY_NAME_NOT = /[的个家那这一该有某小大老新加工镇乡村县区里在是去到进回从往来出找]/;

export interface Parties {
  /** Kinds of party named (sorted). */
  kinds: string[];
  /** Names written before 厂 / 店 (竹木 of 竹木厂, 竹木加工厂; 汽修 of 汽修店). */
  names: string[];
  /** A power cut announced beforehand (计划停电, 贴了停电通知) or not (突然停电, 变压器烧了, 频繁跳闸): two matters, whoever cuts the power. */
  outage?: 'planned' | 'unplanned';
  /** A dog (or other animal) complained of for its noise (叫, 吠) or for biting (咬): two matters, whoever keeps it. */
  animal?: 'noise' | 'bite';
}

const ANIMAL = /狗|犬/;
/** Barking: 叫 of the animal, not 叫人 / 叫他 (calling someone) nor 叫车. */
const ANIMAL_NOISE = /(?:狗|犬)[^。！？!?]{0,12}(?:狂吠|吠|叫个不停|乱叫|叫唤|叫(?![人他她我你来去醒家车]))/;
const ANIMAL_BITE = /咬|伤人|伤了人/;

/** Whether a text complains of a dog's noise or of a bite (neither or both: undefined). */
export function animalKind(text: string): 'noise' | 'bite' | undefined {
  if (!ANIMAL.test(text)) return undefined;
  const noise = ANIMAL_NOISE.test(text);
  const bite = ANIMAL_BITE.test(text);
  return noise === bite ? undefined : noise ? 'noise' : 'bite';
}

/** The text is about the power supply. */
const POWER = /停电|断电|没电|没有电|供电|跳闸|跳电|停了.{0,4}电|电压/;
/** A cut announced beforehand: planned works, a notice, a date ahead. */
const PLANNED_OUTAGE =
  /计划停电|检修停电|停电检修|(?:贴|发|出)了?(?:一?[张个份])?(?:停电)?通知|停电(?:通知|公告)|提前.{0,6}(?:通知|公告)|(?:明天|后天|下周|下个月|[0-9一二三四五六七八九十]+[号日]).{0,8}停电|停电.{0,6}(?:改造|检修)/;
/** A cut nobody announced: sudden, a fault (transformer, line, breaker), recurring, or waiting for a repair crew (抢修, 讲在路上). */
const UNPLANNED_OUTAGE =
  /抢修|(?:派|来)人.{0,2}修|来修|修好|(?:讲|说|称)(?:人)?在路上|突然.{0,4}(?:停电|断电|没电|黑了)|变压器.{0,4}(?:烧|坏|爆|炸|冒烟)|跳闸|跳电|[砰嘭轰]的一声|线路(?:故障|老化)|电线.{0,4}(?:断|烧)|压断.{0,2}电线|(?:反复|频繁|经常|天天|每天|时常|三天两头|老是|动不动就?)停电|停了?[一二三四五六七八九十几两数多]+次电|停电[数几多]次|电压(?:不稳|时高时低|忽高忽低)|忽明忽暗|一闪一闪|一下有电一下没电/;

/** Whether a text reports an announced or an unannounced power cut (neither or both: undefined). */
export function outageKind(text: string): 'planned' | 'unplanned' | undefined {
  if (!POWER.test(text)) return undefined;
  const planned = PLANNED_OUTAGE.test(text);
  const unplanned = UNPLANNED_OUTAGE.test(text);
  return planned === unplanned ? undefined : planned ? 'planned' : 'unplanned';
}

/** The parties an already normalised text names. */
export function extractParties(text: string): Parties {
  // Place names are not parties (茅店镇, 李店村, 沙场路): out first.
  let placeless = text.replace(OWN_BUSINESS, ' ').replace(TOWNSHIP_NAMES, ' ');
  for (const span of spotSpans(placeless).reverse()) placeless = `${placeless.slice(0, span.start)} ${placeless.slice(span.end)}`;
  const cleaned = placeless.replace(NOT_A_PARTY, ' ');
  const kinds = KINDS.filter(([, p]) => p.test(cleaned)).map(([k]) => k);
  const names = new Set<string>();
  for (const m of cleaned.matchAll(/(\p{Script=Han}{1,4}?)(?:加工|制造|制品)?[厂店]/gu)) {
    let name = m[1];
    // The last two characters that are a name (竹木加工厂 → 竹木; 做竹筷子的厂 → none).
    name = name.slice(-2);
    while (name && FACTORY_NAME_NOT.test(name[0])) name = name.slice(1);
    // One product named two ways is one name (涂料厂 / 油漆厂).
    if (name && !FACTORY_NAME_NOT.test(name[name.length - 1])) names.add(SYNONYMS.get(name) ?? name);
  }
  const outage = outageKind(text);
  const animal = animalKind(text);
  return { kinds: kinds.sort(), names: [...names].sort(), ...(outage ? { outage } : {}), ...(animal ? { animal } : {}) };
}

/** Both texts name parties and none in common: kinds, or factories' names, sharing nothing (a name in common is one party). */
export function partiesDiffer(a: Parties | undefined, b: Parties | undefined): boolean {
  // A planned cut and a fault are two matters (计划停电通知 / 变压器烧了), as two parties are.
  if (a?.outage && b?.outage && a.outage !== b.outage) return true;
  // A barking dog and a biting dog are two matters (狗叫扰民 / 狗咬人).
  if (a?.animal && b?.animal && a.animal !== b.animal) return true;
  if (!a || !b || !a.kinds.length || !b.kinds.length) return false;
  // Names sharing a character name one party whatever its kind (汽修店 / 汽修厂).
  const namesMeet = a.names.some((x) => b.names.some((y) => [...x].some((c) => y.includes(c))));
  if (namesMeet) return false;
  if (!a.kinds.some((k) => b.kinds.includes(k))) return true;
  // The same kind: factories named on both sides with names sharing no character (竹木厂 / 砖厂).
  if (a.kinds.length === 1 && b.kinds.length === 1 && a.kinds[0] === 'factory' && a.names.length && b.names.length) return true;
  return false;
}
