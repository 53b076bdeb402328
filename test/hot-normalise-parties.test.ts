/**
 * Issue 13: the named party of a complaint (parties.ts: 工地 / 厂 / 店 … and factory names), compared
 * like a written spot by the similarity, and the symptom lexicon (symptoms.ts) that gives colloquial
 * descriptions of one symptom a common word. Pure functions, no database.
 */
import { extractParties, outageKind, partiesDiffer } from '../src/hot-issues/text/parties';
import { normalizeText, tokenize } from '../src/hot-issues/text/segment';
import { fingerprint, similarity } from '../src/hot-issues/text/similarity';
import { symptomWords } from '../src/hot-issues/text/symptoms';
import { THRESHOLDS } from '../src/hot-issues/thresholds';

const parties = (text: string) => extractParties(normalizeText(text));

describe('named parties (parties.ts)', () => {
  it('reads the kind of party and a factory name', () => {
    expect(parties('某镇一家砖瓦厂拖欠工人三个月工资')).toEqual({ kinds: ['factory'], names: ['砖瓦'] });
    expect(parties('那个做家具的厂欠我们工钱')).toEqual({ kinds: ['factory'], names: [] });
    expect(parties('修大桥的工地包工头跑了')).toEqual({ kinds: ['site'], names: [] });
    expect(parties('街口那家烧烤店油烟很大').kinds).toEqual(['shop']);
    expect(parties('村后的养猪场臭气熏天').kinds).toEqual(['farm']);
  });

  it('does not read places, utilities, a product maker or the caller’s own business as a party', () => {
    // 茅店镇 is a township, not a shop; 自来水厂 a utility; 厂家 the maker of a product.
    expect(parties('茅店镇自来水厂停水两天').kinds).toEqual([]);
    expect(parties('买的电饭煲坏了，联系厂家不理').kinds).toEqual([]);
    expect(parties('来电人称其在镇上开早餐店，今天停水生意做不成').kinds).toEqual([]);
    // 发车间隔 (the interval between buses) holds 车间 but names no workshop.
    expect(parties('公交发车间隔太长').kinds).toEqual([]);
    expect(parties('厂里车间粉尘很大').kinds).toEqual(['factory']);
  });

  it('tells parties apart by kind, or factories by names sharing no character', () => {
    expect(partiesDiffer(parties('工地欠薪'), parties('厂里欠薪'))).toBe(true);
    expect(partiesDiffer(parties('砖厂欠薪'), parties('纺织厂欠薪'))).toBe(true);
    expect(partiesDiffer(parties('砖瓦厂欠薪'), parties('那个砖厂欠薪'))).toBe(false);
    expect(partiesDiffer(parties('砖厂欠薪'), parties('那个厂欠薪'))).toBe(false);
    // A report naming no party, or a site and its contractor company, does not differ.
    expect(partiesDiffer(parties('老板欠薪'), parties('工地欠薪'))).toBe(false);
    expect(partiesDiffer(parties('工地和劳务公司互相推'), parties('工地欠薪'))).toBe(false);
  });

  it('asks more of two reports of one township about different parties (like different written spots)', () => {
    const site = fingerprint('来电人反映江口镇那个修公路的工地拖欠工人工资三个月，有二十几个人，要求劳动监察处理。');
    const sameSite = fingerprint('来电人称江口镇修公路的工地老板拖欠工人三个月工资，要求劳动部门处理。');
    const factory = fingerprint('来电人反映江口镇那个做纸箱的厂拖欠工人工资三个月，有二十几个人，要求劳动监察处理。');
    const apart = similarity(site, factory);
    expect(apart.partyConflict).toBe(true);
    expect(apart.threshold).toBeGreaterThanOrEqual(THRESHOLDS.otherPartyScore);
    const together = similarity(site, sameSite);
    expect(together.partyConflict).toBeUndefined();
    expect(together.similar).toBe(true);
  });
});

