/**
 * Issue 13, ninth pass: bus lines (one spelling, different lines never one matter), a spot in
 * common in one township at the township's level, clock times written in Chinese numerals, and
 * general complaint vocabulary (synonyms, symptoms). Pure functions, no database.
 */
import { animalKind, extractParties, partiesDiffer } from '../src/hot-issues/text/parties';
import { normalizeText, tokenize } from '../src/hot-issues/text/segment';
import { CLUSTER_SIMILARITY_PARAMS, fingerprint, similarity, verdict, type TextFingerprint } from '../src/hot-issues/text/similarity';
import { symptomWords } from '../src/hot-issues/text/symptoms';

const symptoms = (text: string) => symptomWords(normalizeText(text));
const placed = (text: string, code?: string): TextFingerprint => {
  const fp = fingerprint(text);
  if (code) fp.places.codes = [code];
  return fp;
};
const CHUTAN = '360704110000';

describe('bus lines (segment.ts normalizeText, similarity.ts)', () => {
  it('writes a bus line one way: its number in digits, 公交 for the vehicle', () => {
    expect(normalizeText('九路车说改就改')).toBe('9路公交说改就改');
    expect(normalizeText('十二路车一个钟头一趟')).toBe('12路公交一个钟头一趟');
    expect(normalizeText('二十三路公交车又不来')).toBe('23路公交又不来');
    expect(normalizeText('坐9路车的人多')).toBe('坐9路公交的人多');
    // The same tokens whichever way the line is written.
    expect(tokenize('九路车改线了')).toEqual(tokenize('9路公交改线了'));
  });

  it('leaves 一路 (all the way), roads and other numbers alone', () => {
    expect(normalizeText('这一路车都很挤')).toBe('这一路车都很挤');
    expect(normalizeText('一路上车很多')).toBe('一路上车很多');
    expect(normalizeText('城南路车辆乱停')).toBe('城南路车辆乱停');
    expect(normalizeText('一百二十路段')).toBe('一百二十路段');
  });

  it('never makes two bus lines one matter, and keeps one line written two ways together', () => {
    const two = fingerprint('乘客反映县城2路公交车经常不靠站，司机直接开过去');
    const five = fingerprint('乘客反映县城5路公交车经常不靠站，司机直接开过去');
    const apart = similarity(two, five);
    expect(apart.placeConflict).toBe('spot');
    expect(apart.similar).toBe(false);
    const again = similarity(fingerprint('县城二路车经常不靠站，司机直接开过去'), two);
    expect(again.placeConflict).toBeUndefined();
    expect(again.placeMatch).toBe('spot');
    // A report naming no line is not vetoed by one naming a line.
    expect(similarity(fingerprint('县城公交车经常不靠站，司机直接开过去'), two).placeConflict).toBeUndefined();
  });
});

describe('a spot in common in one township (similarity.ts)', () => {
  const a = '来电人反映9路公交车从今天起不进储潭老街了，直接走外面的国道，老人要多走二十分钟';
  const b = '坐9路车的人多得很，改了线以后国道边那个临时站连个牌子都冇，天暗了车都不停';

  it('is judged at the township’s level when that is lower (never more demanding than the township alone)', () => {
    const e = similarity(placed(a, CHUTAN), placed(b, CHUTAN));
    expect(e.placeMatch).toBe('spot');
    expect(e.townshipMatch).toBe('township');
    expect(verdict(e, CLUSTER_SIMILARITY_PARAMS)).toBe(e.score >= Math.min(CLUSTER_SIMILARITY_PARAMS.threshold, CLUSTER_SIMILARITY_PARAMS.townshipThreshold));
  });

  it('keeps the spot’s own level when the township is not known on both sides', () => {
    const e = similarity(placed(a, CHUTAN), placed(b));
    expect(e.placeMatch).toBe('spot');
    expect(e.townshipMatch).toBeUndefined();
  });
});

describe('clock times in Chinese numerals (segment.ts)', () => {
  it('drops a clock time or a span of minutes / hours like one written in digits', () => {
    expect(tokenize('上午十点多等到十一点半才来')).toEqual(tokenize('上午10点多等到11点半才来'));
    expect(tokenize('等了五十分钟')).toEqual([]);
    expect(tokenize('晚上十一点多还在浇混凝土')).toEqual(['混凝土']);
  });

  it('keeps counts and amounts (told apart in the seventh pass)', () => {
    expect(tokenize('十几个人在等')).toContain('十几个');
    expect(tokenize('五十块钱')).toContain('五十块');
  });
});

