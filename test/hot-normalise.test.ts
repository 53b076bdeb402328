/**
 * Issue 13: normalisation before features (traditional → simplified, full-width, dialect and
 * synonyms), place extraction against the county gazetteer, the township-aware similarity and the
 * category vote. Pure functions, no database.
 */
import { vote } from '../src/hot-issues/classify';
import { extractPlaces } from '../src/hot-issues/text/places';
import { normalizeText, tokenize } from '../src/hot-issues/text/segment';
import { CLUSTER_SIMILARITY_PARAMS, DEFAULT_SIMILARITY_PARAMS, charGrams, fingerprint, similarity, verdict } from '../src/hot-issues/text/similarity';
import { applyDialect, soundKey, toSimplified } from '../src/hot-issues/text/variants';

describe('normalisation (variants.ts, segment.ts)', () => {
  it('turns traditional characters into simplified ones, full-width into half-width, and lowercases', () => {
    expect(toSimplified('來電人反映長洛鄉衛生院收費標準')).toBe('来电人反映长洛乡卫生院收费标准');
    // Characters that are simplified characters too stay as they are (one table for search and the analyser).
    expect(toSimplified('效果显著，一片狼藉，来电')).toBe('效果显著，一片狼藉，来电');
    expect(normalizeText('來電人反映ＡＢＣ公司　１２３號')).toBe('来电人反映abc公司 123号');
  });

  it('rewrites 赣南 dialect words to standard ones, but leaves ordinary words alone', () => {
    expect(applyDialect('屋下冇水，晓得么子时候来')).toBe('家里没水，知道什么时候来');
    expect(applyDialect('恰饭的时候')).toBe('吃饭的时候');
    expect(applyDialect('恰好路过，处理得恰当')).toBe('恰好路过，处理得恰当');
  });

  it('makes a dialect or traditional report and a standard one share their content tokens', () => {
    const standard = new Set(tokenize('家里停水三天了，没有水做饭'));
    const dialect = tokenize('屋下冇水三天了，恰饭都冇水');
    expect(dialect.filter((t) => standard.has(t))).toEqual(expect.arrayContaining(['停水']));
    expect(tokenize('噪聲擾民')).toEqual(tokenize('噪音扰民'));
    expect(tokenize('电线断了，家里断电')).toContain('停电');
  });

  it('keeps ambiguous words out of the synonym groups and the caller’s relatives out of the content', () => {
    // 线路 is a bus route or a power line, not a telecom cable; 烧 a transformer burning out, not open burning;
    // 停了 a lift or a site stopping, not a bus service; 不给钥匙 no money owed.
    expect(tokenize('9路公交调整线路')).not.toContain('光缆');
    expect(tokenize('村口的变压器烧了')).not.toContain('焚烧');
    expect(tokenize('电梯今天早上又停了')).not.toContain('停运');
    expect(tokenize('开发商不交钱就不给钥匙')).not.toContain('拖欠');
    expect(tokenize('老板拖欠工资，欠了三个月')).toContain('拖欠');
    expect(tokenize('光纤被挖断了')).toContain('光缆');
    expect(tokenize('其儿子在中心小学读书，老伴腿脚不便')).not.toEqual(expect.arrayContaining(['儿子']));
    expect(tokenize('其儿子在中心小学读书，老伴腿脚不便')).not.toContain('老伴');
  });

  it('builds character bigrams of the content beside the words', () => {
    // 噪音扰民 (one word) and 噪音 … 扰民 share the bigrams 噪音 and 扰民.
    expect(charGrams(['噪音扰民', '广场'])).toEqual(expect.arrayContaining(['噪音', '音扰', '扰民', '民广', '广场']));
    expect(charGrams(['噪音', '扰民'])).toEqual(expect.arrayContaining(['噪音', '扰民']));
  });
});

