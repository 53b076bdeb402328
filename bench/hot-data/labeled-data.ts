/**
 * Deterministic labeled complaint streams for evaluating duplicate / 多头 / hot-issue detection.
 *
 * A *matter* is one concrete problem at one spot of one township (出租车不打表 at 赣县汽车站;
 * 路灯不亮 on 城南路). Three kinds of records:
 * - bursts: 3–30 reports of one matter within hours to days, across channels, each a fresh
 *   paraphrase (frame, synonyms, word order, length, details, channel style, typos);
 * - repeat callers: 2–4 calls by one citizen (same hashed phone) about one matter over up to
 *   two weeks, worded alike ("再次来电…");
 * - background: single reports of other matters, most of them placed in the township, category
 *   and time of a burst (other problems of the same subject: 拒载 / 绕路 next to 不打表), and the
 *   same problem at another spot of the same township — vocabulary shared, matter not.
 *
 * Ground truth is `matterId`; detectors must not read it (nor `burstId`).
 */
import { createHash } from 'node:crypto';
import { COMPANIES, STREETS, VILLAGES } from '../../src/demo/data/texts';
import { TOWNSHIPS } from '../../src/reference/townships';
import { Random } from '../../src/demo/random';
import { LOCAL_ESTATES } from '../../src/hot-issues/text/lexicon';

export interface LabeledComplaint {
  id: string;
  text: string;
  /** Channel code (src/reference/channels.ts). */
  channel: string;
  /** Township 12-digit code. */
  regionCode: string;
  /** Third-level category code (src/demo/data/categories.ts). */
  categoryCode: string;
  receivedAt: Date;
  /** Hashed caller phone; absent for anonymous web messages. */
  citizenKey?: string;
  /** Ground truth: records about the same matter share it. */
  matterId: string;
  /** Set on records generated as part of a burst. */
  burstId?: string;
}

export interface LabeledDataOptions {
  seed: number;
  /** Approximate number of records. */
  size?: number;
  /** Start of the stream. */
  start?: Date;
  /** Length of the stream in days. */
  days?: number;
  /** Share of records in bursts / repeat calls (the rest is background). */
  burstShare?: number;
  repeatShare?: number;
  /** Probability that a record gets 1–2 typos. */
  typoRate?: number;
}

/** How a matter is talked about. */
interface MatterKind {
  key: string;
  categoryCode: string;
  /** Groups of synonyms of the thing complained about ({S}); a matter has one group. */
  subjects: string[][];
  /** Groups of synonyms of the problem ({P}); a matter has one group. */
  problems: string[][];
  /** Spot templates: literal place types, or {village} {street} {estate} {company} {short} (township short name). */
  spots: string[];
  /** Sentence frames with {L} (location) {S} {P}. */
  frames: string[];
  /** Extra details; {plate} {amount} {n} {company} {L} filled per matter. */
  details: string[];
  /** Share of matters of this kind in the county seat (梅林镇); default 0.3. */
  urban?: number;
  /** Range of {amount} in yuan; default 300–9000. */
  amount?: readonly [number, number];
}

const TAXI = ['出租车', '的士', '出租汽车', '出租车司机', '的哥', '出租车师傅'];