describe('complaint vocabulary, ninth pass (variants.ts)', () => {
  it('gives one object or problem named several ways one word', () => {
    expect(tokenize('县道急弯的栏杆断了')).toEqual(expect.arrayContaining(['弯道', '护栏']));
    expect(tokenize('在基本农田里修了一座很大的坟')).toEqual(expect.arrayContaining(['耕地', '坟墓']));
    expect(tokenize('危改补助')).toContain('危房改造');
    expect(tokenize('残疾补贴')).toContain('残疾人');
    expect(tokenize('田村逢三六九赶圩就堵死')).toContain('集市');
    expect(tokenize('圩日主街堵塞')).toContain('集市');
    expect(tokenize('学生集体吐泻')).toContain('食物中毒');
    expect(tokenize('刺鼻的气味')).toEqual(['臭', '臭']);
    expect(tokenize('那个石场又在放炮')).toContain('采石场');
    expect(tokenize('卤菜店的东西')).toContain('卤味');
    expect(tokenize('公共停车位')).toContain('车位');
    expect(tokenize('工地通宵打灰')).toContain('混凝土');
    expect(tokenize('网吧让初中生进去')).toContain('学生');
    expect(tokenize('宿舍九点半就拉闸')).toContain('停电');
  });

  it('does not rewrite look-alikes', () => {
    // A fence round a water tank is no guard rail; a door to pull no power switch.
    expect(tokenize('水池边要加围栏')).not.toContain('护栏');
    expect(tokenize('超市的拉门坏了')).not.toContain('停电');
    expect(tokenize('菜市场门口')).not.toContain('集市');
  });
});

describe('symptom lexicon, ninth pass (symptoms.ts)', () => {
  it('reads tap water still yellow as water quality, not a yellow ditch', () => {
    expect(symptoms('茅店镇的水今天好一点了但还是有点黄')).toContain('水质差');
    expect(symptoms('门口的水沟有点黄泥')).not.toContain('水质差');
    expect(symptoms('水还是有点黄狗在叫')).not.toContain('水质差');
  });

  it('reads a request for more buses as too few buses, not an extra fare', () => {
    expect(symptoms('要求公交公司负责，赶紧加车')).toContain('班次少');
    expect(symptoms('出租车司机要加车费')).not.toContain('班次少');
  });

  it('reads a phone signal or internet cut or weak', () => {
    expect(symptoms('电信宽带和手机信号同时中断')).toContain('没信号');
    expect(symptoms('网还是时有时没有，手机一格信号')).toContain('没信号');
    expect(symptoms('光缆被施工队挖断了')).toContain('没信号');
    // A department not answering the phone is no outage of the network.
    expect(symptoms('供电所电话打不通')).not.toContain('没信号');
  });

  it('reads a business gone with the money, not a removal of rubbish', () => {
    expect(symptoms('今天去看门锁了，里面桌椅都搬走了')).toContain('失联');
    expect(symptoms('收果的卷跑了，两万多')).toContain('失联');
    expect(symptoms('培训班老板跑了')).toContain('失联');
    expect(symptoms('门口的垃圾一直没人拉走')).not.toContain('失联');
    expect(symptoms('邻居把东西搬走了')).not.toContain('失联');
  });

  it('reads food gone bad as 过期, not a sour dish or an aching back', () => {
    expect(symptoms('卤菜店的东西是馊的')).toContain('过期');
    expect(symptoms('买的卤猪耳朵有酸味')).toContain('过期');
    expect(symptoms('鸭脖子咬一口就是酸的')).toContain('过期');
    expect(symptoms('点了一份酸菜鱼')).not.toContain('过期');
    expect(symptoms('腰酸背痛睡不好')).not.toContain('过期');
  });
});

describe('parties, ninth pass (parties.ts)', () => {
  const parties = (text: string) => extractParties(normalizeText(text));

  it('reads a paint and a coatings plant as one party, and as a chemical plant', () => {
    expect(partiesDiffer(parties('工业园那家油漆厂晚上偷排'), parties('工业园新投产的一家涂料厂夜间排放'))).toBe(false);
    expect(tokenize('那家油漆厂的事')).toContain('化工厂');
    // Two factories making other things stay two parties.
    expect(partiesDiffer(parties('那家油漆厂晚上偷排'), parties('那家砖厂晚上冒黑烟'))).toBe(true);
  });

  it('reads a dog complained of for barking or for biting', () => {
    expect(animalKind(normalizeText('有户人家的狗关在阳台上，一到晚上就叫，叫了几个月了'))).toBe('noise');
    expect(animalKind(normalizeText('长洛乡圩上有条黑狗见人就咬'))).toBe('bite');
    expect(animalKind(normalizeText('圩镇流浪犬伤人事件'))).toBe('bite');
    // Calling someone (叫人来抓) is no barking; a dog both barking and biting, or no dog, is neither.
    expect(animalKind(normalizeText('狗咬了人，赶紧叫人来抓'))).toBe('bite');
    expect(animalKind(normalizeText('狗天天晚上叫，昨天还咬了人'))).toBeUndefined();
    expect(animalKind(normalizeText('邻居半夜唱歌大叫'))).toBeUndefined();
  });

  it('tells a barking dog from a biting dog like two parties, and leaves a report saying neither alone', () => {
    const bark = parties('来电人反映长洛乡圩镇有户人家的狗关在阳台上，一到晚上就叫');
    const bite = parties('来电人反映长洛乡圩上有条黑狗见人就咬，刚才咬了一个老人');
    expect(partiesDiffer(bark, bite)).toBe(true);
    expect(partiesDiffer(bark, parties('来电人反映长洛乡圩镇有条狗，要求处理'))).toBe(false);
    expect(partiesDiffer(bite, parties('长洛街上有条疯狗，已经咬了两三个人了'))).toBe(false);
  });
});