describe('place extraction against the gazetteer (places.ts)', () => {
  it('finds townships by full name, short name and homophone spellings before 镇 / 乡', () => {
    expect(extractPlaces('五云镇圩镇没信号').townshipCodes).toEqual(['360704108000']);
    expect(extractPlaces('长洛街上有条疯狗').townshipCodes).toEqual(['360704202000']);
    expect(extractPlaces(normalizeText('長落鄉一条狗咬人')).townshipCodes).toEqual(['360704202000']);
    expect(extractPlaces('大步乡果农的钱被骗了').townshipCodes).toEqual(['360704201000']);
    expect(extractPlaces('王姆渡的班车停了').townshipCodes).toEqual(['360704101000']);
  });

  it('does not read ordinary words as townships', () => {
    expect(extractPlaces('大部分人都走了几步路，去了山西').townshipCodes).toEqual([]);
  });

  it('collects village / road / estate names written in the text', () => {
    expect(extractPlaces('桂花苑小区车库被淹').spots).toContain('桂花苑');
  });

  it('treats a shared township as a place match, a different township as a conflict, and no place as neutral', () => {
    const a = fingerprint('五云镇手机没信号，宽带也断了，光缆被挖断');
    const b = fingerprint('五雲鎮手機信號和網絡中斷一上午，宽带也断了');
    const c = fingerprint('大埠乡手机没信号，宽带也断了，光缆被挖断');
    expect(similarity(a, b).placeMatch).toBe('township');
    expect(similarity(a, b).placeConflict).toBeUndefined();
    expect(similarity(a, c).placeConflict).toBe('township');
    expect(similarity(a, c).similar).toBe(false);
    const unplaced = fingerprint('手机没信号，宽带也断了');
    expect(similarity(a, unplaced).placeConflict).toBeUndefined();
  });

  it('vetoes different place types only where each matter is, not a place passed through (去县医院, 卫生院说)', () => {
    const dogAtSchool = fingerprint('长洛乡学校门口有条疯狗咬伤好几个人，家长不敢让小孩自己走，要求抓狗');
    const bittenThenClinic = fingerprint('长洛乡有条疯狗咬伤好几个人，其丈夫被咬了，现在去乡卫生院打针，要求抓狗');
    expect(bittenThenClinic.places.places).toEqual(['医院']);
    expect(bittenThenClinic.places.passing).toEqual(['医院']);
    const passing = similarity(dogAtSchool, bittenThenClinic);
    expect(passing.placeConflict).toBeUndefined();
    expect(passing.similar).toBe(true);
    // An informant is passed through too; a place where the problem is still vetoes.
    expect(fingerprint('阳埠乡小学学生吃了午饭呕吐，乡卫生院说是急性肠胃炎').places.passing).toEqual(['医院']);
    const dogAtClinic = fingerprint('长洛乡卫生院门口有条疯狗咬伤好几个人，病人不敢出门，要求抓狗');
    expect(dogAtClinic.places.passing).toBeUndefined();
    expect(similarity(dogAtSchool, dogAtClinic).placeConflict).toBe('place');
    expect(similarity(dogAtSchool, dogAtClinic).similar).toBe(false);
  });

  it('reads no trip in 去年 or a verb of putting before 到 (车停到学校门口)', () => {
    expect(fingerprint('去年卫生院收的体检费太高，要求退还').places.passing).toBeUndefined();
    expect(fingerprint('晚上好多车停到学校门口，接孩子的人走不过去').places.passing).toBeUndefined();
    expect(fingerprint('老人每周要送到县医院做透析，桥封了过不去').places.passing).toEqual(['医院']);
  });

  it('asks no more of a place type in common than of the township alone', () => {
    const a = fingerprint('五云镇菜市场门口早上全是摆地摊的，把路占完了，车子过不去');
    const b = fingerprint('五云镇市场门口的地摊摆到马路上，早上堵了二十分钟');
    const e = similarity(a, b);
    expect(e.placeMatch).toBe('place');
    expect(e.townshipMatch).toBe('township');
    expect(e.threshold).toBe(DEFAULT_SIMILARITY_PARAMS.townshipThreshold);
    expect(verdict(e, CLUSTER_SIMILARITY_PARAMS)).toBe(e.score >= CLUSTER_SIMILARITY_PARAMS.townshipThreshold);
    // Without a township (a place type of anywhere in the county) the place-type threshold stays.
    const c = similarity(fingerprint('菜市场门口早上全是摆地摊的，把路占完了'), fingerprint('市场门口的地摊摆到马路上'));
    expect(c.townshipMatch).toBeUndefined();
    expect(c.threshold).toBe(DEFAULT_SIMILARITY_PARAMS.placeThreshold);
  });

  it('gives homophone spellings one sound key', () => {
    expect(soundKey('石元')).toBe(soundKey('石芫'));
    expect(soundKey('白露')).toBe(soundKey('白鹭'));
  });
});

describe('category suggestion vote (classify.ts)', () => {
  it('picks the category with the most similarity among the best neighbours, with a confidence', () => {
    const s = vote(
      [
        { categoryId: 7, score: 0.6 },
        { categoryId: 7, score: 0.4 },
        { categoryId: 9, score: 0.5 },
        { categoryId: 9, score: 0.05 },
      ],
      0.15,
    );
    expect(s).toMatchObject({ categoryId: 7, neighbours: 3 });
    expect(s!.confidence).toBeCloseTo(1 / 1.5, 3);
  });

  it('suggests nothing without a neighbour above the minimum score', () => {
    expect(vote([{ categoryId: 7, score: 0.1 }], 0.15)).toBeNull();
    expect(vote([], 0.15)).toBeNull();
  });
});