const KINDS: MatterKind[] = [
  {
    key: 'taxi-meter',
    categoryCode: '110101',
    urban: 0.6,
    amount: [30, 150],
    subjects: [TAXI],
    problems: [['不打表', '拒绝打表', '不按表计价', '不用计价器', '不按计价器收费', '不打计价器', '不按里程计费', '一口价乱要价']],
    spots: ['汽车站', '客运站', '火车站', '人民医院门口'],
    frames: [
      '{L}的{S}{P}，乘客要求打表被拒绝',
      '在{L}坐{S}，司机{P}，随口开价',
      '{S}在{L}拉客时{P}，多收车费',
      '{L}一带{S}普遍{P}，乘客意见很大',
      '{L}排队等客的{S}{P}，几公里路收费远高于正常价格',
      '从{L}打车，{S}{P}，开口就要{amount}元',
      '{S}{P}的现象在{L}非常突出',
      '{L}门口的{S}一律{P}，不坐就走人',
    ],
    details: [
      '车牌号为赣B{plate}',
      '司机说从{L}出发都是这个价',
      '外地乘客更容易被宰',
      '晚上十点以后更严重',
      '司机态度蛮横',
      '正常打表只要十几元',
      '已保留付款截图',
      '乘客要发票司机也不给',
    ],
  },
  {
    key: 'taxi-refuse',
    categoryCode: '110101',
    urban: 0.6,
    subjects: [TAXI],
    problems: [
      ['拒载', '拒绝载客', '拒拉乘客', '不肯载客'],
      ['嫌路近不拉', '嫌路程太近拒载', '短途不拉'],
    ],
    spots: ['汽车站', '客运站', '火车站', '人民医院门口'],
    frames: [
      '{L}的{S}{P}，乘客说出目的地后司机直接开走',
      '在{L}等车半小时，好几辆{S}都{P}',
      '{S}在{L}{P}，带行李的老人也不拉',
      '{L}{S}{P}现象严重',
      '晚上在{L}打车，{S}{P}',
      '{L}候客的{S}{P}，只愿意拼车去市区',
    ],
    details: ['下雨天尤其严重', '带小孩的乘客也被拒载', '车牌号为赣B{plate}', '司机称要交班', '空车亮着灯却不停', '乘客只能走路回家'],
  },
  {
    key: 'taxi-detour',
    categoryCode: '110101',
    urban: 0.6,
    amount: [30, 120],
    subjects: [TAXI],
    problems: [['故意绕路', '绕远路', '绕道多收钱', '不走近路', '专挑远路走']],
    spots: ['汽车站', '客运站', '火车站', '人民医院门口'],
    frames: [
      '乘坐{S}从{L}出发，司机{P}，车费比平时多了一倍',
      '{L}的{S}{P}，欺负外地人不认路',
      '在{L}上了一辆{S}，司机{P}多收了{amount}元',
      '{S}从{L}出发{P}，乘客提出异议司机还骂人',
    ],
    details: ['车牌号为赣B{plate}', '手机导航显示只有三公里', '司机态度恶劣', '平时十几元的车费收了{amount}元', '已记下司机工号'],
  },
  {
    key: 'black-car',
    categoryCode: '110104',
    urban: 0.4,
    subjects: [
      ['黑车', '无证车辆', '非法营运车辆', '无牌黑车'],
      ['黑摩的', '摩的', '载客摩托车'],
    ],
    problems: [['非法营运', '非法载客', '拉客揽客', '强行拉客', '抢客源']],
    spots: ['汽车站', '客运站', '火车站', '集镇路口'],
    frames: ['{L}门口大量{S}{P}', '{S}长期在{L}{P}，扰乱客运秩序', '{L}有{S}{P}，乘客安全没有保障', '每天都有{S}在{L}{P}，正规班车没人坐'],
    details: ['车况很差超员严重', '司机围堵旅客拉生意', '出了事故无法理赔', '多达十几辆车', '有一辆白色面包车最嚣张'],
  },
  {
    key: 'rural-bus',
    categoryCode: '110103',
    urban: 0,
    subjects: [['农村客运班车', '乡村班车', '客运班线', '城乡公交', '班车']],
    problems: [
      ['停运', '停开', '不开了', '说停就停'],
      ['班次减少', '一天只有一班', '班次太少'],
    ],
    spots: ['{village}'],
    frames: ['{L}到县城的{S}{P}，村民出行困难', '{S}{P}，{L}的老人学生进城很不方便', '通往{L}的{S}{P}', '{L}的{S}最近{P}'],
    details: ['学生周末回家没有车坐', '只能坐摩的进城', '村民到县城看病很难', '以前一天有四班车'],
  },
  {
    key: 'square-dance',
    categoryCode: '050302',
    urban: 0.5,
    subjects: [['广场舞', '广场舞音响', '跳舞的音响', '广场舞队伍的音箱', '跳广场舞的']],
    problems: [['音量太大', '噪音扰民', '吵得睡不着', '声音震耳', '声音太大']],
    spots: ['文化广场', '滨江公园', '城市广场', '{village}文化广场'],
    frames: ['{L}的{S}{P}，周边居民无法休息', '每天晚上{L}{S}{P}', '{S}在{L}{P}，一直跳到晚上十点多', '{L}{S}{P}，小孩无法写作业', '{L}跳{S}{P}，劝说也不听'],
    details: ['家里有高考学生', '老人有心脏病受不了', '从晚上七点开始', '音响对着居民楼', '多次劝说无效'],
  },
  {
    key: 'shop-speaker',
    categoryCode: '050302',
    urban: 0.7,
    subjects: [
      ['喇叭', '大喇叭', '促销喇叭', '店门口的喇叭'],
      ['音箱', '音响', '店铺音箱', '门口的音响'],
    ],
    problems: [
      ['循环播放广告', '反复播放广告', '整天播放促销广告'],
      ['大声叫卖', '叫卖声很大', '叫卖从早响到晚'],
    ],
    spots: ['{street}', '步行街', '老街', '商业广场'],
    frames: ['{L}的商铺{S}{P}', '{L}多家店铺的{S}{P}，路过的人都受不了', '商家{S}在{L}{P}，楼上住户不堪其扰', '{L}的店铺用{S}{P}，噪音扰民'],
    details: ['音量非常大', '一早就开始放', '周末更吵', '内容都是清仓甩卖'],
  },
  {
    key: 'night-construction',
    categoryCode: '050301',
    urban: 0.7,
    subjects: [
      ['工地', '施工单位', '在建项目', '建筑工地'],
      ['打桩机', '打桩的机器'],
    ],
    problems: [['夜间施工', '半夜施工', '深夜作业', '凌晨还在施工', '晚上施工到两三点']],
    spots: ['{street}', '{street}在建楼盘', '{company}项目'],
    frames: ['{L}的{S}{P}，噪音很大', '{L}{S}{P}，周边居民无法入睡', '{S}在{L}{P}，严重扰民', '每天晚上{L}{S}{P}', '{L}附近{S}{P}，不知道有没有办夜间施工许可'],
    details: ['搅拌车进出声音很大', '工地灯光直射居民家', '孩子第二天要考试', '已持续半个月', '打桩声音震得窗户响'],
  },
  {
    key: 'restaurant-fumes',
    categoryCode: '050102',
    urban: 0.7,
    subjects: [
      ['烧烤店', '烧烤摊', '夜宵烧烤店'],
      ['餐馆', '饭店', '小饭馆', '餐饮店'],
    ],
    problems: [['油烟直排', '油烟很大', '没有安装油烟净化器', '油烟扰民', '油烟熏进居民家']],
    spots: ['{street}', '{estate}楼下', '老街'],
    frames: ['{L}的{S}{P}', '{L}{S}{P}，居民不敢开窗', '{S}在{L}{P}，衣服晾在外面都是油烟味', '{L}一家{S}{P}，排烟管正对居民楼'],
    details: ['营业到凌晨两三点', '烟熏得墙面发黑', '还占道摆桌', '夏天根本不敢开窗'],
  },
  {
    key: 'pig-farm',
    categoryCode: '050202',
    urban: 0,
    subjects: [['养猪场', '猪场', '生猪养殖场', '养猪户']],
    problems: [
      ['臭气熏天', '气味难闻', '臭味很大'],
      ['粪水直排', '污水乱排', '粪污排进河里', '粪水流进小河'],
    ],
    spots: ['{village}'],
    frames: ['{L}的{S}{P}', '{L}有一家{S}{P}，村民苦不堪言', '{S}在{L}{P}，附近河水都变黑了', '{L}附近{S}{P}，蚊蝇成群'],
    details: ['养了几百头猪', '离居民房屋不到一百米', '下游村民用水受影响', '夏天更严重'],
  },
  {
    key: 'open-burning',
    categoryCode: '050103',
    urban: 0,
    subjects: [
      ['秸秆', '稻草', '稻秆'],
      ['废旧电线', '电线皮', '废电缆'],
      ['垃圾', '生活垃圾'],
    ],
    problems: [['露天焚烧', '焚烧', '点火焚烧']],
    spots: ['{village}'],
    frames: ['{L}有人{P}{S}，浓烟滚滚', '{L}田里{P}{S}，呛得人睡不着', '{L}附近{P}{S}，浓烟飘进村里', '有人在{L}{P}{S}'],
    details: ['晚上偷偷烧', '附近就是高速公路', '已经烧了好几天', '黑烟很呛人'],
  },
  {
    key: 'garbage',
    categoryCode: '090301',
    subjects: [
      ['垃圾', '生活垃圾', '垃圾桶里的垃圾'],
      ['垃圾池', '垃圾房'],
    ],
    problems: [['没人清运', '长时间不清运', '好几天没人收', '堆积没人清理']],
    spots: ['{village}', '{estate}', '农贸市场'],
    frames: ['{L}的{S}{P}', '{L}{S}{P}，苍蝇蚊子很多', '{S}在{L}{P}，气味难闻', '{L}附近{S}{P}，已经堆成小山'],
    details: ['天气热味道很大', '野狗翻得到处都是', '保洁员说车坏了', '小孩上学要从旁边经过'],
  },
  {
    key: 'street-lamp',
    categoryCode: '090401',
    urban: 0.6,
    subjects: [['路灯', '街灯', '路边的灯', '一排路灯']],
    problems: [['不亮', '坏了', '全部熄灭', '晚上不亮']],
    spots: ['{street}', '{village}村道'],
    frames: ['{L}的{S}{P}', '{L}{S}{P}，晚上出行不安全', '{S}在{L}{P}已经一个多月', '{L}一段{S}{P}，晚上一片漆黑'],
    details: ['大概有十几盏', '晚上散步的人很多', '已经有人摔倒', '路边还有水沟'],
  },
  {
    key: 'manhole',
    categoryCode: '090402',
    urban: 0.8,
    subjects: [['井盖', '窨井盖', '下水道井盖', '雨水井盖']],
    problems: [
      ['缺失', '丢失', '被盗', '不见了'],
      ['破损', '碎了', '塌了一半'],
    ],
    spots: ['{street}', '{street}人行道'],
    frames: ['{L}的{S}{P}', '{L}{S}{P}，行人容易掉下去', '{S}在{L}{P}，只用树枝挡着', '{L}有个{S}{P}，存在安全隐患'],
    details: ['晚上看不清', '附近是学校', '已经有电动车摔倒', '井深大约两米'],
  },
  {
    key: 'village-road',
    categoryCode: '160301',
    urban: 0,
    subjects: [['村道', '通村公路', '水泥路', '村组道路']],
    problems: [
      ['坑洼不平', '破损严重', '到处是坑'],
      ['塌陷', '路基塌方', '塌了一大块'],
    ],
    spots: ['{village}'],
    frames: ['{L}的{S}{P}', '{L}{S}{P}，下雨天没法走', '通往{L}的{S}{P}，车辆无法通行', '{S}在{L}一段{P}'],
    details: ['重车经常通行', '修好才两年', '学生上学要走这条路', '有一段路基被水冲空'],
  },
  {
    key: 'water-outage',
    categoryCode: '040101',
    urban: 0,
    subjects: [['自来水', '家里自来水', '村里自来水']],
    problems: [['停水', '没水', '断水', '不出水', '一直停水']],
    spots: ['{village}'],
    frames: ['{L}{S}{P}', '{L}{S}{P}，村民只能去挑井水', '{S}{P}，{L}几十户受影响', '{L}的{S}{P}，也没有通知'],
    details: ['已经三天了', '老人小孩多', '供水站电话打不通', '做饭都成问题'],
  },
  {
    key: 'power-outage',
    categoryCode: '070201',
    urban: 0,
    subjects: [['村里', '家里', '村民家里']],
    problems: [['频繁停电', '经常停电', '老是停电', '三天两头停电']],
    spots: ['{village}'],
    frames: ['{L}{P}', '{L}{S}{P}，冰箱里的东西都坏了', '{L}最近{P}，一天停好几次', '{S}{P}，{L}村民意见很大'],
    details: ['没有提前通知', '天气很热老人受不了', '电器被烧坏', '供电所说线路老化'],
  },
  {
    key: 'unpaid-wages',
    categoryCode: '010101',
    urban: 0.3,
    amount: [2000, 90000],
    subjects: [['工资', '工钱', '血汗钱', '劳务费']],
    problems: [['拖欠', '一直不发', '不给', '欠着不还', '拖着不结']],
    spots: ['{company}工地', '{company}项目部', '{company}'],
    frames: ['{L}{P}农民工{S}', '在{L}干活，老板{P}{S}', '{L}{P}{count}名工人的{S}', '{L}包工头{P}{S}，共计{amount}元'],
    details: ['已经拖了{months}个月', '涉及{count}名工人', '老板电话不接', '快过年了急需用钱', '包工头说总包没拨款'],
  },
  {
    key: 'expired-food',
    categoryCode: '100101',
    urban: 0.5,
    subjects: [
      ['熟食', '卤菜', '熟食卤味'],
      ['面包', '糕点'],
      ['牛奶', '酸奶', '奶制品'],
    ],
    problems: [
      ['过期', '已过保质期', '超过保质期'],
      ['变质', '发霉', '长毛发霉'],
    ],
    spots: ['{shop}', '农贸市场', '超市'],
    frames: ['在{L}买的{S}{P}', '{L}销售{P}{S}', '{L}卖的{S}{P}，商家拒绝退换', '{S}{P}，是在{L}买的'],
    details: ['孩子吃了拉肚子', '保留了购物小票', '店员态度很差', '货架上还有好多'],
  },
  {
    key: 'elevator',
    categoryCode: '100401',
    urban: 0.9,
    subjects: [['电梯', '小区电梯', '单元电梯', '楼里的电梯']],
    problems: [
      ['经常故障', '频繁坏', '三天两头坏', '经常停运'],
      ['困人', '把人困在里面'],
    ],
    spots: ['{estate}'],
    frames: ['{L}的{S}{P}', '{L}{S}{P}，老人上下楼很困难', '{S}{P}，{L}物业不管', '{L}{S}{P}，存在安全隐患'],
    details: ['上周还困了人', '维保单位很久没来', '住户有{count}户', '电梯合格证过期'],
  },
  {
    key: 'fire-lane',
    categoryCode: '020301',
    urban: 0.8,
    subjects: [['消防通道', '生命通道', '消防车通道']],
    problems: [
      ['被占用', '被堵塞', '停满车辆', '被车堵死'],
      ['堆放杂物', '堆满杂物'],
    ],
    spots: ['{estate}', '农贸市场', '商业广场'],
    frames: ['{L}的{S}{P}', '{L}{S}{P}，发生火灾消防车进不来', '{S}在{L}长期{P}'],
    details: ['物业劝导无效', '晚上更严重', '有人还在通道上搭棚'],
  },
  {
    key: 'illegal-parking',
    categoryCode: '150201',
    urban: 0.8,
    subjects: [
      ['车辆', '私家车', '小车'],
      ['货车', '大货车', '重型货车'],
    ],
    problems: [['乱停乱放', '占道停车', '违停', '随意停放']],
    spots: ['{street}', '中心小学门口', '农贸市场门口'],
    frames: ['{L}{S}{P}', '{L}{S}{P}，造成交通拥堵', '{S}在{L}{P}，行人只能走机动车道', '{L}的{S}长期{P}'],
    details: ['早晚高峰尤其严重', '交警很少来', '救护车都过不去'],
  },
  {
    key: 'property-service',
    categoryCode: '080101',
    urban: 0.9,
    subjects: [['物业', '物业公司', '小区物业']],
    problems: [
      ['不作为', '服务差', '收费不干活', '什么都不管'],
      ['不打扫卫生', '卫生没人搞'],
    ],
    spots: ['{estate}'],
    frames: ['{L}的{S}{P}', '{L}{S}{P}，业主意见很大', '{S}{P}，{L}楼道很脏'],
    details: ['物业费照收', '门禁坏了没人修', '绿化没人管'],
  },
  {
    key: 'school-fees',
    categoryCode: '120102',
    urban: 0.4,
    amount: [20, 400],
    subjects: [['学校', '校方', '学校老师']],
    problems: [
      ['收取资料费', '乱收资料费', '强制收资料费'],
      ['收补课费', '强制收补课费', '变相收补课费'],
    ],
    spots: ['{village}小学', '{short}中学', '{village}幼儿园', '{short}中心小学'],
    frames: ['{L}{S}{P}', '{L}的{S}{P}，每人收{amount}元', '{S}在{L}{P}，家长不敢声张', '孩子在{L}读书，{S}{P}'],
    details: ['不开收据', '说是自愿其实强制', '班主任在群里通知'],
  },
  {
    key: 'street-vendors',
    categoryCode: '090101',
    urban: 0.7,
    subjects: [
      ['摊贩', '流动摊点', '小商贩', '流动摊贩'],
      ['水果摊', '卖水果的摊子'],
    ],
    problems: [['占道经营', '占用人行道', '摆摊堵路', '占道摆摊']],
    spots: ['{street}', '中心小学门口', '农贸市场门口'],
    frames: ['{L}{S}{P}', '{L}的{S}{P}，行人无法通行', '{S}在{L}{P}，城管来了就走'],
    details: ['早上最严重', '地上很脏', '车辆通行困难'],
  },
];

