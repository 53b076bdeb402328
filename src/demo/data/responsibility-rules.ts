/**
 * 《赣县区民生诉求职责清单》演示版：诉求分类 → 主办 / 协办单位与速办标准。
 *
 * - 规则可挂在任一级分类上，挂在一级、二级分类上的规则覆盖其下级分类；取最具体（编码最长）的规则。
 * - regionCode 不为空的规则仅适用于该乡镇，优先于同一分类的通用规则。
 * - lead / co 取 DEPARTMENTS 中的单位编码，字面量 'TOWNSHIP' 表示事发地乡镇人民政府（属地）。
 * - 时限分类：URGENT 突发事件、不稳定因素类 3 小时内反馈；BASIC_LIVING 水电气热等基本生活保障类
 *   24 小时内反馈；GENERAL 其他事项 5 个自然日内反馈。
 */

export type TimeLimitClass = 'URGENT' | 'BASIC_LIVING' | 'GENERAL';

export interface ResponsibilityRuleSeed {
  /** CATEGORIES 中的编码（任一级） */
  categoryCode: string;
  /** 可选：乡镇区划代码，表示该乡镇的特定规则 */
  regionCode?: string;
  /** 主办单位编码，或 'TOWNSHIP'（事发地乡镇） */
  lead: string;
  /** 协办单位编码，可含 'TOWNSHIP' */
  co: string[];
  timeLimitClass: TimeLimitClass;
  /** 职责依据 */
  note: string;
}