describe('announced and unannounced power cuts (parties.ts outageKind)', () => {
  it('reads a planned cut, a fault or recurring cuts, and neither', () => {
    expect(outageKind(normalizeText('供电所昨天才贴通知，讲今天八点到六点检修停电'))).toBe('planned');
    expect(outageKind(normalizeText('咨询计划停电是不是要提前七天公告'))).toBe('planned');
    expect(outageKind(normalizeText('七点钟突然停电了，听到砰的一声，变压器烧了'))).toBe('unplanned');
    expect(outageKind(normalizeText('镇上三天两头停电，电压不稳'))).toBe('unplanned');
    expect(outageKind(normalizeText('到现在还是没电，供电所电话打了三次都讲在路上'))).toBe('unplanned');
    expect(outageKind(normalizeText('家里停电了，什么时候来电'))).toBeUndefined();
    // A request to upgrade the line is no announcement; a bridge notice is no power cut.
    expect(outageKind(normalizeText('村里电压一到晚上就很低，要求改造线路'))).toBeUndefined();
    expect(outageKind(normalizeText('桥头贴了通知说要封桥检修'))).toBeUndefined();
  });

  it('tells a planned cut from a fault like two parties, and leaves a report saying neither alone', () => {
    const planned = parties('五云镇供电所昨天下午才贴通知，讲今天检修停电，冷库来不及准备');
    const fault = parties('五云镇下村突然停电，变压器烧了，冒烟');
    const neither = parties('五云镇下村停电了，小孩作业写不成');
    expect(partiesDiffer(planned, fault)).toBe(true);
    expect(partiesDiffer(planned, neither)).toBe(false);
    expect(partiesDiffer(fault, neither)).toBe(false);
  });
});

describe('complaint synonyms (variants.ts)', () => {
  it('gives a late flat delivery, the developer, a smell and an emission one word each', () => {
    const common = (a: string, b: string) => tokenize(a).filter((t) => tokenize(b).includes(t));
    expect(common('开发商发短信说延期交房', '恒达置业逾期交房')).toEqual(expect.arrayContaining(['开发商', '延期', '交房']));
    expect(common('圩上今晚有一股怪味', '昨夜一晚上都是刺鼻的气味')).toContain('臭');
    expect(common('化工厂晚上偷排', '工业园化工企业夜间排放')).toEqual(expect.arrayContaining(['化工厂', '污染']));
    // 味道 stays a taste.
    expect(tokenize('卤菜味道是酸的')).not.toContain('臭');
  });
});

describe('symptom lexicon (symptoms.ts)', () => {
  it('gives colloquial descriptions of one symptom its canonical word', () => {
    expect(tokenize('水龙头拧开一滴水都不出，饭都做不了')).toContain('停水');
    expect(tokenize('家里的水放出来黄黄的，烧开底下一层渣')).toContain('水质差');
    expect(tokenize('冰箱空调都用不了，一片漆黑')).toContain('停电');
    expect(tokenize('楼下半夜敲敲打打，吵得睡不着')).toContain('噪音');
    expect(tokenize('那股味道熏得不敢开窗')).toContain('臭');
    expect(tokenize('下大雨后山体滑坡，村道车子过不去')).toEqual(expect.arrayContaining(['塌陷', '交通中断']));
    expect(tokenize('吃了喜宴回来半夜上吐下泻')).toContain('食物中毒');
    expect(tokenize('娃娃在食堂吃完饭就肚子疼，送了医院')).toContain('食物中毒');
  });

  it('recognises a road or bridge closed, a bus service cut and a route changed', () => {
    expect(tokenize('村口那座桥封了，说要检修一个月')).toContain('交通中断');
    expect(tokenize('路上放了水马，车都开不过去')).toContain('交通中断');
    expect(tokenize('进城的公交车太少，等了半个钟头才来')).toContain('班次少');
    expect(tokenize('班车发车间隔太长')).toContain('班次少');
    expect(tokenize('公交改道以后不进村了')).toContain('改线');
    expect(tokenize('公交公司取消了两个站点')).toContain('改线');
  });

  it('reads a chemical smell as a smell', () => {
    expect(tokenize('厂里飘出一股化工味，关着窗都闻得到')).toContain('臭');
  });

  it('does not read a taxi taking a detour, an ordinary bus ride or a dog barking without stop as a closure or a route change', () => {
    for (const text of ['出租车司机故意绕路多收钱', '每天坐公交进城卖菜', '狗一到晚上就叫个不停']) {
      expect(symptomWords(normalizeText(text))).not.toEqual(expect.arrayContaining(['交通中断']));
      expect(symptomWords(normalizeText(text))).not.toContain('改线');
      expect(symptomWords(normalizeText(text))).not.toContain('班次少');
    }
  });

  it('does not read a complaint about complaining as vomiting', () => {
    expect(symptomWords(normalizeText('网上吐槽了好几次都没人理'))).not.toContain('食物中毒');
  });

  it('does not read a streetlight or a phone line as a power cut', () => {
    expect(symptomWords(normalizeText('路灯不亮好几天了'))).not.toContain('停电');
    expect(symptomWords(normalizeText('电话断了没人接'))).not.toContain('停电');
  });

  it('adds a word once, and not beside the word itself', () => {
    const tokens = tokenize('小区停水，停水三天了');
    expect(tokens.filter((t) => t === '停水')).toHaveLength(2);
  });
});