const HOTLINE_OPENERS = ['来电人反映，', '市民来电反映：', '来电人称，', '来电者反映，', '来电人来电反映，', ''];
const WEB_OPENERS = ['您好，', '尊敬的领导：您好！', '网友留言：', '我是{town}的居民，', '我想反映一个问题，', ''];
const XF_OPENERS = ['信访人反映，', '来信人反映：'];
const TIME_PHRASES = ['', '', '最近', '近几天', '这几天', '今天上午', '昨天晚上', '近一周以来', '一段时间以来'];
const ASKS = [
  '诉求：请相关部门尽快处理。',
  '希望有关部门管一管。',
  '请求尽快核实查处。',
  '要求相关部门给个说法。',
  '请相关部门核实处理。',
  '希望尽快解决。',
  '',
  '请尽快派人查看。',
  '望政府重视。',
];
const REPEAT_MARKERS = ['来电人此前已反映过该问题，至今仍未解决，', '再次来电反映，', '第二次反映，', '之前反映过，没人处理，', '又来电催办，'];
const DURATIONS = ['已经一个多月了', '好几天了', '持续半个月', '快一周了', '很久了'];

/** Homophone / look-alike typos seen in hotline records. */
const TYPOS: ReadonlyArray<readonly [string, string]> = [
  ['表', '彪'],
  ['载', '栽'],
  ['噪', '燥'],
  ['垃圾', '拉圾'],
  ['坏', '怀'],
  ['灯', '登'],
  ['停', '亭'],
  ['资', '咨'],
  ['欠', '歉'],
  ['路', '露'],
  ['臭', '丑'],
  ['烟', '焰'],
  ['梯', '题'],
  ['施', '师'],
  ['营', '赢'],
  ['费', '废'],
  ['车', '东'],
  ['井', '进'],
  ['水', '谁'],
  ['电', '店'],
  ['扰', '饶'],
  ['发', '法'],
];

