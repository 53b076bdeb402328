/**
 * 诉求分类三级目录（演示数据）。
 *
 * 编码规则：一级两位（'01'），二级四位（'0101'），三级六位（'010101'）。
 * 覆盖热线重点领域：欠薪、安全生产、矛盾纠纷、农村饮水住房安全、生态环保、营商环境等。
 */

export interface CategorySeed {
  code: string;
  name: string;
  children?: CategorySeed[];
}

export const CATEGORIES: CategorySeed[] = [
  {
    code: '01',
    name: '劳动保障',
    children: [
      {
        code: '0101',
        name: '欠薪',
        children: [
          { code: '010101', name: '拖欠农民工工资' },
          { code: '010102', name: '拖欠企业职工工资' },
          { code: '010103', name: '拖欠加班费及劳务报酬' },
        ],
      },
      {
        code: '0102',
        name: '劳动关系',
        children: [
          { code: '010201', name: '劳动合同纠纷' },
          { code: '010202', name: '违法解除劳动关系及经济补偿' },
          { code: '010203', name: '工伤认定与待遇' },
        ],
      },
      {
        code: '0103',
        name: '就业创业',
        children: [
          { code: '010301', name: '就业政策咨询' },
          { code: '010302', name: '职业技能培训' },
          { code: '010303', name: '创业担保贷款' },
        ],
      },
      {
        code: '0104',
        name: '职工权益',
        children: [{ code: '010401', name: '职工维权帮扶' }],
      },
    ],
  },
  {
    code: '02',
    name: '安全生产',
    children: [
      {
        code: '0201',
        name: '企业安全生产',
        children: [
          { code: '020101', name: '工矿商贸企业安全隐患' },
          { code: '020102', name: '建筑施工安全隐患' },
        ],
      },
      {
        code: '0202',
        name: '危险化学品与烟花爆竹',
        children: [
          { code: '020201', name: '非法储存销售烟花爆竹' },
          { code: '020202', name: '危险化学品安全隐患' },
        ],
      },
      {
        code: '0203',
        name: '消防安全',
        children: [
          { code: '020301', name: '消防通道堵塞' },
          { code: '020302', name: '电动车违规停放充电' },
          { code: '020303', name: '“三合一”场所消防隐患' },
        ],
      },
      {
        code: '0204',
        name: '自然灾害防范',
        children: [
          { code: '020401', name: '地质灾害隐患' },
          { code: '020402', name: '防汛抗旱' },
        ],
      },
    ],
  },
  {
    code: '03',
    name: '矛盾纠纷',
    children: [
      {
        code: '0301',
        name: '民间纠纷',
        children: [
          { code: '030101', name: '邻里纠纷' },
          { code: '030102', name: '婚姻家庭纠纷' },
          { code: '030103', name: '土地山林权属纠纷' },
        ],
      },
      {
        code: '0302',
        name: '经济纠纷',
        children: [
          { code: '030201', name: '民间借贷纠纷' },
          { code: '030202', name: '工程款及合同纠纷' },
        ],
      },
      {
        code: '0303',
        name: '征迁安置',
        children: [
          { code: '030301', name: '征地拆迁补偿' },
          { code: '030302', name: '安置房分配' },
        ],
      },
    ],
  },
  {
    code: '04',
    name: '农村饮水住房安全',
    children: [
      {
        code: '0401',
        name: '农村饮水安全',
        children: [
          { code: '040101', name: '农村自来水停水' },
          { code: '040102', name: '农村饮水水质' },
          { code: '040103', name: '饮水工程设施损坏' },
        ],
      },
      {
        code: '0402',
        name: '农村住房安全',
        children: [
          { code: '040201', name: '农村危房改造' },
          { code: '040202', name: '农村宅基地建房' },
        ],
      },
    ],
  },
  {
    code: '05',
    name: '生态环保',
    children: [
      {
        code: '0501',
        name: '大气污染',
        children: [
          { code: '050101', name: '工业废气污染' },
          { code: '050102', name: '餐饮油烟' },
          { code: '050103', name: '露天焚烧' },
          { code: '050104', name: '扬尘污染' },
        ],
      },
      {
        code: '0502',
        name: '水污染',
        children: [
          { code: '050201', name: '工业废水排放' },
          { code: '050202', name: '畜禽养殖污染' },
          { code: '050203', name: '河道污染' },
        ],
      },
      {
        code: '0503',
        name: '噪声污染',
        children: [
          { code: '050301', name: '建筑施工噪音' },
          { code: '050302', name: '社会生活噪音' },
          { code: '050303', name: '工业企业噪音' },
        ],
      },
      {
        code: '0504',
        name: '固体废物',
        children: [{ code: '050401', name: '固体废物非法倾倒' }],
      },
      {
        code: '0505',
        name: '自然资源保护',
        children: [
          { code: '050501', name: '非法采砂' },
          { code: '050502', name: '非法占用耕地' },
          { code: '050503', name: '盗伐滥伐林木' },
        ],
      },
    ],
  },
  {
    code: '06',
    name: '营商环境',
    children: [
      {
        code: '0601',
        name: '政务服务',
        children: [
          { code: '060101', name: '办事效率与服务态度' },
          { code: '060102', name: '企业开办与证照办理' },
        ],
      },
      {
        code: '0602',
        name: '涉企问题',
        children: [
          { code: '060201', name: '拖欠企业账款' },
          { code: '060202', name: '涉企乱收费' },
          { code: '060203', name: '惠企政策兑现' },
        ],
      },
      {
        code: '0603',
        name: '招商引资',
        children: [{ code: '060301', name: '招商承诺未兑现' }],
      },
    ],
  },
  {
    code: '07',
    name: '水电气热',
    children: [
      {
        code: '0701',
        name: '供水',
        children: [
          { code: '070101', name: '城区停水' },
          { code: '070102', name: '供水水质' },
          { code: '070103', name: '水压不足' },
          { code: '070104', name: '水费与水表' },
        ],
      },
      {
        code: '0702',
        name: '供电',
        children: [
          { code: '070201', name: '停电' },
          { code: '070202', name: '电压不稳' },
          { code: '070203', name: '电力设施安全隐患' },
          { code: '070204', name: '电费与电表' },
        ],
      },
      {
        code: '0703',
        name: '燃气',
        children: [
          { code: '070301', name: '燃气停气' },
          { code: '070302', name: '燃气安全隐患' },
          { code: '070303', name: '燃气收费与开户' },
        ],
      },
      {
        code: '0704',
        name: '通信网络',
        children: [
          { code: '070401', name: '网络信号差' },
          { code: '070402', name: '通信线缆杂乱' },
        ],
      },
    ],
  },
  {
    code: '08',
    name: '住房城乡建设',
    children: [
      {
        code: '0801',
        name: '物业管理',
        children: [
          { code: '080101', name: '物业服务质量' },
          { code: '080102', name: '物业收费' },
          { code: '080103', name: '业委会与维修资金' },
        ],
      },
      {
        code: '0802',
        name: '房屋质量与交付',
        children: [
          { code: '080201', name: '房屋质量问题' },
          { code: '080202', name: '逾期交房' },
        ],
      },
      {
        code: '0803',
        name: '不动产与房产交易',
        children: [
          { code: '080301', name: '不动产权证办理' },
          { code: '080302', name: '房屋买卖与中介' },
        ],
      },
      {
        code: '0804',
        name: '住房保障',
        children: [{ code: '080401', name: '公租房申请与管理' }],
      },
      {
        code: '0805',
        name: '老旧小区改造',
        children: [{ code: '080501', name: '老旧小区改造' }],
      },
    ],
  },
  {
    code: '09',
    name: '城市管理',
    children: [
      {
        code: '0901',
        name: '市容秩序',
        children: [
          { code: '090101', name: '占道经营' },
          { code: '090102', name: '户外广告与乱张贴' },
        ],
      },
      {
        code: '0902',
        name: '违法建设',
        children: [{ code: '090201', name: '违章建筑' }],
      },
      {
        code: '0903',
        name: '环境卫生',
        children: [
          { code: '090301', name: '垃圾清运' },
          { code: '090302', name: '公厕管理' },
        ],
      },
      {
        code: '0904',
        name: '市政设施',
        children: [
          { code: '090401', name: '路灯' },
          { code: '090402', name: '道路破损与井盖缺失' },
          { code: '090403', name: '排水管网堵塞' },
        ],
      },
      {
        code: '0905',
        name: '园林绿化',
        children: [{ code: '090501', name: '绿化养护' }],
      },
    ],
  },
  {
    code: '10',
    name: '市场监管',
    children: [
      {
        code: '1001',
        name: '食品药品安全',
        children: [
          { code: '100101', name: '食品安全' },
          { code: '100102', name: '餐饮服务卫生' },
          { code: '100103', name: '药品医疗器械' },
        ],
      },
      {
        code: '1002',
        name: '消费维权',
        children: [
          { code: '100201', name: '消费纠纷' },
          { code: '100202', name: '预付卡退费' },
          { code: '100203', name: '产品质量' },
        ],
      },
      {
        code: '1003',
        name: '价格监管',
        children: [{ code: '100301', name: '价格违法' }],
      },
      {
        code: '1004',
        name: '特种设备',
        children: [
          { code: '100401', name: '电梯故障' },
          { code: '100402', name: '气瓶锅炉等特种设备安全' },
        ],
      },
      {
        code: '1005',
        name: '市场秩序',
        children: [
          { code: '100501', name: '无证无照经营' },
          { code: '100502', name: '虚假宣传与计量作弊' },
        ],
      },
    ],
  },
  {
    code: '11',
    name: '交通运输',
    children: [
      {
        code: '1101',
        name: '客运服务',
        children: [
          { code: '110101', name: '出租车' },
          { code: '110102', name: '公交线路与班次' },
          { code: '110103', name: '农村客运班线' },
          { code: '110104', name: '非法营运' },
        ],
      },
      {
        code: '1102',
        name: '公路建设养护',
        children: [
          { code: '110201', name: '国省道路面养护' },
          { code: '110202', name: '农村公路建设养护' },
        ],
      },
      {
        code: '1103',
        name: '货运与驾培',
        children: [
          { code: '110301', name: '货车超限超载' },
          { code: '110302', name: '驾校培训纠纷' },
        ],
      },
    ],
  },
  {
    code: '12',
    name: '教育',
    children: [
      {
        code: '1201',
        name: '学校管理',
        children: [
          { code: '120101', name: '招生入学' },
          { code: '120102', name: '教育收费' },
          { code: '120103', name: '师德师风' },
        ],
      },
      {
        code: '1202',
        name: '校外培训',
        children: [{ code: '120201', name: '校外培训机构' }],
      },
      {
        code: '1203',
        name: '学生资助',
        children: [{ code: '120301', name: '学生资助政策' }],
      },
      {
        code: '1204',
        name: '校园周边',
        children: [{ code: '120401', name: '校园周边安全' }],
      },
    ],
  },
  {
    code: '13',
    name: '医疗卫生',
    children: [
      {
        code: '1301',
        name: '医疗服务',
        children: [
          { code: '130101', name: '医疗纠纷' },
          { code: '130102', name: '医院服务态度' },
        ],
      },
      {
        code: '1302',
        name: '公共卫生',
        children: [
          { code: '130201', name: '疫苗接种' },
          { code: '130202', name: '公共场所卫生' },
        ],
      },
      {
        code: '1303',
        name: '卫生监督',
        children: [{ code: '130301', name: '非法行医' }],
      },
    ],
  },
  {
    code: '14',
    name: '社会保障',
    children: [
      {
        code: '1401',
        name: '社会保险',
        children: [
          { code: '140101', name: '社保缴费' },
          { code: '140102', name: '养老金待遇' },
          { code: '140103', name: '失业保险' },
        ],
      },
      {
        code: '1402',
        name: '医疗保障',
        children: [
          { code: '140201', name: '医保报销' },
          { code: '140202', name: '城乡居民医保参保' },
        ],
      },
      {
        code: '1403',
        name: '住房公积金',
        children: [{ code: '140301', name: '公积金提取与贷款' }],
      },
    ],
  },
  {
    code: '15',
    name: '公安治安',
    children: [
      {
        code: '1501',
        name: '治安管理',
        children: [
          { code: '150101', name: '涉赌涉黄' },
          { code: '150102', name: '治安隐患' },
          { code: '150103', name: '电信网络诈骗' },
        ],
      },
      {
        code: '1502',
        name: '道路交通管理',
        children: [
          { code: '150201', name: '违规停车' },
          { code: '150202', name: '交通信号设施' },
          { code: '150203', name: '电动自行车上牌' },
        ],
      },
      {
        code: '1503',
        name: '户政管理',
        children: [
          { code: '150301', name: '户籍办理' },
          { code: '150302', name: '居民身份证办理' },
        ],
      },
    ],
  },
  {
    code: '16',
    name: '农业农村',
    children: [
      {
        code: '1601',
        name: '农业生产',
        children: [
          { code: '160101', name: '脐橙种植与黄龙病防控' },
          { code: '160102', name: '农资质量' },
          { code: '160103', name: '农业补贴' },
        ],
      },
      {
        code: '1602',
        name: '农村人居环境',
        children: [
          { code: '160201', name: '村庄环境卫生' },
          { code: '160202', name: '农村改厕' },
        ],
      },
      {
        code: '1603',
        name: '农村基础设施',
        children: [
          { code: '160301', name: '村组道路与桥梁' },
          { code: '160302', name: '农田水利设施' },
        ],
      },
      {
        code: '1604',
        name: '农业机械',
        children: [
          { code: '160401', name: '农机购置补贴' },
          { code: '160402', name: '农机安全与维修' },
        ],
      },
      {
        code: '1605',
        name: '动物防疫',
        children: [{ code: '160501', name: '动物疫病与病死畜禽处理' }],
      },
    ],
  },
  {
    code: '17',
    name: '民政',
    children: [
      {
        code: '1701',
        name: '社会救助',
        children: [
          { code: '170101', name: '最低生活保障' },
          { code: '170102', name: '特困人员供养' },
          { code: '170103', name: '临时救助' },
        ],
      },
      {
        code: '1702',
        name: '养老服务',
        children: [
          { code: '170201', name: '养老机构' },
          { code: '170202', name: '高龄补贴' },
        ],
      },
      {
        code: '1703',
        name: '残疾人服务',
        children: [
          { code: '170301', name: '残疾人两项补贴' },
          { code: '170302', name: '残疾证办理' },
        ],
      },
      {
        code: '1704',
        name: '婚姻殡葬',
        children: [
          { code: '170401', name: '殡葬管理' },
          { code: '170402', name: '婚姻登记' },
        ],
      },
      {
        code: '1705',
        name: '退役军人服务',
        children: [{ code: '170501', name: '退役军人优待抚恤' }],
      },
      {
        code: '1706',
        name: '妇女儿童权益',
        children: [{ code: '170601', name: '妇女儿童权益保护' }],
      },
    ],
  },
  {
    code: '18',
    name: '邮政快递',
    children: [
      {
        code: '1801',
        name: '邮政服务',
        children: [
          { code: '180101', name: '邮件延误丢失' },
          { code: '180102', name: '邮政网点服务' },
        ],
      },
      {
        code: '1802',
        name: '快递服务',
        children: [
          { code: '180201', name: '快递延误破损' },
          { code: '180202', name: '快递末端派送' },
        ],
      },
    ],
  },
  {
    code: '19',
    name: '文化旅游体育',
    children: [
      {
        code: '1901',
        name: '文化市场',
        children: [{ code: '190101', name: '网吧与娱乐场所' }],
      },
      {
        code: '1902',
        name: '旅游服务',
        children: [{ code: '190201', name: '旅游投诉' }],
      },
      {
        code: '1903',
        name: '体育健身',
        children: [{ code: '190301', name: '公共体育设施' }],
      },
      {
        code: '1904',
        name: '广播电视',
        children: [{ code: '190401', name: '广播电视信号' }],
      },
    ],
  },
  {
    code: '20',
    name: '其他',
    children: [
      {
        code: '2001',
        name: '咨询求助',
        children: [
          { code: '200101', name: '政策咨询' },
          { code: '200102', name: '寻人寻物' },
        ],
      },
      {
        code: '2002',
        name: '表扬建议',
        children: [
          { code: '200201', name: '表扬' },
          { code: '200202', name: '意见建议' },
        ],
      },
      {
        code: '2003',
        name: '其他事项',
        children: [{ code: '200301', name: '其他' }],
      },
    ],
  },
];