export const RESPONSIBILITY_RULES: ResponsibilityRuleSeed[] = [
  // ===== 01 劳动保障 =====
  { categoryCode: '01', lead: 'RSJ', co: [], timeLimitClass: 'GENERAL', note: '三定方案：人力资源和社会保障综合管理' },
  { categoryCode: '0101', lead: 'RSJ', co: ['TOWNSHIP'], timeLimitClass: 'GENERAL', note: '保障农民工工资支付条例：人社部门牵头，属地配合' },
  {
    categoryCode: '010101',
    lead: 'RSJ_LDJC',
    co: ['TOWNSHIP', 'ZJJ', 'JTYSJ'],
    timeLimitClass: 'GENERAL',
    note: '保障农民工工资支付条例：劳动保障监察查处欠薪，行业主管部门督促在建项目支付',
  },
  { categoryCode: '010102', lead: 'RSJ_LDJC', co: ['TOWNSHIP'], timeLimitClass: 'GENERAL', note: '劳动保障监察条例：查处用人单位拖欠工资' },
  { categoryCode: '010201', lead: 'RSJ_ZCY', co: ['RSJ_LDJC'], timeLimitClass: 'GENERAL', note: '劳动争议调解仲裁法：劳动人事争议仲裁' },
  { categoryCode: '010202', lead: 'RSJ_ZCY', co: ['RSJ_LDJC', 'GH'], timeLimitClass: 'GENERAL', note: '劳动合同法：解除劳动合同及经济补偿争议' },
  { categoryCode: '010203', lead: 'RSJ', co: ['RSJ_SBZX'], timeLimitClass: 'GENERAL', note: '工伤保险条例：工伤认定及待遇支付' },
  { categoryCode: '0103', lead: 'RSJ_JYZX', co: [], timeLimitClass: 'GENERAL', note: '三定方案：就业创业服务、职业技能培训' },
  { categoryCode: '010303', lead: 'RSJ_JYZX', co: ['CZJ'], timeLimitClass: 'GENERAL', note: '创业担保贷款政策：人社审核、财政贴息' },
  { categoryCode: '010401', lead: 'GH', co: ['RSJ'], timeLimitClass: 'GENERAL', note: '工会法：维护职工合法权益、困难职工帮扶' },

  // ===== 02 安全生产 =====
  { categoryCode: '02', lead: 'YJGLJ', co: ['TOWNSHIP'], timeLimitClass: 'URGENT', note: '安全生产法：应急管理部门综合监管，属地负责' },
  { categoryCode: '020101', lead: 'YJGLJ', co: ['TOWNSHIP', 'GXJ'], timeLimitClass: 'URGENT', note: '三定方案：工矿商贸行业安全生产监督管理' },
  { categoryCode: '020102', lead: 'ZJJ_ZJZ', co: ['ZJJ', 'YJGLJ'], timeLimitClass: 'URGENT', note: '建设工程安全生产管理条例：住建部门监管建筑施工安全' },
  { categoryCode: '0202', lead: 'YJGLJ', co: ['GAJ', 'TOWNSHIP'], timeLimitClass: 'URGENT', note: '烟花爆竹安全管理条例、危险化学品安全管理条例' },
  { categoryCode: '0203', lead: 'XFJY', co: ['TOWNSHIP'], timeLimitClass: 'URGENT', note: '消防法：消防救援机构实施消防监督检查' },
  { categoryCode: '020302', lead: 'XFJY', co: ['TOWNSHIP', 'ZJJ_WYGL'], timeLimitClass: 'URGENT', note: '消防法；物业服务企业负责共用部位消防安全管理' },
  { categoryCode: '020401', lead: 'ZRZYJ', co: ['TOWNSHIP', 'YJGLJ'], timeLimitClass: 'URGENT', note: '地质灾害防治条例：自然资源部门负责地质灾害防治' },
  { categoryCode: '020402', lead: 'SLJ', co: ['YJGLJ', 'TOWNSHIP'], timeLimitClass: 'URGENT', note: '防洪法：水利部门负责水旱灾害防御' },

  // ===== 03 矛盾纠纷 =====
  { categoryCode: '03', lead: 'TOWNSHIP', co: ['SFJ', 'ZFW'], timeLimitClass: 'GENERAL', note: '人民调解法：矛盾纠纷属地化解，司法所指导调解' },
  { categoryCode: '030101', lead: 'TOWNSHIP', co: ['SFJ'], timeLimitClass: 'GENERAL', note: '人民调解法：村（居）调委会、乡镇调委会调解邻里纠纷' },
  { categoryCode: '030102', lead: 'TOWNSHIP', co: ['SFJ', 'FL'], timeLimitClass: 'GENERAL', note: '反家庭暴力法：婚姻家庭纠纷属地调处，妇联协助' },
  {
    categoryCode: '030103',
    lead: 'TOWNSHIP',
    co: ['ZRZYJ', 'LYJ', 'SFJ'],
    timeLimitClass: 'GENERAL',
    note: '土地管理法、森林法：土地山林权属争议先由乡镇调处',
  },
  { categoryCode: '0302', lead: 'SFJ', co: ['TOWNSHIP'], timeLimitClass: 'GENERAL', note: '人民调解法、法律援助法：引导通过调解或诉讼解决' },
  { categoryCode: '030202', lead: 'SFJ_FLYZ', co: ['TOWNSHIP', 'ZJJ'], timeLimitClass: 'GENERAL', note: '法律援助法：工程款纠纷法律咨询与援助' },
  {
    categoryCode: '0303',
    lead: 'TOWNSHIP',
    co: ['ZRZYJ', 'ZJJ', 'XFJ'],
    timeLimitClass: 'URGENT',
    note: '国有土地上房屋征收与补偿条例：属地实施，信访部门协调稳控',
  },

  // ===== 04 农村饮水住房安全 =====
  { categoryCode: '04', lead: 'TOWNSHIP', co: ['SLJ', 'ZJJ'], timeLimitClass: 'BASIC_LIVING', note: '农村饮水安全、住房安全属地负责' },
  { categoryCode: '0401', lead: 'SLJ', co: ['TOWNSHIP', 'GS'], timeLimitClass: 'BASIC_LIVING', note: '三定方案：农村饮水安全工程建设管理' },
  {
    categoryCode: '040102',
    lead: 'SLJ',
    co: ['WJW_JKZX', 'TOWNSHIP'],
    timeLimitClass: 'BASIC_LIVING',
    note: '生活饮用水卫生监督管理办法：水质检测由卫健部门配合',
  },
  { categoryCode: '0402', lead: 'ZJJ', co: ['TOWNSHIP'], timeLimitClass: 'GENERAL', note: '三定方案：农村危房改造、农房质量安全' },
  {
    categoryCode: '040202',
    lead: 'TOWNSHIP',
    co: ['NYNCJ', 'ZRZYJ'],
    timeLimitClass: 'GENERAL',
    note: '土地管理法：宅基地审批由乡镇政府负责，农业农村、自然资源部门指导',
  },

  // ===== 05 生态环保 =====
  { categoryCode: '05', lead: 'STHJJ', co: ['TOWNSHIP'], timeLimitClass: 'GENERAL', note: '环境保护法：生态环境部门统一监督管理' },
  { categoryCode: '050101', lead: 'STHJJ_ZFDD', co: ['TOWNSHIP'], timeLimitClass: 'GENERAL', note: '大气污染防治法：工业废气排放执法' },
  {
    categoryCode: '050102',
    lead: 'CGJ_ZFDD',
    co: ['STHJJ', 'SCJGJ'],
    timeLimitClass: 'GENERAL',
    note: '大气污染防治法第一百一十八条：餐饮油烟由城市管理部门查处',
  },
  { categoryCode: '050103', lead: 'TOWNSHIP', co: ['STHJJ', 'CGJ'], timeLimitClass: 'GENERAL', note: '露天焚烧秸秆垃圾属地巡查劝导' },
  {
    categoryCode: '050104',
    lead: 'ZJJ',
    co: ['CGJ_ZFDD', 'STHJJ'],
    timeLimitClass: 'GENERAL',
    note: '大气污染防治法：施工扬尘由住建部门监管，渣土运输由城管查处',
  },
  { categoryCode: '050201', lead: 'STHJJ_ZFDD', co: ['TOWNSHIP'], timeLimitClass: 'URGENT', note: '水污染防治法：工业废水偷排漏排执法' },
  {
    categoryCode: '050202',
    lead: 'NYNCJ',
    co: ['STHJJ', 'TOWNSHIP'],
    timeLimitClass: 'GENERAL',
    note: '畜禽规模养殖污染防治条例：农业农村部门指导、生态环境部门监管',
  },
  { categoryCode: '050203', lead: 'SLJ', co: ['STHJJ', 'TOWNSHIP'], timeLimitClass: 'GENERAL', note: '河长制：河道保洁及水域岸线管理' },
  { categoryCode: '050301', lead: 'CGJ_ZFDD', co: ['ZJJ', 'STHJJ'], timeLimitClass: 'GENERAL', note: '噪声污染防治法：夜间违规施工噪声查处' },
  {
    categoryCode: '050302',
    lead: 'GAJ',
    co: ['CGJ_ZFDD', 'TOWNSHIP'],
    timeLimitClass: 'GENERAL',
    note: '治安管理处罚法、噪声污染防治法：社会生活噪声由公安机关处理',
  },
  {
    categoryCode: '050302',
    regionCode: '360704100000',
    lead: 'GAJ_MLPCS',
    co: ['CGJ_ZFDD'],
    timeLimitClass: 'GENERAL',
    note: '梅林城区社会生活噪声由辖区派出所出警处置',
  },
  { categoryCode: '050303', lead: 'STHJJ_ZFDD', co: ['TOWNSHIP'], timeLimitClass: 'GENERAL', note: '噪声污染防治法：工业噪声由生态环境部门监管' },
  { categoryCode: '050401', lead: 'STHJJ', co: ['CGJ', 'TOWNSHIP'], timeLimitClass: 'GENERAL', note: '固体废物污染环境防治法' },
  { categoryCode: '050501', lead: 'SLJ', co: ['ZRZYJ', 'GAJ', 'TOWNSHIP'], timeLimitClass: 'URGENT', note: '河道采砂管理条例：水利部门查处非法采砂' },
  { categoryCode: '050502', lead: 'ZRZYJ', co: ['TOWNSHIP', 'NYNCJ'], timeLimitClass: 'GENERAL', note: '土地管理法：非法占用耕地查处' },
  { categoryCode: '050503', lead: 'LYJ', co: ['GAJ', 'TOWNSHIP'], timeLimitClass: 'URGENT', note: '森林法：盗伐滥伐林木查处' },

  // ===== 06 营商环境 =====
  { categoryCode: '06', lead: 'FGW', co: [], timeLimitClass: 'GENERAL', note: '优化营商环境条例：发改部门牵头优化营商环境' },
  { categoryCode: '0601', lead: 'XZSPJ', co: [], timeLimitClass: 'GENERAL', note: '三定方案：政务服务管理、相对集中行政许可' },
  { categoryCode: '060201', lead: 'GXJ', co: ['CZJ', 'FGW'], timeLimitClass: 'GENERAL', note: '保障中小企业款项支付条例：工信部门牵头清欠' },
  { categoryCode: '060202', lead: 'FGW', co: ['SCJGJ'], timeLimitClass: 'GENERAL', note: '涉企收费监督检查：发改、市场监管部门查处' },
  { categoryCode: '060203', lead: 'GXJ', co: ['FGW', 'CZJ', 'SWUJ'], timeLimitClass: 'GENERAL', note: '惠企政策兑现：工信部门牵头、财政税务配合' },
  { categoryCode: '0603', lead: 'SWJ', co: ['FGW'], timeLimitClass: 'GENERAL', note: '三定方案：招商引资项目服务' },

  // ===== 07 水电气热 =====
  { categoryCode: '07', lead: 'ZJJ', co: [], timeLimitClass: 'BASIC_LIVING', note: '水电气等基本生活保障类诉求24小时内反馈' },
  { categoryCode: '0701', lead: 'GS', co: ['ZJJ'], timeLimitClass: 'BASIC_LIVING', note: '城市供水条例：供水企业保障连续供水，住建部门监管' },
  { categoryCode: '070102', lead: 'GS', co: ['WJW_WSJD', 'ZJJ'], timeLimitClass: 'BASIC_LIVING', note: '生活饮用水卫生标准：供水企业自检，卫生监督抽检' },
  { categoryCode: '0702', lead: 'GD', co: ['FGW'], timeLimitClass: 'BASIC_LIVING', note: '电力供应与使用条例：供电企业保障供电，发改部门为电力主管' },
  { categoryCode: '070203', lead: 'GD', co: ['FGW', 'TOWNSHIP'], timeLimitClass: 'URGENT', note: '电力设施保护条例：电力设施安全隐患立即处置' },
  { categoryCode: '0703', lead: 'RQ', co: ['ZJJ'], timeLimitClass: 'BASIC_LIVING', note: '城镇燃气管理条例：燃气经营企业保障供气' },
  { categoryCode: '070302', lead: 'ZJJ', co: ['RQ', 'YJGLJ', 'XFJY'], timeLimitClass: 'URGENT', note: '城镇燃气管理条例：燃气主管部门监管燃气安全' },
  { categoryCode: '0704', lead: 'DX', co: ['YD', 'LT', 'GXJ'], timeLimitClass: 'GENERAL', note: '电信条例：基础电信企业负责网络覆盖，工信部门协调' },
  { categoryCode: '070402', lead: 'DX', co: ['YD', 'LT', 'CGJ'], timeLimitClass: 'GENERAL', note: '架空通信线缆整治：运营商整改，城管监督' },

  // ===== 08 住房城乡建设 =====
  { categoryCode: '08', lead: 'ZJJ', co: [], timeLimitClass: 'GENERAL', note: '三定方案：住房和城乡建设管理' },
  { categoryCode: '0801', lead: 'ZJJ_WYGL', co: ['TOWNSHIP'], timeLimitClass: 'GENERAL', note: '物业管理条例：住建部门监管物业服务，乡镇（社区）指导' },
  { categoryCode: '080102', lead: 'ZJJ_WYGL', co: ['SCJGJ'], timeLimitClass: 'GENERAL', note: '物业服务收费管理办法：价格违法由市场监管查处' },
  { categoryCode: '0802', lead: 'ZJJ', co: ['ZJJ_ZJZ'], timeLimitClass: 'GENERAL', note: '建设工程质量管理条例、商品房销售管理办法' },
  { categoryCode: '080301', lead: 'ZRZYJ_BDC', co: ['ZJJ', 'SWUJ'], timeLimitClass: 'GENERAL', note: '不动产登记暂行条例：不动产登记机构办理' },
  { categoryCode: '080302', lead: 'ZJJ', co: ['SCJGJ'], timeLimitClass: 'GENERAL', note: '房地产经纪管理办法' },
  { categoryCode: '080501', lead: 'ZJJ', co: ['TOWNSHIP', 'CGJ'], timeLimitClass: 'GENERAL', note: '城镇老旧小区改造：住建部门牵头，属地实施' },

  // ===== 09 城市管理 =====
  { categoryCode: '09', lead: 'CGJ', co: ['TOWNSHIP'], timeLimitClass: 'GENERAL', note: '三定方案：城市管理和综合执法' },
  { categoryCode: '0901', lead: 'CGJ_ZFDD', co: ['TOWNSHIP'], timeLimitClass: 'GENERAL', note: '城市市容和环境卫生管理条例：占道经营、乱张贴查处' },
  {
    categoryCode: '090101',
    regionCode: '360704101000',
    lead: 'XZ_WANGMUDU_ZFD',
    co: ['CGJ_ZFDD'],
    timeLimitClass: 'GENERAL',
    note: '乡镇综合行政执法赋权：集镇占道经营由镇综合行政执法队查处',
  },
  {
    categoryCode: '090101',
    regionCode: '360704103000',
    lead: 'XZ_JIANGKOU_ZFD',
    co: ['CGJ_ZFDD'],
    timeLimitClass: 'GENERAL',
    note: '乡镇综合行政执法赋权：集镇占道经营由镇综合行政执法队查处',
  },
  {
    categoryCode: '0902',
    lead: 'CGJ_ZFDD',
    co: ['TOWNSHIP', 'ZRZYJ'],
    timeLimitClass: 'GENERAL',
    note: '城乡规划法：城区违法建设由城管执法查处，乡村由属地查处',
  },
  {
    categoryCode: '090201',
    regionCode: '360704106000',
    lead: 'XZ_MAODIAN_ZFD',
    co: ['ZRZYJ', 'CGJ_ZFDD'],
    timeLimitClass: 'GENERAL',
    note: '乡镇综合行政执法赋权：乡村违法建设由镇综合行政执法队查处',
  },
  {
    categoryCode: '090201',
    regionCode: '360704102000',
    lead: 'XZ_SHADI_ZFD',
    co: ['ZRZYJ', 'CGJ_ZFDD'],
    timeLimitClass: 'GENERAL',
    note: '乡镇综合行政执法赋权：乡村违法建设由镇综合行政执法队查处',
  },
  { categoryCode: '0903', lead: 'CGJ_HWZX', co: ['TOWNSHIP'], timeLimitClass: 'GENERAL', note: '城市市容和环境卫生管理条例：生活垃圾清运、公厕管理' },
  { categoryCode: '0904', lead: 'CGJ_SZYL', co: [], timeLimitClass: 'GENERAL', note: '城市道路管理条例：市政道路、路灯、排水设施养护' },
  { categoryCode: '090403', lead: 'CGJ_SZYL', co: ['ZJJ'], timeLimitClass: 'BASIC_LIVING', note: '城镇排水与污水处理条例：排水管网疏通' },
  { categoryCode: '0905', lead: 'CGJ_SZYL', co: [], timeLimitClass: 'GENERAL', note: '城市绿化条例：公共绿地养护' },

  // ===== 10 市场监管 =====
  { categoryCode: '10', lead: 'SCJGJ', co: [], timeLimitClass: 'GENERAL', note: '三定方案：市场综合监督管理' },
  { categoryCode: '1001', lead: 'SCJGJ', co: ['TOWNSHIP'], timeLimitClass: 'GENERAL', note: '食品安全法：食品安全监督管理' },
  {
    categoryCode: '100101',
    regionCode: '360704100000',
    lead: 'SCJGJ_MLS',
    co: [],
    timeLimitClass: 'GENERAL',
    note: '三定方案：食品安全监督管理；梅林镇辖区由梅林市场监管所承办',
  },
  {
    categoryCode: '100101',
    regionCode: '360704101000',
    lead: 'SCJGJ_WMDS',
    co: [],
    timeLimitClass: 'GENERAL',
    note: '三定方案：食品安全监督管理；王母渡镇辖区由王母渡市场监管所承办',
  },
  {
    categoryCode: '100101',
    regionCode: '360704103000',
    lead: 'SCJGJ_JKS',
    co: [],
    timeLimitClass: 'GENERAL',
    note: '三定方案：食品安全监督管理；江口镇辖区由江口市场监管所承办',
  },
  {
    categoryCode: '100102',
    regionCode: '360704106000',
    lead: 'SCJGJ_MDS',
    co: [],
    timeLimitClass: 'GENERAL',
    note: '餐饮服务食品安全操作规范；茅店镇辖区由茅店市场监管所承办',
  },
  { categoryCode: '100103', lead: 'SCJGJ', co: ['WJW'], timeLimitClass: 'GENERAL', note: '药品管理法、医疗器械监督管理条例：药品零售及使用环节监管' },
  { categoryCode: '1002', lead: 'SCJGJ_TSJB', co: [], timeLimitClass: 'GENERAL', note: '消费者权益保护法：12315投诉举报处理' },
  { categoryCode: '100202', lead: 'SCJGJ_TSJB', co: ['SWJ', 'JTJ'], timeLimitClass: 'URGENT', note: '单用途商业预付卡管理：经营者关门跑路易引发群体性事件' },
  { categoryCode: '1003', lead: 'SCJGJ', co: ['FGW'], timeLimitClass: 'GENERAL', note: '价格法：价格违法行为查处' },
  { categoryCode: '1004', lead: 'SCJGJ', co: ['ZJJ_WYGL'], timeLimitClass: 'GENERAL', note: '特种设备安全法：特种设备安全监察' },
  {
    categoryCode: '100401',
    lead: 'SCJGJ',
    co: ['ZJJ_WYGL', 'TOWNSHIP'],
    timeLimitClass: 'BASIC_LIVING',
    note: '特种设备安全法：电梯使用单位落实维保，市场监管督促',
  },
  { categoryCode: '100402', lead: 'SCJGJ', co: ['YJGLJ', 'RQ'], timeLimitClass: 'URGENT', note: '特种设备安全法：气瓶充装、锅炉使用安全监察' },
  { categoryCode: '1005', lead: 'SCJGJ', co: ['TOWNSHIP'], timeLimitClass: 'GENERAL', note: '无证无照经营查处办法、广告法、计量法' },

  // ===== 11 交通运输 =====
  { categoryCode: '11', lead: 'JTYSJ', co: [], timeLimitClass: 'GENERAL', note: '三定方案：道路运输及公路管理' },
  { categoryCode: '1101', lead: 'JTYSJ_YGS', co: [], timeLimitClass: 'GENERAL', note: '道路运输条例：客运、出租汽车经营服务管理' },
  { categoryCode: '110104', lead: 'JTYSJ_ZFDD', co: ['GAJ_JJDD'], timeLimitClass: 'GENERAL', note: '道路运输条例：非法营运查处' },
  { categoryCode: '110201', lead: 'JTYSJ_GLZX', co: [], timeLimitClass: 'GENERAL', note: '公路法：国省道日常养护' },
  { categoryCode: '110202', lead: 'TOWNSHIP', co: ['JTYSJ_GLZX'], timeLimitClass: 'GENERAL', note: '农村公路条例：乡道、村道由乡镇负责养护，交通部门指导' },
  { categoryCode: '110301', lead: 'JTYSJ_ZFDD', co: ['GAJ_JJDD'], timeLimitClass: 'GENERAL', note: '公路安全保护条例：超限运输治理' },
  { categoryCode: '110302', lead: 'JTYSJ_YGS', co: ['SCJGJ'], timeLimitClass: 'GENERAL', note: '机动车驾驶员培训管理规定' },

  // ===== 12 教育 =====
  { categoryCode: '12', lead: 'JTJ', co: [], timeLimitClass: 'GENERAL', note: '三定方案：教育事业管理' },
  { categoryCode: '120102', lead: 'JTJ', co: ['SCJGJ'], timeLimitClass: 'GENERAL', note: '教育收费管理：教育部门规范，市场监管查处乱收费' },
  { categoryCode: '120201', lead: 'JTJ', co: ['SCJGJ', 'TOWNSHIP'], timeLimitClass: 'GENERAL', note: '校外培训机构监管：教育部门牵头' },
  { categoryCode: '120401', lead: 'JTJ', co: ['GAJ', 'SCJGJ', 'TOWNSHIP'], timeLimitClass: 'URGENT', note: '校园及周边安全综合治理' },

  // ===== 13 医疗卫生 =====
  { categoryCode: '13', lead: 'WJW', co: [], timeLimitClass: 'GENERAL', note: '三定方案：医疗卫生服务管理' },
  { categoryCode: '130101', lead: 'WJW', co: ['SFJ'], timeLimitClass: 'URGENT', note: '医疗纠纷预防和处理条例：医患纠纷易引发不稳定因素，人民调解介入' },
  { categoryCode: '130201', lead: 'WJW_JKZX', co: [], timeLimitClass: 'GENERAL', note: '疫苗管理法：预防接种管理' },
  { categoryCode: '1303', lead: 'WJW_WSJD', co: ['SCJGJ', 'TOWNSHIP'], timeLimitClass: 'GENERAL', note: '基本医疗卫生与健康促进法：非法行医查处' },
  { categoryCode: '130202', lead: 'WJW_WSJD', co: [], timeLimitClass: 'GENERAL', note: '公共场所卫生管理条例' },

  // ===== 14 社会保障 =====
  { categoryCode: '14', lead: 'RSJ', co: [], timeLimitClass: 'GENERAL', note: '三定方案：社会保险管理' },
  { categoryCode: '1401', lead: 'RSJ_SBZX', co: ['SWUJ'], timeLimitClass: 'GENERAL', note: '社会保险法：社保经办，费款由税务部门征收' },
  { categoryCode: '1402', lead: 'YBJ', co: ['SWUJ'], timeLimitClass: 'GENERAL', note: '三定方案：医疗保障管理' },
  { categoryCode: '140202', lead: 'YBJ', co: ['TOWNSHIP', 'SWUJ'], timeLimitClass: 'GENERAL', note: '城乡居民医保参保：乡镇（村）组织动员' },
  { categoryCode: '1403', lead: 'GJJ', co: [], timeLimitClass: 'GENERAL', note: '住房公积金管理条例' },

  // ===== 15 公安治安 =====
  { categoryCode: '15', lead: 'GAJ', co: [], timeLimitClass: 'GENERAL', note: '人民警察法：治安管理、户政管理' },
  { categoryCode: '1501', lead: 'GAJ_ZAJ', co: ['TOWNSHIP'], timeLimitClass: 'URGENT', note: '治安管理处罚法：涉赌涉黄及治安隐患查处' },
  {
    categoryCode: '150101',
    regionCode: '360704100000',
    lead: 'GAJ_MLPCS',
    co: [],
    timeLimitClass: 'URGENT',
    note: '治安管理处罚法：梅林镇辖区由梅林派出所承办',
  },
  {
    categoryCode: '150101',
    regionCode: '360704111000',
    lead: 'GAJ_HFPCS',
    co: [],
    timeLimitClass: 'URGENT',
    note: '治安管理处罚法：韩坊镇辖区由韩坊派出所承办',
  },
  { categoryCode: '150103', lead: 'GAJ', co: [], timeLimitClass: 'URGENT', note: '反电信网络诈骗法：涉诈线索及时止付处置' },
  { categoryCode: '1502', lead: 'GAJ_JJDD', co: [], timeLimitClass: 'GENERAL', note: '道路交通安全法：道路交通秩序管理' },
  { categoryCode: '150201', lead: 'GAJ_JJDD', co: ['CGJ_ZFDD'], timeLimitClass: 'GENERAL', note: '道路交通安全法：违法停车查处，人行道停车城管协同' },
  { categoryCode: '1503', lead: 'GAJ', co: [], timeLimitClass: 'GENERAL', note: '户口登记条例、居民身份证法' },

  // ===== 16 农业农村 =====
  { categoryCode: '16', lead: 'NYNCJ', co: ['TOWNSHIP'], timeLimitClass: 'GENERAL', note: '三定方案：农业农村发展' },
  { categoryCode: '160101', lead: 'NYNCJ_GYZX', co: ['TOWNSHIP'], timeLimitClass: 'GENERAL', note: '植物检疫条例：柑橘黄龙病防控、脐橙产业技术服务' },
  { categoryCode: '160102', lead: 'NYNCJ_ZFDD', co: ['SCJGJ'], timeLimitClass: 'GENERAL', note: '种子法、农药管理条例、肥料登记管理：农资打假' },
  { categoryCode: '160103', lead: 'NYNCJ', co: ['TOWNSHIP', 'CZJ'], timeLimitClass: 'GENERAL', note: '耕地地力保护补贴等惠农补贴发放' },
  { categoryCode: '1602', lead: 'TOWNSHIP', co: ['NYNCJ'], timeLimitClass: 'GENERAL', note: '农村人居环境整治：属地负责，农业农村部门指导' },
  { categoryCode: '160301', lead: 'TOWNSHIP', co: ['JTYSJ'], timeLimitClass: 'GENERAL', note: '村组道路、便民桥由乡镇村组管护' },
  {
    categoryCode: '160302',
    lead: 'TOWNSHIP',
    co: ['SLJ', 'NYNCJ'],
    timeLimitClass: 'GENERAL',
    note: '小型农田水利设施属地管护，高标准农田建设由农业农村部门负责',
  },
  { categoryCode: '1604', lead: 'NJ', co: [], timeLimitClass: 'GENERAL', note: '农业机械化促进法：农机购置补贴、农机安全监理' },
  { categoryCode: '160501', lead: 'NYNCJ', co: ['TOWNSHIP', 'STHJJ'], timeLimitClass: 'URGENT', note: '动物防疫法：疫情处置及病死畜禽无害化处理' },

  // ===== 17 民政 =====
  { categoryCode: '17', lead: 'MZJ', co: ['TOWNSHIP'], timeLimitClass: 'GENERAL', note: '三定方案：社会救助、养老服务、社会事务管理' },
  { categoryCode: '1701', lead: 'MZJ', co: ['TOWNSHIP'], timeLimitClass: 'GENERAL', note: '社会救助暂行办法：乡镇受理审核，民政审批' },
  { categoryCode: '170103', lead: 'TOWNSHIP', co: ['MZJ'], timeLimitClass: 'URGENT', note: '临时救助：急难型救助先行救助' },
  { categoryCode: '1703', lead: 'CL', co: ['MZJ', 'TOWNSHIP'], timeLimitClass: 'GENERAL', note: '残疾人保障法：残联承办残疾人服务，民政发放两项补贴' },
  { categoryCode: '170302', lead: 'CL', co: ['WJW'], timeLimitClass: 'GENERAL', note: '残疾人证管理办法：定点医院评定、残联核发' },
  { categoryCode: '1705', lead: 'TYJRJ', co: ['TOWNSHIP'], timeLimitClass: 'GENERAL', note: '退役军人保障法、军人抚恤优待条例' },
  {
    categoryCode: '1706',
    lead: 'FL',
    co: ['GAJ', 'MZJ', 'TOWNSHIP'],
    timeLimitClass: 'URGENT',
    note: '妇女权益保障法、未成年人保护法：妇联维权，公安处置家暴',
  },

  // ===== 18 邮政快递 =====
  { categoryCode: '18', lead: 'YZ', co: [], timeLimitClass: 'GENERAL', note: '邮政法：邮政普遍服务' },
  {
    categoryCode: '1802',
    lead: 'JTYSJ',
    co: ['YZ', 'SWJ'],
    timeLimitClass: 'GENERAL',
    note: '快递暂行条例：县级由交通运输部门协调快递企业，商务部门推进县乡村物流',
  },

  // ===== 19 文化旅游体育 =====
  { categoryCode: '19', lead: 'WGXLJ', co: [], timeLimitClass: 'GENERAL', note: '三定方案：文化、广电、旅游市场管理' },
  { categoryCode: '190301', lead: 'JTJ', co: ['TOWNSHIP'], timeLimitClass: 'GENERAL', note: '全民健身条例：体育部门负责公共体育设施' },
  { categoryCode: '190401', lead: 'WGXLJ', co: ['DX'], timeLimitClass: 'GENERAL', note: '广播电视管理条例：广电公共服务' },

  // ===== 20 其他 =====
  { categoryCode: '20', lead: 'RX12345', co: [], timeLimitClass: 'GENERAL', note: '热线中心依据知识库直接答复或甄别转办' },
  { categoryCode: '200102', lead: 'GAJ', co: ['TOWNSHIP'], timeLimitClass: 'URGENT', note: '走失人员查找：公安机关协助' },
  { categoryCode: '200202', lead: 'ZFB', co: [], timeLimitClass: 'GENERAL', note: '对政府工作的意见建议由区政府办公室汇总研究' },
];