function channelsFor(category: string): readonly (readonly [string, number])[] {
  if (category.startsWith('11'))
    return [
      ['12345', 5],
      ['12328', 3],
      ['board', 1],
      ['wzgz', 1],
    ];
  if (category.startsWith('10'))
    return [
      ['12345', 5],
      ['12315', 3.5],
      ['wzgz', 1],
      ['board', 0.5],
    ];
  if (category.startsWith('01'))
    return [
      ['12345', 6],
      ['12333', 2],
      ['xf', 1],
      ['board', 1],
    ];
  return [
    ['12345', 7],
    ['board', 1],
    ['wzgz', 1],
    ['wzjx', 0.5],
    ['xf', 0.5],
  ];
}

const DAY = 86_400_000;
const SEAT = TOWNSHIPS[0]; // 梅林镇, the county seat (城区)

interface Matter {
  id: string;
  kind: MatterKind;
  township: { code: string; name: string };
  spot: string;
  /** The synonym groups this matter is described with. */
  subjects: string[];
  problems: string[];
  /** Detail clauses known about this matter (reporters mention some of them). */
  details: string[];
  vars: Record<string, string>;
  /** Times of the first and last report. */
  first: number;
  last: number;
  burstId?: string;
}

/**
 * Two matters of one kind at one spot are at least this far apart (last report of one to first
 * of the other): more than any detection window, so "same spot, same problem, same week" is
 * always one matter.
 */
const SAME_SPOT_GAP = 14 * DAY;
/** Names that identify a spot (the places a generated matter can be at). */
const SPOT_NAMES: readonly string[] = [...Object.values(VILLAGES).flat(), ...STREETS, ...LOCAL_ESTATES, ...COMPANIES, '赣县汽车站', '赣县客运站', '赣县火车站'];

class Builder {
  private readonly r: Random;
  private readonly out: LabeledComplaint[] = [];
  private matterSeq = 0;
  /** kind|spot → matters there (spotKey), to keep one matter per spot and period. */
  private readonly matters = new Map<string, Matter[]>();

  constructor(readonly opts: Required<LabeledDataOptions>) {
    this.r = new Random(opts.seed);
  }

  private pick<T>(xs: readonly T[]): T {
    return this.r.pick(xs);
  }

  private shuffle<T>(xs: T[]): T[] {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = this.r.int(0, i);
      [xs[i], xs[j]] = [xs[j], xs[i]];
    }
    return xs;
  }

  private township(kind: MatterKind): { code: string; name: string } {
    if (this.r.chance(kind.urban ?? 0.3)) return SEAT;
    return this.pick(TOWNSHIPS.slice(1));
  }

  private resolveSpot(kind: MatterKind, town: { code: string; name: string }): string {
    const short = town.name.replace(/[镇乡]$/, '');
    let spot = this.pick(kind.spots);
    if (spot.includes('{estate}') && town !== SEAT) spot = spot.replace('{estate}', '{village}');
    if (spot.includes('{street}') && town !== SEAT) spot = spot.replace('{street}', '{village}');
    spot = spot
      .replace('{village}', this.pick(VILLAGES[town.code] ?? ['集镇']))
      .replace('{street}', this.pick(STREETS))
      .replace('{estate}', this.pick(LOCAL_ESTATES))
      .replace('{company}', this.pick(COMPANIES))
      .replace('{shop}', this.pick(COMPANIES.filter((c) => /超市|商贸|食品|大药房/.test(c))))
      .replace('{short}', short);
    if (town === SEAT && /^(汽车站|客运站|火车站)$/.test(spot)) spot = `赣县${spot}`;
    return spot;
  }

  /**
   * A spot is identified by the named place in it (village, road, estate, company, landmark:
   * 城南路 and 城南路人行道 are one spot; company names are unique in the county), else by
   * township and place type.
   */
  private spotKey(kind: MatterKind, town: { code: string }, spot: string): string {
    let name = '';
    for (const w of SPOT_NAMES) if (w.length > name.length && spot.includes(w)) name = w;
    return name ? `${kind.key}|${name}` : `${kind.key}|${town.code}|${spot}`;
  }

  /** Whether a matter of this key has a report within SAME_SPOT_GAP of [from, to]. */
  private taken(key: string, from: number, to: number): boolean {
    return (this.matters.get(key) ?? []).some((m) => from - SAME_SPOT_GAP < m.last && to + SAME_SPOT_GAP > m.first);
  }

  /**
   * A new matter of `kind` whose reports will fall in [from, to], at a spot where no other
   * matter of this kind has reports within SAME_SPOT_GAP (so ground truth never splits one
   * problem at one spot and period into two matters); undefined if no free spot was found.
   */
  matter(kind: MatterKind, from: number, to: number, town?: { code: string; name: string }, burst = false): Matter | undefined {
    let t = town ?? this.township(kind);
    let spot = this.resolveSpot(kind, t);
    for (let tries = 0; this.taken(this.spotKey(kind, t, spot), from, to); tries++) {
      if (tries >= 12) return undefined;
      if (!town && tries >= 4) t = this.township(kind);
      spot = this.resolveSpot(kind, t);
    }
    const id = `M${String(++this.matterSeq).padStart(5, '0')}`;
    const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
    const vars: Record<string, string> = {
      plate: `${this.pick([...letters])}${this.r.int(1000, 9999)}`,
      amount: String(this.r.int((kind.amount?.[0] ?? 300) / 10, (kind.amount?.[1] ?? 9000) / 10) * 10),
      count: String(this.r.int(5, 40)),
      months: String(this.r.int(2, 8)),
      company: this.pick(COMPANIES),
    };
    const details = this.shuffle([...kind.details]).slice(0, 3 + this.r.int(0, 2));
    const m: Matter = {
      id,
      kind,
      township: t,
      spot,
      subjects: this.pick(kind.subjects),
      problems: this.pick(kind.problems),
      details,
      vars,
      first: from,
      last: to,
      burstId: burst ? `B${id.slice(1)}` : undefined,
    };
    const key = this.spotKey(kind, t, spot);
    this.matters.set(key, [...(this.matters.get(key) ?? []), m]);
    return m;
  }

  private location(m: Matter): string {
    const town = m.township.name;
    const shortTown = town.replace(/[镇乡]$/, '');
    const spotNamesTown = m.spot.startsWith(shortTown) || m.spot.startsWith('赣县');
    return this.r.weighted<string>([
      [spotNamesTown ? m.spot : `${town}${m.spot}`, 5],
      [m.spot, 3],
      [spotNamesTown ? m.spot : `${shortTown}${m.spot}`, 1],
    ]);
  }

  private fill(template: string, m: Matter, loc: string): string {
    return template
      .replaceAll('{L}', loc)
      .replaceAll('{S}', this.pick(m.subjects))
      .replaceAll('{P}', this.pick(m.problems))
      .replaceAll('{town}', m.township.name)
      .replace(/\{(plate|amount|count|months|company)\}/g, (_x, k: string) => m.vars[k]);
  }

  /**
   * One typo: a homophone substitution or a dropped / doubled character — never inside the
   * matter's place names (operators read addresses back to the caller; content words they don't).
   */
  private typo(text: string, protectedNames: readonly string[]): string {
    const locked = new Uint8Array(text.length);
    for (const name of protectedNames) {
      for (let at = text.indexOf(name); name && at >= 0; at = text.indexOf(name, at + 1)) locked.fill(1, at, at + name.length);
    }
    const free = (from: number, len: number) => !locked.subarray(from, from + len).some((x) => x === 1);
    const spots: [number, string, string][] = [];
    for (const [a, b] of TYPOS) for (let at = text.indexOf(a); at >= 0; at = text.indexOf(a, at + 1)) if (free(at, a.length)) spots.push([at, a, b]);
    if (spots.length > 0 && this.r.chance(0.7)) {
      const [at, a, b] = this.pick(spots);
      return text.slice(0, at) + b + text.slice(at + a.length);
    }
    const positions = [...text].map((_c, i) => i).filter((i) => locked[i] === 0);
    if (positions.length === 0) return text;
    const i = this.pick(positions);
    return this.r.chance(0.5) ? text.slice(0, i) + text.slice(i + 1) : text.slice(0, i) + text[i] + text.slice(i);
  }

  /** One report of a matter: a fresh paraphrase in the channel's style. */
  text(m: Matter, channel: string, repeatOf?: { frame: string }): { text: string; frame: string } {
    const kind = m.kind;
    const loc = this.location(m);
    const frame = repeatOf && this.r.chance(0.6) ? repeatOf.frame : this.pick(kind.frames);
    const length = this.r.weighted<'short' | 'medium' | 'long'>([
      ['short', 0.15],
      ['medium', 0.55],
      ['long', 0.3],
    ]);
    const web = channel === 'board' || channel.startsWith('wz');
    let opener = channel === 'xf' ? this.pick(XF_OPENERS) : web ? this.pick(WEB_OPENERS) : this.pick(HOTLINE_OPENERS);
    opener = opener.replace('{town}', m.township.name);
    let body: string;
    if (length === 'short') {
      body = this.fill(this.pick(['{L}{S}{P}', '{L}的{S}{P}，请查处', '{S}在{L}{P}', '反映{L}{S}{P}问题']), m, loc);
      const ask = this.r.chance(0.4) ? this.pick(ASKS) : '';
      body += ask ? `，${ask}` : '。';
    } else {
      const parts = [this.pick(TIME_PHRASES) + this.fill(frame, m, loc)];
      const nDetails = length === 'long' ? this.r.int(2, 3) : this.r.int(0, 1);
      const pool = [...m.details];
      for (let i = 0; i < nDetails && pool.length > 0; i++) parts.push(this.fill(pool.splice(this.r.int(0, pool.length - 1), 1)[0], m, loc));
      if (length === 'long' && this.r.chance(0.4)) parts.push(this.pick(DURATIONS));
      if (length === 'long' && this.r.chance(0.3)) parts.push(this.fill(this.pick(kind.frames), m, loc));
      body = `${opener}${parts.join('，')}。${this.pick(ASKS)}`;
    }
    if (repeatOf) body = this.pick(REPEAT_MARKERS) + body;
    if (this.r.chance(this.opts.typoRate)) {
      const names = [m.spot, m.township.name, m.township.name.replace(/[镇乡]$/, '')];
      body = this.typo(body, names);
      if (this.r.chance(0.3)) body = this.typo(body, names);
    }
    return { text: body, frame };
  }

  citizen(): string {
    const phone = `1${this.pick(['3', '5', '7', '8', '9'])}${String(this.r.int(0, 999999999)).padStart(9, '0')}`;
    return createHash('sha256').update(`minyi-labeled:${phone}`).digest('hex').slice(0, 24);
  }

  emit(m: Matter, at: number, channel: string, text: string, citizenKey?: string): void {
    m.first = Math.min(m.first, at);
    m.last = Math.max(m.last, at);
    this.out.push({
      id: '',
      text,
      channel,
      regionCode: m.township.code,
      categoryCode: m.kind.categoryCode,
      receivedAt: new Date(Math.round(at / 1000) * 1000),
      citizenKey,
      matterId: m.id,
      burstId: m.burstId,
    });
  }

  channel(kind: MatterKind): string {
    return this.r.weighted(channelsFor(kind.categoryCode));
  }

  citizenFor(channel: string): string | undefined {
    return channel === 'board' || channel.startsWith('wz') ? (this.r.chance(0.5) ? this.citizen() : undefined) : this.citizen();
  }

  matterInfo(): Map<string, MatterInfo> {
    const out = new Map<string, MatterInfo>();
    for (const list of this.matters.values()) {
      for (const m of list) {
        out.set(m.id, { id: m.id, kind: m.kind.key, categoryCode: m.kind.categoryCode, regionCode: m.township.code, spot: m.spot, burstId: m.burstId });
      }
    }
    return out;
  }

  build(): LabeledComplaint[] {
    const { size, days, burstShare, repeatShare } = this.opts;
    const t0 = this.opts.start.getTime();
    const span = days * DAY;
    const bursts: Matter[] = [];

    // Bursts.
    let burstRecords = 0;
    while (burstRecords < size * burstShare) {
      const kind = this.pick(KINDS);
      const start = t0 + this.r.next() * (span - 5 * DAY);
      const n = Math.min(30, 3 + Math.floor(-Math.log(1 - this.r.next()) * 7));
      const duration =
        this.r.weighted([
          [0.25, 1],
          [1, 2],
          [2.5, 2],
          [5, 1],
        ] as const) * DAY;
      const times = Array.from({ length: n }, () => start + this.r.next() ** 1.6 * duration);
      const m = this.matter(kind, Math.min(...times), Math.max(...times), undefined, true);
      if (!m) continue;
      bursts.push(m);
      for (const at of times) {
        const channel = this.channel(kind);
        this.emit(m, at, channel, this.text(m, channel).text, this.citizenFor(channel));
      }
      burstRecords += n;
    }

    // Repeat callers.
    let repeatRecords = 0;
    while (repeatRecords < size * repeatShare) {
      const kind = this.pick(KINDS);
      const times = [t0 + this.r.next() * (span - 16 * DAY)];
      const calls = this.r.int(2, 4);
      for (let i = 1; i < calls; i++) times.push(times[i - 1] + (0.3 + this.r.next() * 5) * DAY);
      const m = this.matter(kind, times[0], times[calls - 1]);
      if (!m) continue;
      const citizen = this.citizen();
      const channel = '12345';
      const first = this.text(m, channel);
      this.emit(m, times[0], channel, first.text, citizen);
      for (let i = 1; i < calls; i++) {
        const ch = this.r.chance(0.8) ? channel : this.channel(kind);
        this.emit(m, times[i], ch, this.text(m, ch, first).text, citizen);
      }
      repeatRecords += calls;
    }

    // Background: other matters sharing township, category and time with bursts, plus noise.
    while (this.out.length < size) {
      let kind: MatterKind;
      let town: { code: string; name: string } | undefined;
      let at: number;
      if (bursts.length > 0 && this.r.chance(0.6)) {
        const b = this.pick(bursts);
        const sameCategory = KINDS.filter((k) => k.categoryCode === b.kind.categoryCode && k !== b.kind);
        const sameTop = KINDS.filter((k) => k.categoryCode.slice(0, 2) === b.kind.categoryCode.slice(0, 2) && k !== b.kind);
        // Another problem of the same subject, or the same problem at another spot of the township.
        const roll = this.r.next();
        kind =
          roll < 0.5 && sameCategory.length > 0 ? this.pick(sameCategory) : roll < 0.7 ? b.kind : sameTop.length > 0 ? this.pick(sameTop) : this.pick(KINDS);
        town = b.township;
        at = b.first + (this.r.next() * 20 - 10) * DAY;
      } else {
        kind = this.pick(KINDS);
        at = t0 + this.r.next() * span;
      }
      if (at < t0 || at > t0 + span) at = t0 + this.r.next() * span;
      const m = this.matter(kind, at, at, town);
      if (!m) continue;
      const channel = this.channel(kind);
      this.emit(m, at, channel, this.text(m, channel).text, this.citizenFor(channel));
    }

    this.out.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime() || (a.matterId < b.matterId ? -1 : 1));
    this.out.forEach((rec, i) => (rec.id = `L${String(i + 1).padStart(6, '0')}`));
    return this.out;
  }
}

/** Ground-truth description of a matter (for analysing errors; detectors must not read it). */
export interface MatterInfo {
  id: string;
  kind: string;
  categoryCode: string;
  regionCode: string;
  spot: string;
  burstId?: string;
}

function withDefaults(options: LabeledDataOptions): Required<LabeledDataOptions> {
  return {
    size: 3000,
    start: new Date('2025-03-01T00:00:00+08:00'),
    days: 120,
    burstShare: 0.3,
    repeatShare: 0.12,
    typoRate: 0.2,
    ...options,
  };
}

/** A deterministic labeled stream (same options → same records, on any machine), sorted by time. */
export function generateLabeledComplaints(options: LabeledDataOptions): LabeledComplaint[] {
  return new Builder(withDefaults(options)).build();
}

/** The stream and the matters behind it. */
export function generateLabeledStream(options: LabeledDataOptions): { records: LabeledComplaint[]; matters: Map<string, MatterInfo> } {
  const builder = new Builder(withDefaults(options));
  const records = builder.build();
  return { records, matters: builder.matterInfo() };
}

/** The matter kinds (for tests and documentation). */
export const MATTER_KINDS: readonly { key: string; categoryCode: string }[] = KINDS.map((k) => ({ key: k.key, categoryCode: k.categoryCode }));
