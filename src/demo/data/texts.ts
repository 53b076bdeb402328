/**
 * 演示工单文本素材（虚构数据）。
 *
 * 供演示数据生成器拼装 12345 热线工单：标题与来电记录模板、乡镇村居、场所、企业、
 * 姓名用字、城区道路以及承办单位答复模板。所有企业、人物、事件均为虚构，
 * 不含真实姓名、电话号码或身份证号码。
 *
 * 模板占位符：{town} 乡镇名、{village} 村/社区名、{place} 场所、{company} 企业名、
 * {street} 城区道路、{amount} 金额（元）、{months} 月数、{days} 天数、{count} 人数。
 * 答复模板可使用 {town} {place} {days}。
 */

export type DemoRequestType = 'CONSULTATION' | 'HELP' | 'COMPLAINT' | 'REPORT' | 'SUGGESTION' | 'PRAISE' | 'OTHER';

export interface OrderTemplate {
  /** 三级（6 位）分类编码，见 categories.ts */
  categoryCode: string;
  /** 适用的诉求类型，第一个为最常见类型 */
  requestTypes: DemoRequestType[];
  /** 紧急或涉稳事项（集体欠薪、安全隐患、突发事件等） */
  urgent?: boolean;
  /** 工单标题（替换占位符后不超过 30 字） */
  title: string;
  /** 来电记录（约 60–200 字） */
  content: string;
}

export const ORDER_TEMPLATES: OrderTemplate[] = [
  // ───────────────────────────── 01 劳动保障 ─────────────────────────────
  {
    categoryCode: '010101',
    requestTypes: ['COMPLAINT', 'HELP'],
    urgent: true,
    title: '{town}{company}工地拖欠{count}名农民工工资',
    content:
      '来电人反映，其与{count}名工友在{town}{company}承建的项目工地务工，截至目前工地负责人拖欠工资共计约{amount}元，已拖欠{months}个月，多次讨要均以工程款未到位推脱。诉求：请相关部门督促尽快足额支付工资。',
  },
  {
    categoryCode: '010101',
    requestTypes: ['COMPLAINT', 'HELP'],
    title: '{street}安置房项目拖欠农民工工资',
    content:
      '来电人反映，其在城区{street}安置房项目做木工，包工头以总包单位未拨款为由拖欠其工资{amount}元，现包工头电话无人接听。来电人称家中老人住院急需用钱。诉求：请相关部门核实并帮助追讨工资。',
  },
  {
    categoryCode: '010101',
    requestTypes: ['COMPLAINT', 'HELP'],
    title: '{village}脐橙果园拖欠采摘工工钱',
    content:
      '来电人反映，其于去年冬季在{town}{village}一处脐橙果园帮忙采摘、搬运，果园老板至今拖欠其及同村{count}人工钱约{amount}元，称脐橙卖不出去暂无钱支付。诉求：请相关部门协调督促老板尽快结清工钱。',
  },
  {
    categoryCode: '010101',
    requestTypes: ['REPORT', 'COMPLAINT'],
    urgent: true,
    title: '{count}名工人聚集{company}讨要工资',
    content:
      '来电人反映，目前有{count}名工人聚集在{town}{company}项目部门口讨要工资，涉及金额约{amount}元，工人情绪较为激动，现场有拉横幅情况。诉求：请相关部门尽快到场处置，防止事态扩大。',
  },
  {
    categoryCode: '010101',
    requestTypes: ['COMPLAINT', 'HELP'],
    urgent: true,
    title: '年关将近农村公路项目农民工工资未结清',
    content:
      '来电人反映，其在{town}某农村公路硬化项目务工{months}个月，施工队负责人承诺年底结清工资，但临近春节仍拖欠其工资{amount}元，同班组还有{count}人未领到工资。诉求：请相关部门督促在春节前结清。',
  },
  {
    categoryCode: '010102',
    requestTypes: ['COMPLAINT', 'HELP'],
    urgent: true,
    title: '{company}拖欠职工{months}个月工资',
    content:
      '来电人反映，其为{town}工业园区{company}员工，公司称经营困难，已拖欠全体职工{months}个月工资，涉及员工约{count}人，公司仅口头承诺发放但无具体时间。诉求：请劳动监察部门介入，督促公司依法支付工资。',
  },
  {
    categoryCode: '010102',
    requestTypes: ['COMPLAINT'],
    title: '离职后{company}扣发最后一个月工资',
    content:
      '来电人反映，其于本月初从{company}离职，已按规定提前三十天提交辞职申请并办理交接，但公司以未满合同期为由扣发其最后一个月工资{amount}元。诉求：请相关部门核实，督促公司结清工资。',
  },
  {
    categoryCode: '010102',
    requestTypes: ['HELP', 'COMPLAINT'],
    title: '{street}服装店关门老板拖欠店员工资',
    content:
      '来电人反映，其在城区{street}一家服装店做店员{months}个月，店铺近期突然关门停业，老板拖欠其工资{amount}元后一直联系不上。诉求：请相关部门帮助联系店铺老板并追讨工资。',
  },
  {
    categoryCode: '010103',
    requestTypes: ['COMPLAINT'],
    title: '{company}长期加班不支付加班费',
    content:
      '来电人反映，其在{company}从事生产线工作，近{months}个月每天工作十二小时、每月仅休息两天，公司从未支付加班费，工资条中也无加班记录。诉求：请相关部门核实公司用工情况，督促依法支付加班工资。',
  },
  {
    categoryCode: '010103',
    requestTypes: ['HELP', 'COMPLAINT'],
    title: '水电装修完工后业主拒付劳务费',
    content:
      '来电人反映，其为{street}附近某小区一户业主家提供水电装修劳务，已完工{days}天，业主以装修效果不满意为由拒付劳务费{amount}元，双方协商未果。诉求：请相关部门协调处理，帮助追讨劳务报酬。',
  },
  {
    categoryCode: '010201',
    requestTypes: ['CONSULTATION', 'COMPLAINT'],
    title: '入职{company}{months}个月未签劳动合同',
    content:
      '来电人反映，其入职{company}已{months}个月，公司一直未与其签订书面劳动合同，也未缴纳社会保险，询问公司后答复试用期不签合同。诉求：咨询能否主张二倍工资，并请相关部门督促公司依法签订合同。',
  },
  {
    categoryCode: '010201',
    requestTypes: ['COMPLAINT'],
    title: '{company}单方面调岗降薪',
    content:
      '来电人反映，{company}未经协商将其从技术岗位调到仓库搬运岗位，月工资降低约{amount}元，来电人不同意调岗，公司便以不服从安排为由扣发其绩效工资。诉求：请相关部门核实并维护其合法权益。',
  },
  {
    categoryCode: '010202',
    requestTypes: ['COMPLAINT', 'HELP'],
    title: '{company}辞退员工不给经济补偿',
    content:
      '来电人反映，其在{company}工作已满五年，公司近日以业务调整为由口头通知其和另外{count}名同事次日起不用上班，未提前通知，也不支付任何经济补偿。诉求：请相关部门督促公司依法支付经济补偿。',
  },
  {
    categoryCode: '010202',
    requestTypes: ['COMPLAINT', 'HELP'],
    title: '孕期女职工被公司解除劳动合同',
    content:
      '来电人反映，其在{town}一家电子厂上班，怀孕后被车间主管多次劝说主动辞职，近日公司以考勤不合格为由单方解除劳动合同。诉求：请相关部门介入调查，维护孕期女职工的合法权益。',
  },
  {
    categoryCode: '010203',
    requestTypes: ['HELP', 'CONSULTATION'],
    title: '工地摔伤后包工头拒绝申报工伤',
    content:
      '来电人反映，其家属在{town}{company}工地作业时从脚手架摔下导致腿部骨折，已住院{days}天，包工头只垫付了部分医药费，拒绝为其申报工伤认定。诉求：咨询工伤认定办理流程，并请相关部门督促用人单位履行责任。',
  },
  {
    categoryCode: '010203',
    requestTypes: ['COMPLAINT', 'CONSULTATION'],
    title: '工伤认定申请{months}个月未出结论',
    content:
      '来电人反映，其于{months}个月前向区人社部门提交了工伤认定申请，补充材料也已交齐，但至今未收到认定结论，影响后续劳动能力鉴定和工伤待遇申领。诉求：请相关部门告知办理进度并尽快作出认定。',
  },
  {
    categoryCode: '010301',
    requestTypes: ['CONSULTATION'],
    title: '咨询返乡人员就业补贴申领条件',
    content:
      '来电人称其为外出务工返乡人员，目前在{town}{company}就业，听说区里有一次性就业补贴和交通补贴，不清楚申领条件、所需材料和办理地点。诉求：请相关部门详细告知政策内容和办理流程。',
  },
  {
    categoryCode: '010301',
    requestTypes: ['CONSULTATION'],
    title: '咨询高校毕业生就业见习补贴',
    content:
      '来电人称其为今年应届高校毕业生，户籍在{town}{village}，想参加就业见习，询问赣县区有哪些见习单位、见习期间生活补贴标准以及报名方式。诉求：请相关部门予以解答。',
  },
  {
    categoryCode: '010302',
    requestTypes: ['CONSULTATION'],
    title: '咨询免费电工焊工技能培训报名',
    content:
      '来电人称其为{town}{village}村民，想参加政府组织的免费电工或焊工技能培训，询问培训时间、地点、报名条件以及培训结束后能否取得职业技能等级证书。诉求：请相关部门告知具体安排。',
  },
  {
    categoryCode: '010302',
    requestTypes: ['COMPLAINT', 'CONSULTATION'],
    title: '家政技能培训补贴迟迟未发放',
    content:
      '来电人反映，其于{months}个月前参加了区里组织的家政服务技能培训并取得合格证书，培训机构称可领取培训补贴{amount}元，但至今未到账，询问培训机构也说不清楚。诉求：请相关部门核实补贴发放进度。',
  },
  {
    categoryCode: '010303',
    requestTypes: ['CONSULTATION'],
    title: '咨询开办农家乐创业担保贷款',
    content:
      '来电人称其准备在{town}{village}开办一家农家乐，听说政府有创业担保贷款并可享受贴息，询问贷款额度、申请条件、是否需要反担保以及到哪里办理。诉求：请相关部门予以解答。',
  },
  {
    categoryCode: '010303',
    requestTypes: ['COMPLAINT', 'HELP'],
    title: '创业担保贷款审核通过后迟迟不放款',
    content:
      '来电人反映，其于{months}个月前提交了创业担保贷款申请，材料已审核通过，但合作银行迟迟未放款，其经营的店铺急需资金周转进货。诉求：请相关部门协调加快放款。',
  },
  {
    categoryCode: '010401',
    requestTypes: ['HELP', 'CONSULTATION'],
    title: '困难职工咨询工会帮扶政策',
    content:
      '来电人称其为{company}职工，妻子患重病长期住院，家庭生活困难，听说工会有困难职工帮扶和职工医疗互助政策，询问申请条件和办理流程。诉求：请相关部门告知并给予帮扶。',
  },
  {
    categoryCode: '010401',
    requestTypes: ['HELP'],
    title: '职工申请劳动仲裁需要法律援助',
    content:
      '来电人反映，其与{company}存在工资和社保争议，准备申请劳动仲裁，但不懂法律程序，也无力承担律师费用。诉求：咨询工会或法律援助机构能否提供免费法律帮助，并告知申请方式。',
  },

  // ───────────────────────────── 02 安全生产 ─────────────────────────────
  {
    categoryCode: '020101',
    requestTypes: ['REPORT', 'COMPLAINT'],
    urgent: true,
    title: '{company}生产车间存在安全隐患',
    content:
      '来电人反映，{town}工业园区{company}生产车间内机器设备没有防护罩，工人未配备劳保用品，消防器材已过期，车间内还堆放大量易燃材料。诉求：请相关部门尽快检查，消除安全隐患。',
  },
  {
    categoryCode: '020101',
    requestTypes: ['REPORT'],
    urgent: true,
    title: '{village}附近小作坊夜间违规生产',
    content:
      '来电人反映，{town}{village}附近有一家稀土加工小作坊夜间偷偷生产，现场管理混乱，化学药剂随意堆放，工人无任何防护作业。诉求：请相关部门尽快核查取缔，消除安全隐患。',
  },
  {
    categoryCode: '020102',
    requestTypes: ['REPORT', 'COMPLAINT'],
    urgent: true,
    title: '{street}工地塔吊吊物越过人行道',
    content:
      '来电人反映，{street}某在建项目的塔吊经常吊运钢筋从人行道和居民楼上方经过，工地围挡破损，也没有设置安全警示标志，行人通行存在安全隐患。诉求：请相关部门督促施工单位规范作业。',
  },
  {
    categoryCode: '020102',
    requestTypes: ['REPORT'],
    urgent: true,
    title: '工地高空作业未系安全带',
    content:
      '来电人反映，{town}{company}承建的项目工地，工人在五层以上外架作业时未系安全带，也未设置安全网，现场看不到安全员监管。诉求：请相关部门尽快检查整改，防止发生安全事故。',
  },
  {
    categoryCode: '020201',
    requestTypes: ['REPORT'],
    urgent: true,
    title: '{village}民房非法储存烟花爆竹',
    content:
      '来电人反映，{town}{village}有一户村民在自家民房内大量囤积烟花爆竹，临近春节对外零售，房屋周边住户密集，存在严重安全隐患。诉求：请相关部门尽快查处。',
  },
  {
    categoryCode: '020201',
    requestTypes: ['REPORT'],
    urgent: true,
    title: '{town}流动三轮车售卖烟花爆竹',
    content: '来电人反映，{town}{place}附近有人开着三轮车流动售卖烟花爆竹，没有任何经营许可，摊位旁边还有人抽烟。诉求：请相关部门依法查处，消除安全隐患。',
  },
  {
    categoryCode: '020202',
    requestTypes: ['REPORT'],
    urgent: true,
    title: '小卖部用塑料桶销售散装汽油',
    content: '来电人反映，{town}集镇某路口的一家小卖部使用塑料桶对外销售散装汽油，没有任何防护措施，店内还有人抽烟。诉求：请相关部门尽快查处，消除安全隐患。',
  },
  {
    categoryCode: '020202',
    requestTypes: ['REPORT', 'HELP'],
    urgent: true,
    title: '{company}附近有刺鼻气味疑似泄漏',
    content:
      '来电人反映，{town}工业园区{company}附近近{days}天一直有刺鼻气味，怀疑储罐或管道泄漏，周边居民出现头晕、咳嗽等症状。诉求：请相关部门立即到现场检查处置。',
  },
  {
    categoryCode: '020301',
    requestTypes: ['COMPLAINT', 'REPORT'],
    title: '小区消防通道被车辆长期占用',
    content:
      '来电人反映，{street}某小区内消防通道长期被私家车和电动车占用，物业多次劝导无效，一旦发生火灾消防车无法进入。诉求：请相关部门督促物业清理并加强管理。',
  },
  {
    categoryCode: '020301',
    requestTypes: ['REPORT'],
    urgent: true,
    title: '{place}安全出口上锁通道堆物',
    content:
      '来电人反映，城区{place}的安全出口和消防通道被商户堆满货物和纸箱，部分安全出口还被上锁，人员密集时段存在严重火灾隐患。诉求：请消防部门检查并督促整改。',
  },
  {
    categoryCode: '020302',
    requestTypes: ['COMPLAINT', 'REPORT'],
    title: '居民楼道私拉电线给电动车充电',
    content:
      '来电人反映，其居住的{street}某小区单元楼道内，有住户长期从家中私拉电线给电动车充电，经常整夜充电，楼道狭窄，存在火灾隐患。诉求：请相关部门督促整改，并在小区增设集中充电桩。',
  },
  {
    categoryCode: '020302',
    requestTypes: ['SUGGESTION', 'COMPLAINT'],
    title: '小区充电桩不足居民推车入户充电',
    content:
      '来电人反映，其所住小区只有少量电动车充电桩，远不能满足需求，很多居民把电动车推进电梯带回家充电，存在很大安全隐患。诉求：建议相关部门督促物业增设集中充电设施。',
  },
  {
    categoryCode: '020303',
    requestTypes: ['REPORT'],
    urgent: true,
    title: '{street}加工作坊生产仓储住人混合',
    content:
      '来电人反映，{street}有一家服装加工小作坊，一楼生产、二楼仓储、三楼住人，楼梯间堆满布料，整栋楼只有一个出口，属于“三合一”场所。诉求：请相关部门尽快检查整改。',
  },
  {
    categoryCode: '020303',
    requestTypes: ['REPORT'],
    urgent: true,
    title: '{town}集镇门店楼上住人楼下经营',
    content:
      '来电人反映，{town}集镇一家五金店一楼经营、阁楼存放油漆等易燃物品，店主一家人晚上也睡在店内，卷帘门夜间从外面锁上。诉求：请相关部门检查，督促整改消防隐患。',
  },
  {
    categoryCode: '020401',
    requestTypes: ['REPORT', 'HELP'],
    urgent: true,
    title: '{village}民房后山出现裂缝',
    content:
      '来电人反映，连日降雨后，{town}{village}一处民房后山出现明显裂缝，已有少量泥土和石块滑落，房屋内住有{count}口人，担心发生山体滑坡。诉求：请相关部门尽快到现场查看并采取防范措施。',
  },
  {
    categoryCode: '020401',
    requestTypes: ['REPORT'],
    urgent: true,
    title: '{village}村道边坡塌方阻断交通',
    content:
      '来电人反映，{town}通往{village}的村道边坡因暴雨发生塌方，土石堆满路面，车辆无法通行，边坡上方仍有松动迹象。诉求：请相关部门尽快清理并设置警示标志。',
  },
  {
    categoryCode: '020402',
    requestTypes: ['REPORT', 'HELP'],
    urgent: true,
    title: '{village}山塘水位上涨坝体渗水',
    content:
      '来电人反映，受连续强降雨影响，{town}{village}一座山塘水位快速上涨，坝体下方出现渗水，下游有多户村民居住。诉求：请相关部门立即安排人员巡查，并做好人员转移准备。',
  },
  {
    categoryCode: '020402',
    requestTypes: ['HELP'],
    title: '{village}持续干旱晚稻无水灌溉',
    content:
      '来电人反映，今年入夏以来{town}{village}持续干旱，村里水渠断流，多户农户的晚稻田无水灌溉，秧苗开始枯黄。诉求：请相关部门协调抗旱水源或提供抽水设备支持。',
  },

  // ───────────────────────────── 03 矛盾纠纷 ─────────────────────────────
  {
    categoryCode: '030101',
    requestTypes: ['HELP', 'COMPLAINT'],
    title: '邻居建房围墙占用公共通道',
    content:
      '来电人反映，其在{town}{village}的邻居新建房屋时将围墙砌到了两家之间的公共通道上，导致其家中车辆无法进出，双方多次协商未果并发生争吵。诉求：请村委会和相关部门协调调解。',
  },
  {
    categoryCode: '030101',
    requestTypes: ['HELP', 'COMPLAINT'],
    title: '楼上住户卫生间漏水拒不维修',
    content:
      '来电人反映，其家住{street}某小区，楼上住户卫生间长期漏水，导致其家天花板发霉脱落，多次上门沟通，对方拒不维修也不赔偿。诉求：请社区或物业协调处理。',
  },
  {
    categoryCode: '030102',
    requestTypes: ['HELP'],
    title: '七旬老人反映子女不履行赡养义务',
    content:
      '来电人反映，其已年过七旬，居住在{town}{village}，育有三个子女，但子女均以经济困难为由互相推诿，不给生活费，老人生病也无人照顾。诉求：请相关部门协调调解，督促子女履行赡养义务。',
  },
  {
    categoryCode: '030102',
    requestTypes: ['CONSULTATION', 'HELP'],
    title: '离婚后对方拒付子女抚养费',
    content:
      '来电人反映，其与前夫已协议离婚，孩子由其抚养，前夫承诺每月支付抚养费{amount}元，但已连续{months}个月未支付，电话也不接。诉求：咨询如何维权，请相关部门协调处理。',
  },
  {
    categoryCode: '030103',
    requestTypes: ['REPORT', 'HELP'],
    urgent: true,
    title: '{village}与邻组山林边界争议',
    content:
      '来电人反映，{town}{village}与相邻村小组因一片山林的边界问题长期存在争议，近日对方村民在争议山林上砍树开垦种脐橙，双方差点发生冲突。诉求：请相关部门尽快调处，明确山林权属。',
  },
  {
    categoryCode: '030103',
    requestTypes: ['HELP', 'COMPLAINT'],
    title: '承包地被同村村民强行耕种',
    content:
      '来电人反映，其在{town}{village}的承包地在外出务工期间被同村村民强行耕种，回乡后要求归还，对方拒不退还，称土地是其祖上的。诉求：请乡镇和相关部门依据确权资料协调处理。',
  },
  {
    categoryCode: '030201',
    requestTypes: ['CONSULTATION', 'HELP'],
    title: '借款到期对方拒不归还',
    content:
      '来电人反映，其于两年前借给同村村民{amount}元用于开店，约定一年内归还，现借款早已到期，对方一直以各种理由拖延，近期还拉黑了其联系方式。诉求：咨询如何通过法律途径追讨借款。',
  },
  {
    categoryCode: '030201',
    requestTypes: ['REPORT', 'HELP'],
    urgent: true,
    title: '个体老板高息借款后失联',
    content:
      '来电人反映，{town}有一名个体老板以月息两分为诱饵向周边{count}名村民借款，累计约{amount}元，现已停止付息且人去楼空，村民情绪激动。诉求：请相关部门介入调查，帮助追回借款。',
  },
  {
    categoryCode: '030202',
    requestTypes: ['COMPLAINT', 'HELP'],
    title: '{company}拖欠分包工程款',
    content:
      '来电人反映，其作为分包方为{company}承建的{town}某项目完成了土方工程，工程已验收{months}个月，对方仍拖欠工程款{amount}元，导致其无法支付下面工人的工资。诉求：请相关部门协调督促支付。',
  },
  {
    categoryCode: '030202',
    requestTypes: ['COMPLAINT'],
    title: '装饰公司收款后停工撤场',
    content:
      '来电人反映，其与{street}一家装饰公司签订了房屋装修合同，已支付定金和首付款共{amount}元，但公司施工{days}天后就停工，工人全部撤场，联系公司一直推托。诉求：请相关部门协调处理。',
  },
  {
    categoryCode: '030301',
    requestTypes: ['COMPLAINT'],
    title: '{village}征地补偿款未足额发放',
    content:
      '来电人反映，{town}{village}部分土地于去年被征收用于道路建设，但村民至今只收到部分补偿款，还有约{amount}元未发放，村民多次询问均无明确答复。诉求：请相关部门核实并尽快发放。',
  },
  {
    categoryCode: '030301',
    requestTypes: ['COMPLAINT'],
    title: '{street}棚改房屋评估价格偏低',
    content:
      '来电人反映，其位于城区{street}旁的房屋被纳入棚户区改造征收范围，评估公司给出的评估价格明显低于周边同类房屋市场价，多次提出异议未被采纳。诉求：请相关部门重新核实评估结果。',
  },
  {
    categoryCode: '030301',
    requestTypes: ['REPORT', 'COMPLAINT'],
    urgent: true,
    title: '{village}村民聚集阻工反映补偿问题',
    content:
      '来电人反映，目前{town}{village}约{count}名村民聚集在项目施工现场阻止施工，反映征地补偿标准不一致、青苗补偿未到位等问题。诉求：请相关部门尽快派人到现场做好解释和处置工作。',
  },
  {
    categoryCode: '030302',
    requestTypes: ['COMPLAINT', 'CONSULTATION'],
    title: '安置小区建成后迟迟未分房',
    content:
      '来电人反映，其家房屋被征收已过去多年，当时承诺两年内交付安置房，目前安置小区已建成但一直未组织选房分配，在外租房的过渡费也时有拖欠。诉求：请相关部门告知分房时间。',
  },
  {
    categoryCode: '030302',
    requestTypes: ['COMPLAINT'],
    title: '{street}片区安置房选房顺序不公',
    content:
      '来电人反映，{street}片区安置房选房时，选房顺序未按签约先后确定，部分后签约户反而优先选到好楼层，群众意见较大。诉求：请相关部门公开选房规则并核实处理。',
  },

  // ─────────────────────────── 04 农村饮水住房安全 ───────────────────────────
  {
    categoryCode: '040101',
    requestTypes: ['HELP', 'COMPLAINT'],
    urgent: true,
    title: '{village}停水{days}天无人处理',
    content:
      '来电人反映，{town}{village}已连续停水{days}天，供水站未提前通知，也没有人告知恢复时间，村里老人多，只能到山上挑水喝。诉求：请相关部门尽快查明原因并恢复供水。',
  },
  {
    categoryCode: '040101',
    requestTypes: ['HELP', 'COMPLAINT'],
    title: '夏季用水高峰{village}地势高处无水',
    content:
      '来电人反映，进入夏季以来，{town}{village}地势较高的几个村小组每天白天都没有自来水，只有半夜才有少量来水，村民生活用水十分困难。诉求：请相关部门解决高处供水问题。',
  },
  {
    categoryCode: '040101',
    requestTypes: ['COMPLAINT'],
    title: '{village}入户管道装好{months}个月未通水',
    content:
      '来电人反映，{town}{village}去年实施了农村供水管网延伸工程，但入户管道已经安装{months}个月，至今仍未通水，村民还在使用自家水井。诉求：请相关部门督促施工单位尽快通水。',
  },
  {
    categoryCode: '040102',
    requestTypes: ['COMPLAINT', 'HELP'],
    title: '{village}自来水浑浊发黄',
    content:
      '来电人反映，最近{days}天{town}{village}的自来水浑浊发黄，放置一段时间后有沉淀，烧开后有异味，村民不敢直接饮用。诉求：请相关部门检测水质并尽快处理。',
  },
  {
    categoryCode: '040102',
    requestTypes: ['REPORT', 'COMPLAINT'],
    urgent: true,
    title: '{village}集中供水水源上游有人养猪',
    content:
      '来电人反映，{town}{village}集中供水的水源池上游有人养猪，雨后水池内水质明显变差，有异味，担心影响全村饮水安全。诉求：请相关部门核查水源保护情况并检测水质。',
  },
  {
    categoryCode: '040103',
    requestTypes: ['REPORT', 'HELP'],
    title: '{village}供水主管道破裂漏水',
    content:
      '来电人反映，{town}{village}路边的供水主管道破裂，大量自来水外流已有{days}天，导致下游多户村民家中水压不足甚至无水。诉求：请相关部门尽快派人维修。',
  },
  {
    categoryCode: '040103',
    requestTypes: ['REPORT'],
    title: '{village}蓄水池盖板损坏',
    content: '来电人反映，{town}{village}山上的供水蓄水池盖板损坏，落叶和杂物掉入池中，也存在小孩跌落的安全隐患。诉求：请相关部门尽快修复盖板并清洗水池。',
  },
  {
    categoryCode: '040201',
    requestTypes: ['CONSULTATION', 'HELP'],
    title: '土坯房开裂漏雨咨询危房改造',
    content:
      '来电人称其家住{town}{village}，房屋为几十年前建的土坯房，墙体开裂，雨天漏雨，家庭经济困难，询问是否符合农村危房改造条件以及如何申请。诉求：请相关部门解答并上门查看。',
  },
  {
    categoryCode: '040201',
    requestTypes: ['COMPLAINT'],
    title: '危房改造验收后补助款未到位',
    content: '来电人反映，其家于去年列入农村危房改造对象，房屋已按要求改造完工并通过验收，但补助资金{amount}元至今未到账。诉求：请相关部门核实发放进度。',
  },
  {
    categoryCode: '040202',
    requestTypes: ['CONSULTATION'],
    title: '咨询农村宅基地拆旧建新审批',
    content:
      '来电人称其为{town}{village}村民，家中人口增加需要在自家宅基地上拆旧建新，询问农村建房需要办理哪些审批手续、在哪里申请、需要多长时间。诉求：请相关部门予以解答。',
  },
  {
    categoryCode: '040202',
    requestTypes: ['COMPLAINT'],
    title: '农村建房申请{months}个月未获审批',
    content:
      '来电人反映，其于{months}个月前向{town}提交了农村建房申请，材料齐全，村里也已公示，但至今未拿到审批手续，建房材料已经备好，雨季前无法动工。诉求：请相关部门加快审批。',
  },

  // ───────────────────────────── 05 生态环保 ─────────────────────────────
  {
    categoryCode: '050101',
    requestTypes: ['COMPLAINT', 'REPORT'],
    title: '{company}夜间排放刺鼻废气',
    content:
      '来电人反映，{town}工业园区{company}每天晚上十点以后排放大量刺鼻废气，附近居民晚上不敢开窗，有人出现咽喉不适。诉求：请环保部门夜间突击检查，依法查处。',
  },
  {
    categoryCode: '050101',
    requestTypes: ['COMPLAINT'],
    title: '{village}附近砖厂烟囱冒黑烟',
    content:
      '来电人反映，{town}{village}附近一家砖厂烟囱长期冒黑烟，周边脐橙果园的果树叶子上落满黑灰，村民晾晒的衣服也被污染。诉求：请相关部门检查其环保设施运行情况。',
  },
  {
    categoryCode: '050102',
    requestTypes: ['COMPLAINT'],
    title: '{street}烧烤店油烟直排居民楼',
    content: '来电人反映，其居住的{street}某小区楼下有一家烧烤店，未安装油烟净化设备，油烟直接排向居民楼，每天营业至凌晨，气味难闻。诉求：请相关部门督促整改。',
  },
  {
    categoryCode: '050102',
    requestTypes: ['COMPLAINT'],
    title: '餐馆排烟管道正对居民卧室窗户',
    content:
      '来电人反映，其家楼下新开的一家餐馆把排烟管道直接安装在其卧室窗户下方，做饭时油烟和热气全部进入家中，与店主协商无果。诉求：请相关部门核查并督促移位整改。',
  },
  {
    categoryCode: '050103',
    requestTypes: ['REPORT'],
    title: '{village}农田焚烧秸秆浓烟滚滚',
    content: '来电人反映，{town}{village}附近农田里有人露天焚烧稻草秸秆，浓烟飘到附近公路和居民区，影响行车视线和空气质量。诉求：请相关部门及时制止。',
  },
  {
    categoryCode: '050103',
    requestTypes: ['REPORT'],
    title: '空地上焚烧废旧电线黑烟刺鼻',
    content:
      '来电人反映，{town}{place}附近有人在空地上焚烧废旧电线和塑料垃圾以回收铜线，黑烟很大，气味刺鼻，已持续多日。诉求：请相关部门尽快到现场制止并查处。',
  },
  {
    categoryCode: '050104',
    requestTypes: ['COMPLAINT'],
    title: '{street}渣土车沿途撒落扬尘',
    content:
      '来电人反映，{street}一带每天有大量渣土车通行，车辆未覆盖篷布，沿途撒落泥土，晴天尘土飞扬，雨天满地泥浆。诉求：请相关部门加强渣土车管理并督促清扫路面。',
  },
  {
    categoryCode: '050104',
    requestTypes: ['COMPLAINT'],
    title: '{company}工地未落实降尘措施',
    content:
      '来电人反映，{street}旁{company}承建的工地土方作业时未洒水降尘，裸露土方也未覆盖，大风天气周边居民家中落满灰尘。诉求：请相关部门督促施工单位落实扬尘防治措施。',
  },
  {
    categoryCode: '050201',
    requestTypes: ['REPORT'],
    title: '{company}通过暗管偷排废水',
    content: '来电人反映，{town}{company}通过暗管将生产废水排入附近小溪，溪水颜色发黑、有异味，下游有村民用溪水灌溉农田。诉求：请环保部门尽快查处。',
  },
  {
    categoryCode: '050201',
    requestTypes: ['REPORT'],
    title: '洗砂场废水直排贡江支流',
    content: '来电人反映，{town}河边一处洗砂场将洗砂废水直接排入贡江支流，排污口附近河水明显浑浊，影响下游取水和鱼类生长。诉求：请相关部门核查处理。',
  },
  {
    categoryCode: '050202',
    requestTypes: ['COMPLAINT', 'REPORT'],
    title: '{village}养猪场粪污直排农田',
    content: '来电人反映，{town}{village}一家养猪场将猪粪污水直接排入附近水沟，气味恶臭，苍蝇成群，污水已流入村民农田。诉求：请相关部门依法整治。',
  },
  {
    categoryCode: '050202',
    requestTypes: ['REPORT'],
    title: '{village}禁养区内搭棚养鸭',
    content: '来电人反映，{town}{village}河边禁养区内有人搭棚养殖上千只鸭子，鸭粪直接进入河里，河水发臭，附近村民意见很大。诉求：请相关部门核查并依法处理。',
  },
  {
    categoryCode: '050203',
    requestTypes: ['COMPLAINT', 'REPORT'],
    title: '{village}河段漂浮大量垃圾',
    content:
      '来电人反映，{town}{village}段河道内漂浮大量生活垃圾、塑料瓶和死鱼，河岸也堆有垃圾，长期无人清理，天热时气味难闻。诉求：请相关部门组织清理并落实河长制管护责任。',
  },
  {
    categoryCode: '050203',
    requestTypes: ['COMPLAINT'],
    title: '{street}旁排水渠发黑发臭',
    content: '来电人反映，城区{street}旁的排水渠水体发黑发臭，夏季蚊虫滋生，怀疑有生活污水直排。诉求：请相关部门排查污水来源并进行整治。',
  },
  {
    categoryCode: '050301',
    requestTypes: ['COMPLAINT'],
    title: '{company}工地夜间施工噪音扰民',
    content:
      '来电人反映，{street}旁{company}承建的工地连续{days}天晚上十点以后仍在浇筑混凝土，机器轰鸣声很大，附近居民无法入睡。诉求：请相关部门核实是否办理夜间施工许可，并督促停止夜间施工。',
  },
  {
    categoryCode: '050301',
    requestTypes: ['COMPLAINT'],
    title: '{street}工地凌晨打桩影响考生休息',
    content: '来电人反映，{street}某在建项目工地凌晨一两点仍在打桩作业，噪音和震动严重影响周边居民休息，家中孩子即将参加高考。诉求：请相关部门立即制止。',
  },
  {
    categoryCode: '050301',
    requestTypes: ['COMPLAINT'],
    title: '{town}集镇道路施工切割噪音扰民',
    content:
      '来电人反映，{town}集镇主街道路改造施工，每天早上六点不到就开始切割路面，中午也不停工，噪音刺耳，附近居民和卫生院病人都受影响。诉求：请相关部门督促合理安排施工时间。',
  },
  {
    categoryCode: '050302',
    requestTypes: ['COMPLAINT'],
    title: '{street}广场舞音响声音过大',
    content:
      '来电人反映，{street}附近休闲广场每天晚上七点到十点都有人跳广场舞，音响开得很大，周边居民和学生无法正常休息学习。诉求：请相关部门协调降低音量并规定活动时间。',
  },
  {
    categoryCode: '050302',
    requestTypes: ['COMPLAINT'],
    title: '楼下KTV营业到凌晨噪音扰民',
    content:
      '来电人反映，其家住{street}某小区，楼下一家KTV每天营业到凌晨两三点，唱歌声和低音炮震动声很大，严重影响居民休息。诉求：请相关部门检查其隔音措施并督促整改。',
  },
  {
    categoryCode: '050302',
    requestTypes: ['COMPLAINT'],
    title: '{street}商铺大喇叭循环播放广告',
    content: '来电人反映，{street}多家商铺在门口摆放音箱，用大喇叭循环播放促销广告，从早到晚不停，周边住户不堪其扰。诉求：请相关部门予以制止。',
  },
  {
    categoryCode: '050302',
    requestTypes: ['HELP', 'COMPLAINT'],
    title: '楼上住户深夜噪音多次沟通无效',
    content: '来电人反映，其家住{street}某小区，楼上住户经常深夜拖动桌椅，孩子跑跳声持续到凌晨，多次上门沟通均无效果。诉求：请社区和物业协调处理。',
  },
  {
    categoryCode: '050302',
    requestTypes: ['COMPLAINT'],
    title: '{village}文化广场广场舞持续到深夜',
    content:
      '来电人反映，{town}{village}文化广场每晚都有广场舞队伍使用大功率音响，有时持续到晚上十点半以后，广场紧挨民房，老人小孩无法入睡。诉求：请村委会和相关部门协调规范。',
  },
  {
    categoryCode: '050303',
    requestTypes: ['COMPLAINT'],
    title: '{company}机器昼夜运转噪音大',
    content:
      '来电人反映，{town}{company}厂区紧邻居民区，机器设备昼夜不停运转，噪音很大，晚上尤其明显，附近居民长期失眠。诉求：请相关部门进行噪音检测，督促企业采取降噪措施。',
  },
  {
    categoryCode: '050303',
    requestTypes: ['COMPLAINT'],
    title: '{village}石材加工厂切割噪音刺耳',
    content: '来电人反映，{town}{village}附近一家石材加工厂每天切割石材，噪音刺耳，粉尘也较大，厂区离最近的民房不到一百米。诉求：请相关部门检查处理。',
  },
  {
    categoryCode: '050401',
    requestTypes: ['REPORT'],
    title: '{village}山坳被倾倒大量建筑垃圾',
    content:
      '来电人反映，近期有货车在夜间将大量建筑垃圾和装修垃圾倾倒在{town}{village}的山坳里，已堆成小山，堵塞了排水沟。诉求：请相关部门调查倾倒来源并依法查处、清理。',
  },
  {
    categoryCode: '050401',
    requestTypes: ['REPORT'],
    urgent: true,
    title: '村道边被倾倒不明工业废渣',
    content: '来电人反映，{town}通往{village}的公路边被人倾倒了一批不明工业废渣，颜色发黑并有刺鼻气味，雨后有黑水流入农田。诉求：请相关部门尽快检测并处置。',
  },
  {
    categoryCode: '050501',
    requestTypes: ['REPORT'],
    title: '贡江{town}段夜间非法采砂',
    content:
      '来电人反映，贡江{town}段近期每晚都有采砂船在河中采砂，凌晨有货车运砂离开，疑似无证开采，河岸已出现坍塌。诉求：请相关部门夜间巡查，依法打击非法采砂。',
  },
  {
    categoryCode: '050501',
    requestTypes: ['REPORT'],
    title: '{village}河滩有人用挖机私挖河砂',
    content: '来电人反映，{town}{village}附近河滩上有人用挖掘机挖砂并用货车外运，已经持续{days}天，河道被挖得坑坑洼洼，影响防洪安全。诉求：请相关部门查处。',
  },
  {
    categoryCode: '050502',
    requestTypes: ['REPORT'],
    title: '{village}基本农田上搭建铁皮厂房',
    content: '来电人反映，{town}{village}有人在基本农田上用铁皮搭建厂房，并硬化地面，占地面积较大，目前仍在施工。诉求：请自然资源部门核查并依法制止。',
  },
  {
    categoryCode: '050502',
    requestTypes: ['REPORT'],
    title: '{village}水稻田被挖成鱼塘',
    content: '来电人反映，{town}{village}有村民将承包的水稻田挖成鱼塘，面积有十余亩，疑似违规改变耕地用途，影响周边农田灌溉。诉求：请相关部门核查处理。',
  },
  {
    categoryCode: '050503',
    requestTypes: ['REPORT'],
    title: '{village}后山松树被人夜间盗伐',
    content: '来电人反映，{town}{village}后山有人趁夜间砍伐松树并用车拉走，已有大片林地被砍光，怀疑没有林木采伐许可证。诉求：请林业部门调查处理。',
  },
  {
    categoryCode: '050503',
    requestTypes: ['REPORT'],
    title: '以开垦果园为名滥伐林木',
    content: '来电人反映，{town}{village}有人以开垦脐橙果园为名，大面积砍伐山上的杉木和阔叶林，还准备放火炼山。诉求：请相关部门核查是否有审批手续并依法处理。',
  },

  // ───────────────────────────── 06 营商环境 ─────────────────────────────
  {
    categoryCode: '060101',
    requestTypes: ['COMPLAINT'],
    title: '政务服务中心窗口未一次性告知',
    content:
      '来电人反映，其到区政务服务中心办理业务，窗口工作人员以材料不全为由让其来回跑了多次，每次告知的要求都不一样，未做到一次性告知。诉求：请相关部门核实并改进服务。',
  },
  {
    categoryCode: '060101',
    requestTypes: ['COMPLAINT'],
    title: '{town}便民服务中心工作时间无人',
    content:
      '来电人反映，其于工作日上午到{town}便民服务中心办理业务，窗口长时间无人，拨打公示的咨询电话也无人接听，白跑一趟。诉求：请相关部门加强管理，确保工作时间有人在岗。',
  },
  {
    categoryCode: '060102',
    requestTypes: ['CONSULTATION'],
    title: '咨询开奶茶店需办理哪些证照',
    content:
      '来电人称其准备在{street}开一家奶茶店，询问办理个体工商户营业执照和食品经营许可证需要准备哪些材料、能否网上办理、多长时间能拿到证。诉求：请相关部门予以解答。',
  },
  {
    categoryCode: '060102',
    requestTypes: ['COMPLAINT'],
    title: '食品经营许可证超时限未发证',
    content:
      '来电人反映，其于{days}天前提交了食品经营许可证申请，现场核查也已完成，但已超过承诺办结时限仍未发证，店铺装修完毕无法开业。诉求：请相关部门尽快办理。',
  },
  {
    categoryCode: '060201',
    requestTypes: ['COMPLAINT', 'HELP'],
    title: '政府投资项目拖欠企业工程款',
    content:
      '来电人反映，其公司于两年前承建了{town}一项基础设施项目，已竣工验收并完成审计，但仍有{amount}元工程款未支付，企业资金周转困难，工人工资也受影响。诉求：请相关部门协调尽快支付。',
  },
  {
    categoryCode: '060201',
    requestTypes: ['COMPLAINT'],
    title: '{company}供货款逾期{months}个月未付',
    content:
      '来电人反映，其为{company}负责人，向区内某国有企业供应建材，合同约定货到三个月内付款，现已逾期{months}个月，对方一直未付款。诉求：请相关部门协调解决。',
  },
  {
    categoryCode: '060202',
    requestTypes: ['COMPLAINT', 'REPORT'],
    title: '审批环节被要求找指定中介',
    content:
      '来电人反映，其公司在办理项目审批过程中，被要求必须委托指定的中介机构出具评估报告，收费{amount}元，明显高于市场价。诉求：请相关部门核查是否存在指定中介和乱收费问题。',
  },
  {
    categoryCode: '060202',
    requestTypes: ['COMPLAINT', 'CONSULTATION'],
    title: '协会摊派会费称不缴影响年审',
    content:
      '来电人反映，{company}近期收到某协会通知，要求缴纳会费和培训费共{amount}元，称不缴纳会影响年审，企业并未自愿入会。诉求：请相关部门核实该收费是否合规。',
  },
  {
    categoryCode: '060203',
    requestTypes: ['COMPLAINT', 'CONSULTATION'],
    title: '{company}稳岗补贴公示后未到账',
    content: '来电人反映，{company}去年申报了稳岗返还和吸纳就业补贴，已通过审核公示，但补贴资金{amount}元至今未到账。诉求：请相关部门告知发放时间。',
  },
  {
    categoryCode: '060203',
    requestTypes: ['CONSULTATION'],
    title: '咨询中小微企业纾困扶持政策',
    content:
      '来电人称其为{company}负责人，企业受市场影响经营困难，询问赣县区目前有哪些针对中小微企业的贷款贴息、税费减免和用电优惠政策，如何申报。诉求：请相关部门予以解答。',
  },
  {
    categoryCode: '060301',
    requestTypes: ['COMPLAINT'],
    title: '{company}招商承诺奖励未兑现',
    content:
      '来电人反映，其公司{company}作为招商引资企业落户{town}，签约时承诺给予厂房租金减免和设备补贴，企业已按期投产，但相关奖励至今未兑现。诉求：请相关部门按协议兑现承诺。',
  },
  {
    categoryCode: '060301',
    requestTypes: ['COMPLAINT', 'HELP'],
    title: '签约{months}个月项目用地仍未交付',
    content:
      '来电人反映，{company}与区里签订投资协议已{months}个月，约定的项目用地至今未完成征收平整，企业无法开工建设，前期投入损失较大。诉求：请相关部门尽快协调解决。',
  },

  // ───────────────────────────── 07 水电气热 ─────────────────────────────
  {
    categoryCode: '070101',
    requestTypes: ['COMPLAINT', 'CONSULTATION'],
    title: '{street}一带突然停水未通知',
    content:
      '来电人反映，{street}一带从今天上午开始突然停水，供水公司未提前发布停水通知，客服电话一直占线，居民做饭洗漱都成问题。诉求：请相关部门告知停水原因和恢复时间。',
  },
  {
    categoryCode: '070101',
    requestTypes: ['HELP', 'COMPLAINT'],
    urgent: true,
    title: '{street}小区停水{days}天仍未恢复',
    content:
      '来电人反映，其所住{street}某小区已停水{days}天，物业称是二次供水设备故障正在维修，但一直没有修好，也未安排送水，高层住户生活十分困难。诉求：请相关部门督促尽快恢复供水。',
  },
  {
    categoryCode: '070101',
    requestTypes: ['COMPLAINT'],
    title: '{street}管道抢修超时仍未来水',
    content:
      '来电人反映，{street}因供水管道抢修停水，公告称晚上八点恢复供水，现已超过时间仍未来水，居民家中老人孩子较多。诉求：请相关部门尽快恢复供水并及时发布信息。',
  },
  {
    categoryCode: '070102',
    requestTypes: ['COMPLAINT'],
    title: '小区自来水漂白粉味重',
    content:
      '来电人反映，其所住{street}某小区近期自来水有很重的漂白粉味，有时还有白色悬浮物，家中小孩喝后肚子不舒服。诉求：请相关部门检测水质并清洗二次供水水箱。',
  },
  {
    categoryCode: '070102',
    requestTypes: ['COMPLAINT'],
    title: '{street}恢复供水后水质发黄',
    content: '来电人反映，{street}一带停水恢复后，自来水一直是黄色的，放了很久也不清澈，无法正常洗衣做饭。诉求：请供水部门排查管网并进行冲洗。',
  },
  {
    categoryCode: '070103',
    requestTypes: ['COMPLAINT'],
    title: '高层住户用水高峰水压不足',
    content:
      '来电人反映，其住在{street}某小区十五楼，每天早晚用水高峰时段水压很低，燃气热水器无法启动，已持续{months}个月。诉求：请相关部门检查小区二次加压设备。',
  },
  {
    categoryCode: '070103',
    requestTypes: ['COMPLAINT', 'HELP'],
    title: '{town}集镇自来水水压不足',
    content: '来电人反映，{town}集镇近期自来水水压很小，二楼以上基本没有水，居民只能用水桶在一楼接水再提上楼。诉求：请相关部门尽快解决。',
  },
  {
    categoryCode: '070104',
    requestTypes: ['COMPLAINT'],
    title: '本月水费突增至{amount}元',
    content: '来电人反映，其家中平时每月水费几十元，本月水费账单达到{amount}元，家中并无漏水情况，怀疑水表故障或抄表错误。诉求：请供水公司上门核查水表。',
  },
  {
    categoryCode: '070104',
    requestTypes: ['CONSULTATION'],
    title: '咨询居民阶梯水价及增加基数',
    content:
      '来电人询问赣县区居民生活用水阶梯水价的具体标准，家中人口较多能否申请增加阶梯水量基数，以及需要提供哪些材料、到哪里办理。诉求：请相关部门予以解答。',
  },
  {
    categoryCode: '070201',
    requestTypes: ['COMPLAINT'],
    title: '{village}夏季频繁停电',
    content:
      '来电人反映，入夏以来{town}{village}经常停电，一天停好几次，每次一两个小时，天气炎热，家中老人难以忍受，冰箱里的食物也坏了。诉求：请供电部门排查原因并尽快改善。',
  },
  {
    categoryCode: '070201',
    requestTypes: ['HELP', 'COMPLAINT'],
    urgent: true,
    title: '{street}小区突然停电老人被困',
    content:
      '来电人反映，{street}某小区从晚上八点左右突然停电，已超过三个小时仍未恢复，小区电梯停运，有行动不便的老人被困家中。诉求：请供电部门尽快抢修恢复供电。',
  },
  {
    categoryCode: '070201',
    requestTypes: ['COMPLAINT'],
    title: '{town}计划停电未提前通知',
    content: '来电人反映，{town}今天白天停电一整天，供电所事先未张贴停电通知，也没有短信提醒，导致其经营的冷库货物受损。诉求：请供电部门今后提前告知停电信息。',
  },
  {
    categoryCode: '070201',
    requestTypes: ['HELP'],
    urgent: true,
    title: '养鸡场突然停电急需恢复',
    content: '来电人反映，其在{town}{village}经营养鸡场，今天下午起突然停电，鸡舍通风设备停止运行，天气炎热，已有鸡只死亡。诉求：请供电部门立即抢修。',
  },
  {
    categoryCode: '070202',
    requestTypes: ['COMPLAINT'],
    title: '{village}用电高峰电压低',
    content:
      '来电人反映，{town}{village}晚上用电高峰时段电压很低，电灯忽明忽暗，空调和水泵都无法启动，已持续{months}个月。诉求：请供电部门对台区变压器进行增容改造。',
  },
  {
    categoryCode: '070202',
    requestTypes: ['COMPLAINT'],
    title: '电压忽高忽低烧坏多户家电',
    content: '来电人反映，{street}某小区昨晚电压忽高忽低，多户居民家中的电视、冰箱等电器被烧坏。诉求：请供电部门查明原因，并协调处理居民损失赔偿问题。',
  },
  {
    categoryCode: '070203',
    requestTypes: ['REPORT'],
    urgent: true,
    title: '{village}路边电线杆严重倾斜',
    content: '来电人反映，{town}{village}路边一根电线杆因雨水冲刷严重倾斜，电线离地面很低，村民和学生每天都要从下面经过。诉求：请供电部门尽快扶正加固。',
  },
  {
    categoryCode: '070203',
    requestTypes: ['REPORT'],
    urgent: true,
    title: '{village}有人在高压线下建房',
    content: '来电人反映，{town}{village}有村民在高压线正下方新建三层楼房，楼顶距离高压线很近，存在触电安全隐患。诉求：请相关部门尽快制止。',
  },
  {
    categoryCode: '070204',
    requestTypes: ['COMPLAINT'],
    title: '电费突然翻倍怀疑电表不准',
    content: '来电人反映，其家中近两个月电费比往年同期高出一倍多，家中用电习惯没有变化，怀疑电表计量不准。诉求：请供电部门上门校验电表并核实电费。',
  },
  {
    categoryCode: '070204',
    requestTypes: ['CONSULTATION', 'COMPLAINT'],
    title: '屋顶光伏并网后收益未结算',
    content: '来电人称其在{town}{village}家中屋顶安装了分布式光伏发电设备，已并网{months}个月，但发电收益一直未结算到账。诉求：请供电部门核实结算情况。',
  },
  {
    categoryCode: '070301',
    requestTypes: ['COMPLAINT'],
    title: '{street}小区突然停气未通知',
    content: '来电人反映，{street}某小区今天中午突然停气，燃气公司未提前通知，居民无法做饭，询问客服也没有明确答复恢复时间。诉求：请相关部门尽快恢复供气。',
  },
  {
    categoryCode: '070301',
    requestTypes: ['COMPLAINT'],
    title: '老旧小区燃气改造完工未通气',
    content: '来电人反映，其所在{street}老旧小区燃气管道改造已完工{months}个月，但一直没有通气，居民仍在使用液化气罐，存在安全隐患。诉求：请燃气公司尽快通气。',
  },
  {
    categoryCode: '070302',
    requestTypes: ['REPORT', 'HELP'],
    urgent: true,
    title: '单元楼道内闻到浓烈燃气味',
    content:
      '来电人反映，其所住{street}某小区单元楼道内闻到很浓的燃气味，怀疑燃气管道泄漏，已通知邻居开窗通风、不要使用明火。诉求：请燃气公司立即派人上门检修。',
  },
  {
    categoryCode: '070302',
    requestTypes: ['REPORT'],
    urgent: true,
    title: '餐馆后厨存放多个液化气瓶',
    content: '来电人反映，{street}一家餐馆厨房内同时存放多个液化气瓶，气瓶与灶具距离很近，也没有安装燃气泄漏报警器。诉求：请相关部门检查整改。',
  },
  {
    categoryCode: '070303',
    requestTypes: ['COMPLAINT', 'CONSULTATION'],
    title: '新房燃气开户安装费过高',
    content: '来电人反映，其新购{street}某小区商品房，燃气公司要求缴纳开户安装费{amount}元，认为收费过高且不清楚收费依据。诉求：请相关部门核实收费是否合规。',
  },
  {
    categoryCode: '070303',
    requestTypes: ['COMPLAINT'],
    title: '燃气卡线上充值{days}天未到账',
    content: '来电人反映，其通过手机缴费平台给燃气卡充值{amount}元，插卡后气量一直未增加，联系燃气公司称需要等待，已等了{days}天。诉求：请燃气公司核实处理。',
  },
  {
    categoryCode: '070401',
    requestTypes: ['COMPLAINT', 'SUGGESTION'],
    title: '{village}手机信号差打不通电话',
    content: '来电人反映，{town}{village}手机信号很差，在家中基本打不通电话，老人有急事无法联系外面，学生上网课也无法进行。诉求：请通信运营商增设基站。',
  },
  {
    categoryCode: '070401',
    requestTypes: ['COMPLAINT'],
    title: '{street}新建小区无光纤宽带',
    content: '来电人反映，其入住的{street}新建小区至今没有光纤宽带接入，运营商称线路还没有铺设，居民上网很不方便。诉求：请相关部门协调尽快接入宽带。',
  },
  {
    categoryCode: '070402',
    requestTypes: ['COMPLAINT', 'REPORT'],
    title: '{street}通信线缆杂乱低垂',
    content: '来电人反映，{street}路边电线杆上的通信线缆杂乱缠绕，有的已经垂到行人头顶高度，货车经过时容易刮断。诉求：请相关部门组织整治。',
  },
  {
    categoryCode: '070402',
    requestTypes: ['REPORT'],
    title: '{town}集镇废弃光缆掉落路面',
    content: '来电人反映，{town}集镇街道上有一段废弃的通信光缆掉落在路面上，电动车经过时容易缠住车轮，存在安全隐患。诉求：请相关运营商尽快清理。',
  },

  // ─────────────────────────── 08 住房城乡建设 ───────────────────────────
  {
    categoryCode: '080101',
    requestTypes: ['COMPLAINT'],
    title: '{street}某小区物业服务不到位',
    content:
      '来电人反映，其所住{street}某小区物业服务质量差，垃圾不及时清运，绿化无人打理，门禁长期损坏，业主反映问题物业一直不处理。诉求：请相关部门督促物业公司履行合同义务。',
  },
  {
    categoryCode: '080101',
    requestTypes: ['COMPLAINT'],
    title: '小区门岗无人值守多次失窃',
    content:
      '来电人反映，其所住{street}某小区近期多户业主家中和车内物品被盗，小区门岗经常无人值守，监控也大多损坏，物业未采取任何措施。诉求：请相关部门督促物业加强安保管理。',
  },
  {
    categoryCode: '080101',
    requestTypes: ['HELP', 'COMPLAINT'],
    urgent: true,
    title: '物业公司突然撤场小区无人管',
    content:
      '来电人反映，其所住{street}某小区原物业公司因收费问题突然撤场，已{days}天无人管理，垃圾堆积，楼道灯和水泵无人维护。诉求：请相关部门协调尽快引入新物业或临时托管。',
  },
  {
    categoryCode: '080102',
    requestTypes: ['COMPLAINT', 'CONSULTATION'],
    title: '物业费上涨未征求业主意见',
    content:
      '来电人反映，其所住{street}某小区物业公司近日张贴通知，物业费从每平方米每月一元上涨到一元五角，未召开业主大会征求意见。诉求：请相关部门核实涨价是否合规。',
  },
  {
    categoryCode: '080102',
    requestTypes: ['COMPLAINT'],
    title: '物业以未交停车费为由限制进出',
    content: '来电人反映，其所住小区物业以其未缴纳停车管理费为由，将其车辆车牌从门禁系统中删除，导致车辆无法进出小区。诉求：请相关部门核实处理。',
  },
  {
    categoryCode: '080102',
    requestTypes: ['COMPLAINT'],
    title: '物业装修保证金迟迟不退',
    content:
      '来电人反映，其新房装修时物业要求缴纳装修保证金{amount}元和垃圾清运费，装修完成已{months}个月，保证金仍迟迟不予退还。诉求：请相关部门督促物业退还。',
  },
  {
    categoryCode: '080103',
    requestTypes: ['COMPLAINT', 'CONSULTATION'],
    title: '屋顶漏水申请维修资金审批慢',
    content:
      '来电人反映，其所住{street}某小区屋顶漏水严重，需要使用住宅专项维修资金，但申请流程繁琐，递交材料{months}个月仍未批下来。诉求：请相关部门简化流程、加快审批。',
  },
  {
    categoryCode: '080103',
    requestTypes: ['CONSULTATION', 'HELP'],
    title: '业主申请成立业委会无人指导',
    content: '来电人反映，其所住小区业主想成立业主委员会，已向社区提交申请多次，但一直没有得到回复和指导。诉求：请相关部门指导业主依法成立业主委员会。',
  },
  {
    categoryCode: '080201',
    requestTypes: ['COMPLAINT'],
    title: '新房入住不到一年墙体开裂渗水',
    content:
      '来电人反映，其于去年购买的{street}某楼盘新房，入住不到一年墙体多处开裂，雨天外墙渗水，开发商一直拖延维修。诉求：请相关部门督促开发商履行保修责任。',
  },
  {
    categoryCode: '080201',
    requestTypes: ['COMPLAINT'],
    title: '小区地下车库逢雨必淹',
    content: '来电人反映，其所住小区地下车库每逢下雨就大面积积水，已多次淹没车辆，开发商和物业相互推诿。诉求：请相关部门协调解决地下车库排水问题。',
  },
  {
    categoryCode: '080202',
    requestTypes: ['COMPLAINT'],
    urgent: true,
    title: '{street}某楼盘逾期交房{months}个月',
    content:
      '来电人反映，其购买的{street}某楼盘合同约定去年底交房，现已逾期{months}个月，工地处于半停工状态，开发商不给明确答复，众多购房户意见很大。诉求：请相关部门督促开发商尽快复工交房。',
  },
  {
    categoryCode: '080202',
    requestTypes: ['COMPLAINT'],
    title: '开发商通知交房但不具备条件',
    content: '来电人反映，其购买的商品房开发商通知交房，但小区内道路未完工、水电未正式接通、电梯也未验收，不具备交付条件。诉求：请相关部门核查。',
  },
  {
    categoryCode: '080301',
    requestTypes: ['COMPLAINT', 'HELP'],
    title: '购房多年仍无法办理不动产权证',
    content:
      '来电人反映，其于几年前购买了{street}某小区商品房，至今无法办理不动产权证，开发商称项目手续不全，孩子上学落户受到影响。诉求：请相关部门协调解决办证问题。',
  },
  {
    categoryCode: '080301',
    requestTypes: ['CONSULTATION'],
    title: '咨询二手房过户办理流程',
    content: '来电人询问在赣县区办理二手房买卖过户需要准备哪些材料、缴纳哪些税费、能否在不动产登记中心一个窗口办结。诉求：请相关部门予以解答。',
  },
  {
    categoryCode: '080302',
    requestTypes: ['COMPLAINT'],
    title: '中介隐瞒房屋抵押拒退定金',
    content:
      '来电人反映，其通过{street}一家房产中介购买二手房，支付定金{amount}元后才发现房屋存在抵押，中介事先未告知，现拒绝退还定金。诉求：请相关部门核实处理。',
  },
  {
    categoryCode: '080302',
    requestTypes: ['COMPLAINT', 'REPORT'],
    title: '楼盘宣传可就读名校不实',
    content: '来电人反映，某楼盘销售时宣传购房可就读附近学校，但入住后被告知不在该学校划片范围内，售楼处拒绝承担责任。诉求：请相关部门查处虚假宣传。',
  },
  {
    categoryCode: '080401',
    requestTypes: ['CONSULTATION'],
    title: '外来务工人员咨询公租房申请',
    content:
      '来电人称其为外来务工人员，在城区工作，收入较低，询问在赣县区申请公共租赁住房需要满足哪些条件、准备哪些材料、多久能分到房。诉求：请相关部门予以解答。',
  },
  {
    categoryCode: '080401',
    requestTypes: ['COMPLAINT'],
    title: '公租房小区私自转租管理混乱',
    content: '来电人反映，其居住的公租房小区有人私自转租，楼道堆满杂物，电梯经常损坏无人维修。诉求：请相关部门加强公租房管理，清理违规转租。',
  },
  {
    categoryCode: '080501',
    requestTypes: ['COMPLAINT'],
    title: '老旧小区改造施工进度缓慢',
    content:
      '来电人反映，其所住{street}老旧小区改造工程已施工{months}个月，路面全部挖开后进度缓慢，居民出行非常不便，下雨天满地泥泞。诉求：请相关部门督促施工单位加快进度。',
  },
  {
    categoryCode: '080501',
    requestTypes: ['SUGGESTION'],
    title: '建议将{street}某小区纳入改造',
    content: '来电人反映，其所住{street}某小区建于上世纪九十年代，管网老化、道路破损、没有停车位，居民希望纳入老旧小区改造计划。诉求：请相关部门研究考虑。',
  },

  // ───────────────────────────── 09 城市管理 ─────────────────────────────
  {
    categoryCode: '090101',
    requestTypes: ['COMPLAINT'],
    title: '{place}门口流动摊贩占道经营',
    content: '来电人反映，城区{place}门口每天早上有大量流动摊贩占道卖菜，占用机动车道，早高峰交通严重堵塞。诉求：请相关部门加强管理，引导摊贩入市经营。',
  },
  {
    categoryCode: '090101',
    requestTypes: ['COMPLAINT'],
    title: '{street}夜宵摊占用人行道',
    content: '来电人反映，{street}两侧夜宵摊晚上把桌椅摆到人行道上，行人只能走机动车道，且噪音、垃圾问题突出。诉求：请城管部门规范管理。',
  },
  {
    categoryCode: '090102',
    requestTypes: ['COMPLAINT'],
    title: '小区楼道电梯贴满小广告',
    content: '来电人反映，其所住{street}某小区楼道和电梯内贴满了开锁、疏通下水道、办证等小广告，物业清理后很快又被贴上。诉求：请相关部门加强整治。',
  },
  {
    categoryCode: '090102',
    requestTypes: ['REPORT'],
    urgent: true,
    title: '{street}商铺广告牌松动倾斜',
    content: '来电人反映，{street}一家商铺的大型户外广告牌已经松动倾斜，大风天气摇晃明显，下方就是人行道。诉求：请相关部门尽快督促拆除或加固。',
  },
  {
    categoryCode: '090201',
    requestTypes: ['REPORT', 'COMPLAINT'],
    title: '顶楼住户楼顶违规加盖铁皮房',
    content: '来电人反映，其所住{street}某小区顶楼住户在楼顶违规加盖铁皮房，占用公共区域，导致楼下住户漏水。诉求：请相关部门依法查处拆除。',
  },
  {
    categoryCode: '090201',
    requestTypes: ['REPORT'],
    title: '{village}有人未经审批抢建房屋',
    content: '来电人反映，{town}{village}有人未经审批在道路边抢建房屋，日夜施工，目前已建到二层。诉求：请相关部门尽快制止并依法处理。',
  },
  {
    categoryCode: '090301',
    requestTypes: ['COMPLAINT'],
    title: '小区垃圾桶满溢{days}天未清运',
    content: '来电人反映，{street}某小区垃圾桶已连续{days}天没有清运，垃圾满溢到地面，天气炎热臭味很大，蚊蝇滋生。诉求：请相关部门尽快清运。',
  },
  {
    categoryCode: '090301',
    requestTypes: ['COMPLAINT'],
    title: '{place}附近垃圾中转站臭气熏天',
    content: '来电人反映，城区{place}附近的垃圾中转站管理不善，垃圾露天堆放，污水横流，周边居民和路人苦不堪言。诉求：请相关部门整改。',
  },
  {
    categoryCode: '090302',
    requestTypes: ['COMPLAINT'],
    title: '{town}{place}旁公厕脏乱',
    content: '来电人反映，{town}{place}旁的公共厕所卫生状况很差，地面污水横流，洗手池损坏，长期无人打扫。诉求：请相关部门加强管理。',
  },
  {
    categoryCode: '090302',
    requestTypes: ['SUGGESTION'],
    title: '建议{street}附近公厕延长开放',
    content: '来电人反映，{street}附近的公共厕所晚上八点就锁门，附近夜市人流量大，群众如厕十分不便。诉求：建议相关部门延长公厕开放时间。',
  },
  {
    categoryCode: '090401',
    requestTypes: ['REPORT', 'COMPLAINT'],
    title: '{street}路灯大面积不亮',
    content:
      '来电人反映，{street}一段路灯已有{days}天晚上不亮，路面漆黑，晚上行人和电动车通行存在安全隐患，附近居民晚上都不敢出门散步。诉求：请相关部门尽快维修。',
  },
  {
    categoryCode: '090401',
    requestTypes: ['REPORT'],
    title: '{street}路灯白天常亮浪费电',
    content: '来电人反映，{street}部分路灯白天一直亮着，已经持续多日，造成电能浪费，而到了晚上反而有几盏不亮。诉求：请相关部门检查路灯控制设备并及时调整。',
  },
  {
    categoryCode: '090402',
    requestTypes: ['REPORT', 'COMPLAINT'],
    title: '{street}路面坑洼多人摔倒',
    content: '来电人反映，{street}部分路段路面破损严重，坑洼较多，下雨后积水看不清路面，已有多名电动车骑行者摔倒。诉求：请相关部门尽快修补路面。',
  },
  {
    categoryCode: '090402',
    requestTypes: ['REPORT'],
    urgent: true,
    title: '{street}人行道井盖缺失',
    content: '来电人反映，{street}人行道上有一个井盖缺失，只用几根树枝遮挡，晚上光线暗，行人特别是小孩容易掉落。诉求：请相关部门立即补装井盖。',
  },
  {
    categoryCode: '090402',
    requestTypes: ['REPORT', 'COMPLAINT'],
    title: '{street}井盖松动车过哐当响',
    content: '来电人反映，{street}某路口附近有一个井盖松动，车辆经过时发出很大响声，夜间影响附近居民休息，也容易伤到行人。诉求：请相关部门维修加固。',
  },
  {
    categoryCode: '090403',
    requestTypes: ['COMPLAINT'],
    title: '{street}下水道堵塞污水外溢',
    content:
      '来电人反映，{street}一带下水道堵塞，污水从井盖处外溢到路面，臭味很大，已持续{days}天，路过的行人只能绕行，周边商铺生意也受影响。诉求：请相关部门尽快疏通。',
  },
  {
    categoryCode: '090403',
    requestTypes: ['COMPLAINT', 'SUGGESTION'],
    title: '暴雨后{street}低洼路段积水严重',
    content: '来电人反映，每逢暴雨{street}低洼路段积水深达半米，车辆熄火、商铺进水，排水能力明显不足，每年汛期都会出现同样情况。诉求：请相关部门改造排水管网。',
  },
  {
    categoryCode: '090501',
    requestTypes: ['REPORT'],
    title: '{street}行道树遮挡红绿灯',
    content: '来电人反映，{street}路口的行道树枝叶过于茂密，遮挡了交通信号灯，司机看不清信号，存在安全隐患。诉求：请相关部门修剪树枝。',
  },
  {
    categoryCode: '090501',
    requestTypes: ['COMPLAINT'],
    title: '{street}中间绿化带杂草丛生',
    content: '来电人反映，{street}中间绿化带杂草长得比人还高，很多花木已经枯死，长期无人养护，影响市容市貌。诉求：请相关部门加强养护。',
  },

  // ───────────────────────────── 10 市场监管 ─────────────────────────────
  {
    categoryCode: '100101',
    requestTypes: ['COMPLAINT', 'REPORT'],
    title: '在{town}{place}附近买到变质卤菜',
    content:
      '来电人反映，其于昨日在{town}{place}附近一家熟食店购买卤菜，回家后发现已经变质发酸，家人食用后出现腹泻症状，商家拒绝退赔。诉求：请相关部门查处并协调赔偿。',
  },
  {
    categoryCode: '100101',
    requestTypes: ['COMPLAINT', 'REPORT'],
    title: '{street}超市销售过期食品',
    content: '来电人反映，其在{street}一家超市购买的牛奶和面包已超过保质期{days}天，超市货架上还有多件同批次商品在售。诉求：请市场监管部门查处。',
  },
  {
    categoryCode: '100101',
    requestTypes: ['REPORT'],
    title: '小学门口小卖部售卖“三无”食品',
    content: '来电人反映，{town}中心小学门口的几家小卖部售卖辣条、小包装饮料等“三无”食品，价格便宜，很多学生购买食用。诉求：请相关部门检查整治。',
  },
  {
    categoryCode: '100101',
    requestTypes: ['REPORT'],
    urgent: true,
    title: '{town}农贸市场疑似售卖病死猪肉',
    content: '来电人反映，{town}农贸市场有摊贩低价售卖来路不明的猪肉，肉色发暗，没有检疫合格证明，怀疑是病死猪肉。诉求：请相关部门尽快查处。',
  },
  {
    categoryCode: '100102',
    requestTypes: ['COMPLAINT', 'REPORT'],
    title: '{street}餐馆后厨卫生脏乱',
    content: '来电人反映，其在{street}一家餐馆就餐时，无意间看到后厨地面油污遍地，食材直接放在地上，厨师未戴口罩帽子操作。诉求：请相关部门检查整改。',
  },
  {
    categoryCode: '100102',
    requestTypes: ['REPORT', 'HELP'],
    urgent: true,
    title: '酒店聚餐后{count}人呕吐腹泻',
    content: '来电人反映，其与亲友共{count}人昨晚在{town}一家酒店聚餐，饭后多人出现呕吐、腹泻症状，已到医院就诊，怀疑食物中毒。诉求：请相关部门尽快调查处理。',
  },
  {
    categoryCode: '100102',
    requestTypes: ['COMPLAINT'],
    title: '外卖餐品中吃出异物',
    content: '来电人反映，其通过外卖平台在{street}一家快餐店点餐，在饭菜中吃出头发和钢丝球碎屑，商家只同意退款，不承认卫生问题。诉求：请相关部门核查处理。',
  },
  {
    categoryCode: '100103',
    requestTypes: ['REPORT'],
    title: '{street}药店无处方销售处方药',
    content: '来电人反映，{street}一家药店销售抗生素等处方药不需要处方，也不登记购药人信息，随意出售给顾客，存在滥用药品的风险。诉求：请相关部门检查规范。',
  },
  {
    categoryCode: '100103',
    requestTypes: ['REPORT', 'COMPLAINT'],
    title: '{village}有人以讲座名义高价卖理疗仪',
    content:
      '来电人反映，{town}{village}近期有人以免费体检、送鸡蛋为名吸引老人参加讲座，高价推销所谓能治百病的理疗仪，每台{amount}元。诉求：请相关部门查处，保护老人权益。',
  },
  {
    categoryCode: '100201',
    requestTypes: ['COMPLAINT'],
    title: '手机店以旧换新多收费用',
    content:
      '来电人反映，其在{street}一家手机店购买新手机，店员推荐以旧换新并办理分期，事后发现实际支付金额比标价多出{amount}元，商家拒不解释。诉求：请相关部门核实处理。',
  },
  {
    categoryCode: '100201',
    requestTypes: ['COMPLAINT'],
    title: '定制家具与样品不符商家拒换',
    content: '来电人反映，其在城区一家家具城定制的衣柜和床，送货后发现材质与样品明显不符，板材有刺鼻气味，商家拒绝退换。诉求：请相关部门协调处理。',
  },
  {
    categoryCode: '100201',
    requestTypes: ['COMPLAINT'],
    title: '网购电暖器七天内退货被拒',
    content: '来电人反映，其在网上购买的一台电暖器收到后无法使用，商家在七天无理由退货期内拒绝退货，该网店经营者注册地在赣县区。诉求：请相关部门协调退货退款。',
  },
  {
    categoryCode: '100201',
    requestTypes: ['COMPLAINT'],
    title: '汽修店未经同意更换配件收费',
    content: '来电人反映，其将车辆送到{street}一家汽修店做保养，店家未经同意更换了多个零件，收取费用{amount}元，明显不合理。诉求：请相关部门协调处理。',
  },
  {
    categoryCode: '100202',
    requestTypes: ['COMPLAINT', 'HELP'],
    urgent: true,
    title: '{street}健身房关门预付卡难退',
    content:
      '来电人反映，其在{street}一家健身房办理年卡，花费{amount}元，仅使用{months}个月健身房就关门，老板联系不上，受影响会员有{count}人左右。诉求：请相关部门帮助追讨预付款。',
  },
  {
    categoryCode: '100202',
    requestTypes: ['COMPLAINT'],
    title: '理发店转让后新老板不认充值卡',
    content: '来电人反映，其在{street}一家理发店充值{amount}元，现店铺转让给新老板，新老板不承认原来的充值卡，原老板也不予退款。诉求：请相关部门协调退费。',
  },
  {
    categoryCode: '100203',
    requestTypes: ['COMPLAINT'],
    title: '新电动车电池鼓包商家拒换',
    content: '来电人反映，其在{town}一家电动车店购买的新电动车，使用不到{months}个月电池就鼓包，充电时发烫，商家拒绝更换。诉求：请相关部门检测处理。',
  },
  {
    categoryCode: '100203',
    requestTypes: ['COMPLAINT'],
    title: '瓷砖铺贴后大面积开裂',
    content: '来电人反映，其在建材市场购买的瓷砖铺贴后大面积出现开裂和色差，经销商称是施工问题拒绝赔偿。诉求：请相关部门协调处理并检测产品质量。',
  },
  {
    categoryCode: '100301',
    requestTypes: ['COMPLAINT'],
    title: '{place}附近停车场乱收费',
    content: '来电人反映，城区{place}附近停车场收费标准未公示，停车不到一小时收费{amount}元，明显高于规定标准，也不开具票据。诉求：请相关部门核查。',
  },
  {
    categoryCode: '100301',
    requestTypes: ['COMPLAINT', 'REPORT'],
    title: '超市标价与结算价不一致',
    content: '来电人反映，其在{street}一家超市购物，货架标价与收银结算价格不一致，结算价格高于标价，已发现多次。诉求：请相关部门查处价格欺诈行为。',
  },
  {
    categoryCode: '100401',
    requestTypes: ['COMPLAINT', 'REPORT'],
    urgent: true,
    title: '小区电梯频繁故障多次困人',
    content: '来电人反映，其所住{street}某小区电梯近一个月频繁故障，已发生多次困人事件，物业只简单维修后继续使用。诉求：请相关部门对电梯进行安全检查。',
  },
  {
    categoryCode: '100401',
    requestTypes: ['HELP'],
    urgent: true,
    title: '电梯停在两层之间{count}人被困',
    content: '来电人反映，{street}某小区一部电梯突然停在两层之间，内有{count}人被困，已超过二十分钟，物业和维保人员尚未到达。诉求：请相关部门立即组织救援。',
  },
  {
    categoryCode: '100401',
    requestTypes: ['COMPLAINT', 'CONSULTATION'],
    title: '电梯检验合格标志过期',
    content: '来电人反映，其所住小区电梯内张贴的安全检验合格标志已过期{months}个月，物业称正在办理，但一直未更新。诉求：请相关部门核实电梯是否检验合格。',
  },
  {
    categoryCode: '100402',
    requestTypes: ['REPORT'],
    urgent: true,
    title: '{town}液化气站违规充装过期钢瓶',
    content: '来电人反映，{town}一家液化气站存在给过期钢瓶充装、用大瓶倒装小瓶的情况，气站周边还有居民楼和学校，安全隐患较大。诉求：请相关部门检查查处。',
  },
  {
    categoryCode: '100402',
    requestTypes: ['REPORT'],
    urgent: true,
    title: '洗涤厂锅炉无证运行',
    content: '来电人反映，{town}一家洗涤厂使用的蒸汽锅炉没有使用登记证，操作人员也无证上岗，锅炉房紧邻居民楼。诉求：请相关部门检查处理。',
  },
  {
    categoryCode: '100501',
    requestTypes: ['REPORT'],
    title: '{village}无证小作坊生产米粉',
    content: '来电人反映，{town}{village}有一家小作坊无证生产米粉和腐竹，生产环境脏乱，产品销往周边农贸市场。诉求：请相关部门检查取缔。',
  },
  {
    categoryCode: '100501',
    requestTypes: ['REPORT'],
    title: '{street}附近无照废品收购站',
    content: '来电人反映，{street}附近有人在空地上无照经营废品收购站，废品堆积如山，存在消防隐患并影响周边环境。诉求：请相关部门依法查处。',
  },
  {
    categoryCode: '100502',
    requestTypes: ['COMPLAINT'],
    title: '{town}水果摊贩缺斤短两',
    content: '来电人反映，其在{town}{place}附近的摊位买水果，回家复称发现少了近三两，怀疑电子秤被做了手脚。诉求：请相关部门检查计量器具。',
  },
  {
    categoryCode: '100502',
    requestTypes: ['REPORT', 'COMPLAINT'],
    title: '保健品店夸大宣传诱导老人购买',
    content:
      '来电人反映，{street}一家保健品店对外宣称其产品可以治疗高血压、糖尿病，诱导老年人大量购买，其父亲已花费{amount}元。诉求：请相关部门查处虚假宣传并协助退款。',
  },

  // ───────────────────────────── 11 交通运输 ─────────────────────────────
  {
    categoryCode: '110101',
    requestTypes: ['COMPLAINT'],
    title: '{place}出租车嫌路近拒载',
    content: '来电人反映，其今天晚上在{place}打出租车，司机询问目的地后以路程太近为由拒载，来电人已记下车牌号。诉求：请相关部门核实处理。',
  },
  {
    categoryCode: '110101',
    requestTypes: ['COMPLAINT'],
    title: '出租车不打表一口价收费',
    content: '来电人反映，其从{place}乘坐出租车到{street}，司机不打表，一口价收费{amount}元，明显高于正常计价，乘客要求打表被拒绝。诉求：请相关部门查处。',
  },
  {
    categoryCode: '110101',
    requestTypes: ['COMPLAINT'],
    title: '出租车司机故意绕路态度恶劣',
    content:
      '来电人反映，其乘坐出租车从{place}到{street}，司机故意绕远路，平时十几元的车费此次收了{amount}元，乘客提出异议后司机态度恶劣。诉求：请相关部门核实处理。',
  },
  {
    categoryCode: '110101',
    requestTypes: ['COMPLAINT'],
    title: '出租车司机拼客且驾驶时打电话',
    content: '来电人反映，其在{place}乘坐出租车，司机未经同意沿途搭载其他乘客，行驶中还一直手持手机打电话，存在安全隐患。诉求：请相关部门加强出租车行业管理。',
  },
  {
    categoryCode: '110102',
    requestTypes: ['SUGGESTION'],
    title: '建议开通城区至{town}公交线路',
    content: '来电人反映，{town}距离城区较近，但没有直达公交，村民进城只能坐私人面包车，既贵又不安全。诉求：建议相关部门开通城区至{town}的公交线路。',
  },
  {
    categoryCode: '110102',
    requestTypes: ['COMPLAINT', 'SUGGESTION'],
    title: '城区公交班次少等车时间长',
    content: '来电人反映，城区某路公交车班次很少，早晚高峰要等四十分钟以上，且经常不按时刻表发车。诉求：请相关部门增加班次并公布实时到站信息。',
  },
  {
    categoryCode: '110103',
    requestTypes: ['COMPLAINT', 'HELP'],
    title: '{village}班车停运村民出行难',
    content: '来电人反映，{town}至{village}的农村客运班车已停运{months}个月，村民去集镇赶集、看病只能步行或搭乘摩托车，很不方便。诉求：请相关部门恢复班线。',
  },
  {
    categoryCode: '110103',
    requestTypes: ['REPORT'],
    urgent: true,
    title: '{town}赶集日农村班车严重超员',
    content: '来电人反映，{town}至城区的农村客运班车在赶集日严重超员，车内站满乘客，过道也放满货物，存在安全隐患。诉求：请相关部门加强监管。',
  },
  {
    categoryCode: '110104',
    requestTypes: ['REPORT', 'COMPLAINT'],
    title: '{place}门口黑车拉客',
    content: '来电人反映，城区{place}门口长期聚集大量无营运资质的私家车、面包车拉客，强拉乘客并漫天要价。诉求：请相关部门整治非法营运。',
  },
  {
    categoryCode: '110104',
    requestTypes: ['REPORT'],
    title: '{town}三轮摩托车非法载客',
    content: '来电人反映，{town}集镇有多辆三轮摩托车长期非法载客，经常超载并在路上随意掉头，存在严重安全隐患。诉求：请相关部门整治。',
  },
  {
    categoryCode: '110201',
    requestTypes: ['REPORT'],
    urgent: true,
    title: '国道{town}段路面塌陷',
    content: '来电人反映，国道{town}段有一处路面塌陷，形成较深的坑槽，周边没有警示标志，夜间车辆经过容易发生事故。诉求：请公路部门尽快修补并设置警示标志。',
  },
  {
    categoryCode: '110201',
    requestTypes: ['REPORT', 'COMPLAINT'],
    title: '省道{town}段边沟堵塞路面积水',
    content: '来电人反映，省道{town}段两侧边沟被泥土和杂草堵塞，下雨时路面积水严重，车辆经过溅水，影响行车安全。诉求：请公路部门清理边沟。',
  },
  {
    categoryCode: '110202',
    requestTypes: ['COMPLAINT', 'HELP'],
    title: '{village}进村道路坑洼不平',
    content: '来电人反映，{town}通往{village}的村道路面破损严重，坑洼遍布，雨天泥泞不堪，村民出行和脐橙外运都很困难。诉求：请相关部门尽快维修。',
  },
  {
    categoryCode: '110202',
    requestTypes: ['COMPLAINT', 'REPORT'],
    title: '{village}新修水泥路开裂起砂',
    content: '来电人反映，{town}{village}新修的水泥路刚完工不到{months}个月就出现开裂和起砂，怀疑施工偷工减料。诉求：请相关部门检查工程质量。',
  },
  {
    categoryCode: '110202',
    requestTypes: ['SUGGESTION'],
    title: '建议拓宽{village}进村道路',
    content: '来电人反映，{town}{village}进村道路只有三米宽，会车困难，脐橙收获季大货车进出经常堵塞。诉求：建议相关部门将该路纳入拓宽改造计划。',
  },
  {
    categoryCode: '110301',
    requestTypes: ['REPORT', 'COMPLAINT'],
    title: '采石场货车超载压坏村道',
    content: '来电人反映，{town}{village}附近采石场的重型货车每天超载运输，村道被压坏，村口小桥也出现裂缝。诉求：请相关部门加强治超。',
  },
  {
    categoryCode: '110301',
    requestTypes: ['REPORT'],
    urgent: true,
    title: '{street}夜间渣土车超载超速',
    content: '来电人反映，{street}每天晚上有大量渣土车超载超速行驶，闯红灯现象严重，轰鸣声也影响沿线居民休息，存在很大安全隐患。诉求：请相关部门查处。',
  },
  {
    categoryCode: '110302',
    requestTypes: ['COMPLAINT'],
    title: '驾校报名后迟迟不安排考试',
    content: '来电人反映，其于{months}个月前在城区一家驾校报名学车，缴纳费用{amount}元，但驾校一直不安排练车和考试，多次催问均推托。诉求：请相关部门督促处理。',
  },
  {
    categoryCode: '110302',
    requestTypes: ['REPORT', 'COMPLAINT'],
    title: '驾校教练暗示学员送烟送红包',
    content: '来电人反映，其在驾校学车期间，教练暗示学员送烟送红包，否则练车时间少、态度差，部分学员敢怒不敢言。诉求：请相关部门调查处理，规范驾培行为。',
  },

  // ───────────────────────────── 12 教育 ─────────────────────────────
  {
    categoryCode: '120101',
    requestTypes: ['CONSULTATION'],
    title: '咨询小学新生入学划片及报名',
    content:
      '来电人称其居住在{street}某小区，孩子今年满六周岁，询问该小区对应划片的小学、报名时间和需要准备的材料，以及随迁子女如何办理入学。诉求：请教育部门予以解答。',
  },
  {
    categoryCode: '120101',
    requestTypes: ['HELP', 'COMPLAINT'],
    title: '随迁子女报名被告知学位已满',
    content: '来电人反映，其为外地来赣县区务工人员，已办理居住证并缴纳社保，但孩子到附近小学报名时被告知学位已满。诉求：请教育部门协调安排就近入学。',
  },
  {
    categoryCode: '120102',
    requestTypes: ['COMPLAINT'],
    title: '{town}某中学强制征订教辅资料',
    content: '来电人反映，{town}某中学要求学生统一购买教辅资料，每人收费{amount}元，家长不买会被老师点名。诉求：请教育部门核实是否违规收费。',
  },
  {
    categoryCode: '120102',
    requestTypes: ['COMPLAINT'],
    title: '民办幼儿园收费标准不公开',
    content:
      '来电人反映，{street}一家民办幼儿园每学期收费上涨，还另收各种兴趣班费用，收费标准未进行公示，家长询问时园方也说不清收费依据。诉求：请相关部门核查。',
  },
  {
    categoryCode: '120103',
    requestTypes: ['COMPLAINT'],
    title: '小学班主任体罚学生',
    content: '来电人反映，其孩子在{town}某小学上学，班主任因孩子作业未完成让其在走廊罚站一上午，还有言语侮辱。诉求：请教育部门调查处理。',
  },
  {
    categoryCode: '120103',
    requestTypes: ['REPORT'],
    title: '在职教师校外有偿补课',
    content: '来电人反映，{town}某中学有在职老师在校外租房开办补习班，暗示班上学生参加，每人每月收费{amount}元。诉求：请教育部门查处。',
  },
  {
    categoryCode: '120201',
    requestTypes: ['COMPLAINT', 'HELP'],
    urgent: true,
    title: '{street}培训机构突然关门学费难退',
    content:
      '来电人反映，{street}一家校外培训机构突然关门停课，家长预交的学费{amount}元无法退还，涉及学生约{count}人。诉求：请相关部门介入，帮助家长追回学费。',
  },
  {
    categoryCode: '120201',
    requestTypes: ['REPORT'],
    title: '小区民房内违规开办学科培训班',
    content: '来电人反映，{street}某小区内有人租用民房开办学科类培训班，周末和假期开课，无办学许可，场地狭小，没有消防设施。诉求：请相关部门检查处理。',
  },
  {
    categoryCode: '120301',
    requestTypes: ['CONSULTATION'],
    title: '咨询生源地信用助学贷款',
    content: '来电人称其孩子今年考上大学，家庭经济困难，询问生源地信用助学贷款的申请条件、办理时间和地点，以及还需准备哪些材料。诉求：请相关部门予以解答。',
  },
  {
    categoryCode: '120301',
    requestTypes: ['COMPLAINT', 'CONSULTATION'],
    title: '困难家庭学生生活补助未到账',
    content: '来电人反映，其家为脱贫户，孩子在{town}读初中，本学期的家庭经济困难学生生活补助至今未收到。诉求：请相关部门核实发放情况。',
  },
  {
    categoryCode: '120401',
    requestTypes: ['SUGGESTION', 'COMPLAINT'],
    title: '{town}中心小学门口上下学拥堵',
    content: '来电人反映，{town}中心小学门口上下学时段接送车辆乱停乱放，学生在车流中穿行，没有交警或护学岗疏导。诉求：请相关部门加强交通疏导。',
  },
  {
    categoryCode: '120401',
    requestTypes: ['REPORT', 'HELP'],
    urgent: true,
    title: '校门口有社会青年滋扰学生',
    content: '来电人反映，{town}某中学门口近期放学后常有社会青年聚集，拦住学生索要财物，学生不敢独自回家。诉求：请公安部门加强巡逻。',
  },

  // ───────────────────────────── 13 医疗卫生 ─────────────────────────────
  {
    categoryCode: '130101',
    requestTypes: ['HELP', 'CONSULTATION'],
    title: '术后出现并发症与医院协商未果',
    content:
      '来电人反映，其家属在区内某医院做完手术后出现严重并发症，家属认为医院存在过错，与医院协商赔偿未果。诉求：咨询医疗纠纷调解途径，请相关部门协调处理。',
  },
  {
    categoryCode: '130101',
    requestTypes: ['COMPLAINT'],
    title: '{town}卫生院疑似误诊延误治疗',
    content: '来电人反映，其父亲在{town}卫生院就诊时被诊断为普通感冒，三天后病情加重转到市里医院确诊为肺炎。诉求：请相关部门调查处理。',
  },
  {
    categoryCode: '130102',
    requestTypes: ['COMPLAINT', 'SUGGESTION'],
    title: '医院挂号缴费排队时间长',
    content: '来电人反映，其到区人民医院就诊，挂号、缴费、检查都要排长队，自助机器经常故障，老年人不会用线上预约。诉求：请医院优化就诊流程。',
  },
  {
    categoryCode: '130102',
    requestTypes: ['COMPLAINT'],
    title: '儿科急诊值班医生态度冷漠',
    content: '来电人反映，其带孩子到医院儿科急诊，值班医生态度冷漠，对家属的询问不耐烦，诊疗过程敷衍。诉求：请相关部门核实并加强医德医风教育。',
  },
  {
    categoryCode: '130201',
    requestTypes: ['CONSULTATION'],
    title: '咨询适龄女生HPV疫苗接种',
    content:
      '来电人询问赣县区HPV疫苗的接种年龄要求、如何预约、接种地点以及适龄女生免费接种政策，家中女儿今年十三岁是否符合条件。诉求：请卫生健康部门予以解答。',
  },
  {
    categoryCode: '130201',
    requestTypes: ['SUGGESTION', 'COMPLAINT'],
    title: '{town}卫生院接种门诊开放时间少',
    content: '来电人反映，{town}卫生院预防接种门诊每周只开放两天，经常需要排队两三个小时，带婴儿在走廊等待很辛苦。诉求：建议增加接种门诊开放时间。',
  },
  {
    categoryCode: '130202',
    requestTypes: ['COMPLAINT'],
    title: '{street}游泳馆水质浑浊',
    content:
      '来电人反映，{street}一家游泳馆水质浑浊，有明显异味，孩子游泳后皮肤出现红疹，眼睛也发红，同去的几个孩子都有类似症状。诉求：请相关部门检测水质并督促整改。',
  },
  {
    categoryCode: '130202',
    requestTypes: ['COMPLAINT'],
    title: '宾馆床上用品未换洗',
    content: '来电人反映，其入住{street}一家宾馆，发现床单枕套有污渍和毛发，明显未更换，卫生间也很脏，向前台反映后也不予处理。诉求：请卫生监督部门检查。',
  },
  {
    categoryCode: '130301',
    requestTypes: ['REPORT'],
    urgent: true,
    title: '{village}有人无证行医打针输液',
    content:
      '来电人反映，{town}{village}有一名人员在自家开设诊所，给村民打针输液、开药，收费不低，但没有任何行医资质，村民担心出医疗事故。诉求：请卫生监督部门查处。',
  },
  {
    categoryCode: '130301',
    requestTypes: ['REPORT'],
    title: '美容店违规开展医美项目',
    content: '来电人反映，{street}一家美容店没有医疗资质，却给顾客注射玻尿酸、做双眼皮等医美项目，来电人朋友做完后出现红肿感染。诉求：请相关部门查处。',
  },

  // ───────────────────────────── 14 社会保障 ─────────────────────────────
  {
    categoryCode: '140101',
    requestTypes: ['COMPLAINT'],
    title: '{company}未给员工缴纳社保',
    content: '来电人反映，其在{company}工作{months}个月，公司一直未为其缴纳社会保险，以试用期为由拖延。诉求：请相关部门督促公司依法缴纳社保。',
  },
  {
    categoryCode: '140101',
    requestTypes: ['CONSULTATION'],
    title: '咨询灵活就业人员社保缴费',
    content: '来电人称其为灵活就业人员，询问如何以个人身份缴纳职工养老保险和医疗保险、缴费基数有哪些档次以及办理地点。诉求：请相关部门予以解答。',
  },
  {
    categoryCode: '140101',
    requestTypes: ['COMPLAINT', 'CONSULTATION'],
    title: '社保缴费记录显示断缴{months}个月',
    content: '来电人反映，其查询社保缴费记录时发现有{months}个月显示断缴，但当时单位已从工资中扣除社保费。诉求：请相关部门核实并督促单位补缴。',
  },
  {
    categoryCode: '140102',
    requestTypes: ['CONSULTATION'],
    title: '咨询城乡居民养老保险待遇领取',
    content: '来电人称其为{town}{village}村民，今年满六十周岁，询问城乡居民基本养老保险待遇领取需要办理哪些手续、每月能领多少钱。诉求：请相关部门予以解答。',
  },
  {
    categoryCode: '140102',
    requestTypes: ['COMPLAINT', 'CONSULTATION'],
    title: '本月养老金未按时到账',
    content:
      '来电人反映，其为企业退休人员，本月养老金至今未到账，以往每月都按时发放，也未收到任何停发或延迟通知，老人生活费用受影响。诉求：请社保部门核查原因。',
  },
  {
    categoryCode: '140102',
    requestTypes: ['HELP'],
    title: '老人不会手机认证申请上门服务',
    content: '来电人反映，其家中老人年纪大、行动不便，不会用手机进行养老金领取资格认证，担心养老金被停发。诉求：请相关部门提供上门认证服务。',
  },
  {
    categoryCode: '140103',
    requestTypes: ['CONSULTATION'],
    title: '被辞退后咨询失业保险金申领',
    content: '来电人称其于上月被{company}辞退，已缴纳失业保险两年多，询问申领失业保险金的条件、领取标准和办理流程。诉求：请相关部门予以解答。',
  },
  {
    categoryCode: '140103',
    requestTypes: ['COMPLAINT'],
    title: '离职原因登记有误失业金被驳回',
    content: '来电人反映，其申请失业保险金被驳回，理由是单位登记的离职原因为个人辞职，但实际是被公司辞退，公司不愿意更改登记信息。诉求：请相关部门核实处理。',
  },
  {
    categoryCode: '140201',
    requestTypes: ['CONSULTATION', 'COMPLAINT'],
    title: '省外住院报销比例低咨询备案',
    content: '来电人反映，其在省外医院住院治疗花费{amount}元，回来报销时比例远低于预期，询问是否因未办理异地就医备案所致，能否补办备案。诉求：请医保部门解答。',
  },
  {
    categoryCode: '140201',
    requestTypes: ['COMPLAINT'],
    title: '医保手工报销{months}个月未到账',
    content: '来电人反映，其母亲住院后需手工报销的医保费用已提交材料{months}个月，至今未到账，询问经办窗口也无明确答复。诉求：请医保部门核实处理进度。',
  },
  {
    categoryCode: '140201',
    requestTypes: ['CONSULTATION'],
    title: '咨询门诊慢特病待遇申请',
    content: '来电人称其患有高血压和糖尿病，长期服药，询问如何申请门诊慢特病待遇、报销比例是多少，以及在{town}卫生院能否直接结算。诉求：请相关部门予以解答。',
  },
  {
    categoryCode: '140201',
    requestTypes: ['COMPLAINT'],
    title: '定点药店称系统故障不能刷医保',
    content: '来电人反映，其到{street}一家医保定点药店购药，药店称医保系统故障不能刷卡，要求现金支付，已连续多日如此。诉求：请相关部门核实。',
  },
  {
    categoryCode: '140202',
    requestTypes: ['CONSULTATION'],
    title: '咨询城乡居民医保缴费时间',
    content:
      '来电人询问今年城乡居民医保的缴费标准、缴费截止时间以及可以通过哪些渠道缴费，新生儿如何参保，外出务工人员能否在本地参保。诉求：请相关部门予以解答。',
  },
  {
    categoryCode: '140202',
    requestTypes: ['HELP'],
    title: '居民医保参保信息异常无法缴费',
    content: '来电人反映，其在手机上为家中老人缴纳城乡居民医保时，系统提示参保信息异常无法缴费，{town}便民服务中心说需要到区里办理。诉求：请相关部门协助解决。',
  },
  {
    categoryCode: '140301',
    requestTypes: ['CONSULTATION'],
    title: '咨询购房提取住房公积金',
    content: '来电人询问在赣县区购房后如何提取住房公积金、需要哪些材料、能否在手机上办理，以及多久能到账。诉求：请公积金中心予以解答。',
  },
  {
    categoryCode: '140301',
    requestTypes: ['COMPLAINT'],
    title: '公积金贷款申请{months}个月未放款',
    content: '来电人反映，其于{months}个月前申请住房公积金贷款，材料已提交齐全，但至今未放款，开发商一直催缴房款。诉求：请相关部门加快审批。',
  },
  {
    categoryCode: '140301',
    requestTypes: ['COMPLAINT'],
    title: '{company}未缴住房公积金',
    content: '来电人反映，{company}与员工签订劳动合同时约定缴纳住房公积金，但一直未缴纳，员工询问后公司称以后再补。诉求：请相关部门督促单位依法缴存。',
  },

  // ───────────────────────────── 15 公安治安 ─────────────────────────────
  {
    categoryCode: '150101',
    requestTypes: ['REPORT'],
    urgent: true,
    title: '{village}民房内有人聚众赌博',
    content: '来电人反映，{town}{village}一处民房内近期经常有人聚众赌博，每天有{count}人左右，赌资较大，还有人放高利贷。诉求：请公安部门查处。',
  },
  {
    categoryCode: '150101',
    requestTypes: ['REPORT'],
    title: '{street}足浴店疑似涉黄',
    content: '来电人反映，{street}一家足浴店深夜营业，门口有人招揽顾客，疑似存在色情服务，附近居民担心影响孩子。诉求：请公安部门调查处理。',
  },
  {
    categoryCode: '150102',
    requestTypes: ['REPORT', 'COMPLAINT'],
    title: '{street}某小区频繁发生电动车被盗',
    content: '来电人反映，{street}某小区近一个月有多辆电动车被盗，小区监控大多损坏，居民人心惶惶。诉求：请公安部门加强巡逻，并督促物业完善监控设施。',
  },
  {
    categoryCode: '150102',
    requestTypes: ['REPORT'],
    title: '{place}附近夜间有人酗酒滋事',
    content: '来电人反映，城区{place}附近夜间常有人酗酒后大声喧哗、打架滋事，周边居民和商户感到不安全。诉求：请公安部门加强夜间巡查。',
  },
  {
    categoryCode: '150103',
    requestTypes: ['REPORT', 'HELP'],
    urgent: true,
    title: '接到冒充客服电话被骗{amount}元',
    content:
      '来电人反映，其接到自称网购平台客服的电话，称其购买的商品有质量问题可以退款，按对方指引操作后被转走{amount}元。诉求：请公安部门立案侦查，帮助追回损失。',
  },
  {
    categoryCode: '150103',
    requestTypes: ['REPORT', 'HELP'],
    urgent: true,
    title: '兼职刷单垫付后被拉黑',
    content: '来电人反映，其在网上看到兼职刷单广告，前几单获得小额返利，后来连续垫付{amount}元后对方不再返还并将其拉黑。诉求：请公安部门处理。',
  },
  {
    categoryCode: '150201',
    requestTypes: ['COMPLAINT'],
    title: '车辆长期违停堵塞小区出入口',
    content: '来电人反映，{street}某小区出入口长期有车辆违停，遮挡视线并堵塞通道，居民出行困难，也影响救护车进出。诉求：请交警部门查处。',
  },
  {
    categoryCode: '150201',
    requestTypes: ['COMPLAINT'],
    title: '{place}门口乱停车堵塞交通',
    content: '来电人反映，城区{place}门口车辆乱停乱放，占用车道，经常造成交通拥堵，节假日尤为严重，行人通行也不安全。诉求：请交警部门加强管理。',
  },
  {
    categoryCode: '150202',
    requestTypes: ['REPORT'],
    urgent: true,
    title: '{street}路口红绿灯故障{days}天',
    content: '来电人反映，{street}某交叉路口红绿灯已有{days}天不亮，车辆和行人通行混乱，早晚高峰经常堵成一团，存在较大安全隐患。诉求：请相关部门尽快维修。',
  },
  {
    categoryCode: '150202',
    requestTypes: ['SUGGESTION'],
    title: '建议{town}集镇路口增设红绿灯',
    content: '来电人反映，{town}集镇主干道路口车流量大，没有红绿灯和减速带，近期多次发生交通事故。诉求：建议相关部门增设交通信号灯。',
  },
  {
    categoryCode: '150203',
    requestTypes: ['CONSULTATION'],
    title: '咨询新电动自行车上牌流程',
    content: '来电人询问在赣县区购买的新电动自行车如何上牌、需要带哪些材料、能否在{town}就近办理，以及没有购车发票该如何处理。诉求：请相关部门予以解答。',
  },
  {
    categoryCode: '150203',
    requestTypes: ['CONSULTATION'],
    title: '咨询超标电动车过渡期后处理',
    content: '来电人称其有一辆超标电动车，听说过渡期已经结束，询问现在是否还能上路、如何办理报废，以及有无置换补贴。诉求：请相关部门予以解答。',
  },
  {
    categoryCode: '150301',
    requestTypes: ['CONSULTATION'],
    title: '咨询新生儿落户手续',
    content: '来电人称其孩子刚出生，询问在赣县区办理新生儿落户需要哪些材料、父母户籍不在一地如何办理、能否网上办理。诉求：请公安部门予以解答。',
  },
  {
    categoryCode: '150301',
    requestTypes: ['COMPLAINT'],
    title: '户口迁移提交材料{days}天未办结',
    content: '来电人反映，其因工作原因要将户口迁入城区，已提交材料{days}天，派出所一直说要审核，没有明确办理时限。诉求：请相关部门加快办理。',
  },
  {
    categoryCode: '150302',
    requestTypes: ['CONSULTATION'],
    title: '外省户籍咨询身份证异地补办',
    content:
      '来电人称其户籍在外省，在赣县区工作时丢失身份证，询问能否在本地补办、需要多长时间、如何领取，以及办理期间能否开具临时身份证。诉求：请公安部门予以解答。',
  },
  {
    categoryCode: '150302',
    requestTypes: ['COMPLAINT'],
    title: '{town}派出所身份证超期未领到',
    content: '来电人反映，其在{town}派出所办理身份证已超过一个月，仍未通知领取，询问进度也没有结果，影响外出务工。诉求：请相关部门核实。',
  },

  // ───────────────────────────── 16 农业农村 ─────────────────────────────
  {
    categoryCode: '160101',
    requestTypes: ['REPORT'],
    title: '{village}果园发现疑似黄龙病树',
    content:
      '来电人反映，{town}{village}附近有一片脐橙果园出现大量叶片黄化的果树，疑似感染黄龙病，果园主一直未砍除病树，担心传染周边果园。诉求：请农业部门尽快核查并督促砍除。',
  },
  {
    categoryCode: '160101',
    requestTypes: ['HELP', 'CONSULTATION'],
    title: '新种脐橙落果裂果求技术指导',
    content: '来电人称其在{town}{village}新种植了脐橙，今年出现大量落果和裂果，询问农业部门能否派技术人员上门指导。诉求：请相关部门提供技术帮助。',
  },
  {
    categoryCode: '160101',
    requestTypes: ['HELP'],
    title: '{village}脐橙丰收遇滞销求助',
    content: '来电人反映，其在{town}{village}种植的脐橙今年丰收，但收购商压价严重，大量脐橙滞销，损失较大。诉求：请相关部门帮助对接电商和收购渠道。',
  },
  {
    categoryCode: '160102',
    requestTypes: ['COMPLAINT', 'REPORT'],
    title: '农资店复合肥疑似假冒',
    content: '来电人反映，其在{town}一家农资店购买的复合肥，施用后脐橙树没有任何效果，怀疑是假冒伪劣化肥。诉求：请相关部门检测并查处。',
  },
  {
    categoryCode: '160102',
    requestTypes: ['COMPLAINT'],
    title: '水稻种子发芽率不足三成',
    content: '来电人反映，其在{town}农资店购买的水稻种子，播种后发芽率不到三成，耽误农时，商家不予赔偿。诉求：请相关部门鉴定并协调赔偿。',
  },
  {
    categoryCode: '160103',
    requestTypes: ['COMPLAINT', 'CONSULTATION'],
    title: '耕地地力保护补贴未到账',
    content: '来电人反映，其为{town}{village}村民，今年的耕地地力保护补贴至今未到账，询问村里也说不清楚原因。诉求：请相关部门核实发放情况。',
  },
  {
    categoryCode: '160103',
    requestTypes: ['CONSULTATION'],
    title: '咨询种粮大户补贴政策',
    content: '来电人称其在{town}流转土地种植双季稻，询问种粮大户补贴的申报条件、补贴标准和申报时间，以及需要提交哪些证明材料。诉求：请相关部门予以解答。',
  },
  {
    categoryCode: '160201',
    requestTypes: ['COMPLAINT'],
    title: '{village}村口垃圾池满溢无人清',
    content: '来电人反映，{town}{village}村口的垃圾池已经满了{days}天没有清运，垃圾散落到路边，被野狗翻得到处都是，气味难闻。诉求：请相关部门尽快清运。',
  },
  {
    categoryCode: '160201',
    requestTypes: ['COMPLAINT'],
    title: '{village}生活污水直排村道',
    content: '来电人反映，{town}{village}部分村民将生活污水直接排放到村道上，雨天污水横流，影响村容村貌和村民出行。诉求：请相关部门整治。',
  },
  {
    categoryCode: '160202',
    requestTypes: ['HELP', 'COMPLAINT'],
    title: '改厕后化粪池满溢无人抽取',
    content: '来电人反映，其在{town}{village}的家中改厕后的三格式化粪池已满溢，无人上门抽取，粪水流到院子里。诉求：请相关部门安排抽粪清运。',
  },
  {
    categoryCode: '160202',
    requestTypes: ['COMPLAINT'],
    title: '户厕改造验收后补助未兑现',
    content: '来电人反映，其家按要求完成了户厕改造并通过验收，但承诺的补助{amount}元至今未发放，询问村里说还在等上级拨款。诉求：请相关部门核实发放进度。',
  },
  {
    categoryCode: '160301',
    requestTypes: ['HELP', 'REPORT'],
    urgent: true,
    title: '{village}便桥被洪水冲毁',
    content: '来电人反映，{town}{village}通往对岸农田的便桥被洪水冲毁，村民和学生只能绕行数公里，也有人冒险涉水过河。诉求：请相关部门尽快修复。',
  },
  {
    categoryCode: '160301',
    requestTypes: ['SUGGESTION', 'COMPLAINT'],
    title: '{village}村小组道路未硬化',
    content: '来电人反映，{town}{village}的一个村小组还有一段泥土路未硬化，雨天无法通行，多次向村里反映未解决。诉求：请相关部门纳入建设计划。',
  },
  {
    categoryCode: '160302',
    requestTypes: ['COMPLAINT', 'HELP'],
    title: '{village}灌溉水渠破损漏水',
    content: '来电人反映，{town}{village}的灌溉主渠多处破损，放水时大量漏水，下游农田灌溉不上，眼看就到插秧时节。诉求：请相关部门维修。',
  },
  {
    categoryCode: '160302',
    requestTypes: ['SUGGESTION'],
    title: '{village}山塘淤积蓄水能力下降',
    content: '来电人反映，{town}{village}的山塘多年未清淤，蓄水量大幅减少，干旱时无法灌溉农田和果园，坝体也有杂树丛生。诉求：请相关部门安排清淤。',
  },
  {
    categoryCode: '160401',
    requestTypes: ['CONSULTATION'],
    title: '咨询农机购置补贴申请',
    content: '来电人询问购买收割机、旋耕机等农机具能否享受购置补贴，补贴标准是多少，购买后如何申请、多久能到账。诉求：请农业农村部门予以解答。',
  },
  {
    categoryCode: '160401',
    requestTypes: ['COMPLAINT'],
    title: '插秧机购置补贴迟迟未到账',
    content: '来电人反映，其于{months}个月前购买了一台插秧机并提交了补贴申请，相关部门也已现场核验机具，但至今补贴款未到账。诉求：请相关部门核实进度。',
  },
  {
    categoryCode: '160402',
    requestTypes: ['COMPLAINT', 'HELP'],
    title: '收割机保修期内频繁故障',
    content: '来电人反映，其在农机销售公司购买的收割机在保修期内频繁出现故障，厂家维修人员迟迟不来，耽误收割。诉求：请相关部门协调处理。',
  },
  {
    categoryCode: '160402',
    requestTypes: ['REPORT'],
    urgent: true,
    title: '{village}无牌拖拉机上路载人',
    content: '来电人反映，{town}{village}有人驾驶无牌拖拉机在公路上载人，车厢里站满村民，赶集日往来于集镇和村里之间，存在严重安全隐患。诉求：请相关部门查处。',
  },
  {
    categoryCode: '160501',
    requestTypes: ['REPORT'],
    urgent: true,
    title: '{village}河边发现丢弃死猪',
    content: '来电人反映，{town}{village}附近河边被人丢弃了几头死猪，已腐烂发臭，担心污染水源和传播疫病。诉求：请相关部门尽快无害化处理并调查来源。',
  },
  {
    categoryCode: '160501',
    requestTypes: ['CONSULTATION'],
    title: '咨询家养犬只狂犬病免疫',
    content: '来电人询问农村家养犬只狂犬病疫苗的免费接种时间和地点，以及{town}有没有集中免疫点，接种是否需要带犬只登记证明。诉求：请相关部门告知。',
  },

  // ───────────────────────────── 17 民政 ─────────────────────────────
  {
    categoryCode: '170101',
    requestTypes: ['CONSULTATION', 'HELP'],
    title: '家庭困难咨询低保申请条件',
    content:
      '来电人称其家住{town}{village}，丈夫因病丧失劳动能力，家中有两个孩子上学，询问是否可以申请最低生活保障、申请流程是怎样的。诉求：请相关部门予以解答。',
  },
  {
    categoryCode: '170101',
    requestTypes: ['REPORT', 'COMPLAINT'],
    title: '反映{village}低保评定不公',
    content: '来电人反映，{town}{village}有村民家中有楼房和小车仍在享受低保，而真正困难的家庭却没有评上，村民对评定过程有意见。诉求：请相关部门核查。',
  },
  {
    categoryCode: '170101',
    requestTypes: ['COMPLAINT', 'CONSULTATION'],
    title: '低保突然停发未告知原因',
    content: '来电人反映，其家低保本月突然停发，未收到任何通知，也不清楚取消原因，家中有长期患病的老人，生活受到影响。诉求：请相关部门告知原因并核实。',
  },
  {
    categoryCode: '170102',
    requestTypes: ['HELP'],
    title: '{village}特困老人独居无人照料',
    content: '来电人反映，{town}{village}有一名特困老人独居，身体不好，近期行动不便，生活无人照料。诉求：请相关部门安排集中供养或上门照料。',
  },
  {
    categoryCode: '170102',
    requestTypes: ['CONSULTATION'],
    title: '咨询特困人员认定及敬老院入住',
    content: '来电人询问无劳动能力、无生活来源、无赡养人的老人如何申请特困人员救助供养，是否可以入住敬老院。诉求：请相关部门予以解答。',
  },
  {
    categoryCode: '170103',
    requestTypes: ['HELP'],
    urgent: true,
    title: '{village}农户家中失火急需救助',
    content: '来电人反映，其家住{town}{village}，昨晚家中突发火灾，房屋和财物几乎全部烧毁，一家{count}口暂住亲戚家。诉求：请相关部门给予临时救助。',
  },
  {
    categoryCode: '170103',
    requestTypes: ['HELP', 'CONSULTATION'],
    title: '孩子患重病家庭申请临时救助',
    content: '来电人反映，其孩子患重病住院，已花费医疗费{amount}元，家庭难以承担后续治疗费用。诉求：咨询如何申请临时救助和大病救助。',
  },
  {
    categoryCode: '170201',
    requestTypes: ['REPORT', 'COMPLAINT'],
    urgent: true,
    title: '民办养老院疑似护理员打骂老人',
    content: '来电人反映，其父亲住在城区一家民办养老院，探视时发现老人身上有淤青，怀疑护理人员存在打骂行为。诉求：请相关部门调查处理。',
  },
  {
    categoryCode: '170201',
    requestTypes: ['CONSULTATION'],
    title: '咨询公办养老院入住条件',
    content: '来电人询问赣县区公办养老机构的入住条件、收费标准和申请方式，家中有失能老人需要长期照护，子女都在外地工作无法照顾。诉求：请相关部门予以解答。',
  },
  {
    categoryCode: '170202',
    requestTypes: ['COMPLAINT'],
    title: '八旬老人高龄补贴停发{months}个月',
    content: '来电人反映，其家中老人已年满八十周岁，之前每月领取高龄补贴，但最近{months}个月没有到账，家人询问村里也没有得到答复。诉求：请相关部门核实。',
  },
  {
    categoryCode: '170202',
    requestTypes: ['CONSULTATION'],
    title: '咨询高龄补贴申领条件',
    content: '来电人询问赣县区高龄补贴的发放标准、年满多少岁可以申请、需要提供哪些材料以及到哪里办理，能否由子女代办。诉求：请相关部门予以解答。',
  },
  {
    categoryCode: '170301',
    requestTypes: ['COMPLAINT'],
    title: '重度残疾人护理补贴未到账',
    content: '来电人反映，其为重度残疾人，已申请困难残疾人生活补贴和重度残疾人护理补贴，审核通过后补贴至今未到账。诉求：请相关部门核实。',
  },
  {
    categoryCode: '170301',
    requestTypes: ['CONSULTATION'],
    title: '咨询残疾人两项补贴标准',
    content: '来电人询问赣县区困难残疾人生活补贴和重度残疾人护理补贴的发放标准、申请条件，以及能否在{town}便民服务中心申请。诉求：请相关部门予以解答。',
  },
  {
    categoryCode: '170302',
    requestTypes: ['CONSULTATION'],
    title: '车祸致残咨询残疾证办理',
    content: '来电人称其家人因车祸导致肢体残疾，询问办理残疾证需要到哪里评残、准备什么材料、多久能拿到证，以及办证后可以享受哪些补贴。诉求：请残联予以解答。',
  },
  {
    categoryCode: '170302',
    requestTypes: ['HELP'],
    title: '瘫痪老人申请上门评残',
    content: '来电人反映，其家中老人瘫痪在床，无法到医院进行残疾评定，家属多次咨询均被告知需本人到场，询问能否安排医生上门评定。诉求：请相关部门提供上门服务。',
  },
  {
    categoryCode: '170401',
    requestTypes: ['COMPLAINT'],
    title: '公墓墓穴及管理费收费过高',
    content: '来电人反映，城区附近某公墓墓穴价格过高，还一次性收取多年高额管理费，群众负担重，且收费项目没有明码标价。诉求：请相关部门核查收费标准。',
  },
  {
    categoryCode: '170401',
    requestTypes: ['REPORT'],
    title: '{village}有人在耕地林地乱埋乱葬',
    content: '来电人反映，{town}{village}有人将去世的亲属埋葬在耕地和公益林内，还修建了大墓，占用了不少耕地。诉求：请相关部门依法处理。',
  },
  {
    categoryCode: '170401',
    requestTypes: ['COMPLAINT'],
    title: '居民区办丧事奏乐放鞭炮到深夜',
    content: '来电人反映，其家附近有人办丧事，在居民区连续几天搭棚奏乐、燃放鞭炮到深夜，楼道和路面满是鞭炮碎屑，影响居民休息。诉求：请相关部门协调规范。',
  },
  {
    categoryCode: '170402',
    requestTypes: ['CONSULTATION'],
    title: '咨询结婚登记材料及预约',
    content: '来电人询问在赣县区民政局办理结婚登记需要哪些材料、是否需要提前预约、周末和节假日能否办理，双方户籍不在本区能否办理。诉求：请相关部门予以解答。',
  },
  {
    categoryCode: '170402',
    requestTypes: ['CONSULTATION'],
    title: '咨询结婚证遗失补领',
    content: '来电人称其结婚证丢失，办理房产手续时需要使用，询问补领结婚证需要的材料、办理地点以及是否需要夫妻双方到场。诉求：请相关部门予以解答。',
  },
  {
    categoryCode: '170501',
    requestTypes: ['CONSULTATION'],
    title: '退役士兵咨询优待政策',
    content: '来电人称其为退役士兵，询问赣县区退役军人就业创业扶持、优待证办理以及参战参试人员补助等政策。诉求：请退役军人事务部门予以解答。',
  },
  {
    categoryCode: '170501',
    requestTypes: ['COMPLAINT'],
    title: '在乡复员军人抚恤补助未发放',
    content: '来电人反映，其父亲为在乡老复员军人，本季度定期抚恤补助金至今未发放，询问村里也不清楚原因，老人年事已高急需这笔钱。诉求：请相关部门核实。',
  },
  {
    categoryCode: '170601',
    requestTypes: ['HELP'],
    urgent: true,
    title: '遭受家庭暴力求助',
    content: '来电人反映，其长期遭受丈夫家庭暴力，昨晚又被殴打，现在不敢回家，担心孩子安全。诉求：请妇联和公安部门介入，提供庇护帮助。',
  },
  {
    categoryCode: '170601',
    requestTypes: ['HELP', 'REPORT'],
    title: '{village}留守儿童辍学无人监护',
    content: '来电人反映，{town}{village}有一名留守儿童父母常年在外务工，由年迈的奶奶照看，孩子经常不去上学在外游荡。诉求：请相关部门关注并落实监护帮扶。',
  },

  // ───────────────────────────── 18 邮政快递 ─────────────────────────────
  {
    categoryCode: '180101',
    requestTypes: ['COMPLAINT'],
    title: '邮政寄出文件{days}天未送达',
    content: '来电人反映，其通过邮政寄出的重要文件已{days}天仍未送达，物流信息一直未更新，邮政网点无法给出答复。诉求：请相关部门核查邮件下落。',
  },
  {
    categoryCode: '180101',
    requestTypes: ['COMPLAINT'],
    title: '邮政包裹丢失赔偿过低',
    content: '来电人反映，其寄出的包裹内有价值{amount}元的物品，邮政称包裹丢失，但只按邮费倍数赔偿，寄件时工作人员并未提示保价。诉求：请相关部门协调合理赔偿。',
  },
  {
    categoryCode: '180102',
    requestTypes: ['SUGGESTION'],
    title: '{town}邮政网点中午不营业',
    content: '来电人反映，{town}邮政网点中午十二点到下午两点不营业，附近群众和上班族只能利用午休时间办事，办理业务很不方便。诉求：建议调整营业时间。',
  },
  {
    categoryCode: '180102',
    requestTypes: ['COMPLAINT', 'SUGGESTION'],
    title: '{town}邮政网点只开一个窗口',
    content: '来电人反映，{town}邮政网点只开一个窗口，每次办理业务都要排队一个多小时，老年人领取养老金时尤其困难，经常等到中午关门。诉求：请增加服务窗口。',
  },
  {
    categoryCode: '180201',
    requestTypes: ['COMPLAINT'],
    title: '快递破损商家与网点互相推诿',
    content: '来电人反映，其网购的一套餐具通过快递送达时外包装破损，餐具多件碎裂，快递网点称是商家包装问题拒绝理赔。诉求：请相关部门协调处理。',
  },
  {
    categoryCode: '180201',
    requestTypes: ['COMPLAINT'],
    title: '快递到分拨中心后停滞{days}天',
    content: '来电人反映，其快递到达赣县区分拨中心后已停滞{days}天，物流信息未更新，快递网点电话无人接听，包裹内是急用的药品。诉求：请相关部门督促派送。',
  },
  {
    categoryCode: '180202',
    requestTypes: ['COMPLAINT'],
    title: '快递不送上门强制放驿站',
    content: '来电人反映，其所住{street}某小区的快递员从不送货上门，也不打电话告知，直接放到驿站并收取保管费。诉求：请相关部门规范快递末端派送。',
  },
  {
    categoryCode: '180202',
    requestTypes: ['COMPLAINT'],
    title: '{village}快递需到镇上自取并加价',
    content: '来电人反映，{town}{village}的快递都要到镇上驿站自取，每件还要额外收取两元派送费。诉求：请相关部门核查是否合规，推动快递进村。',
  },

  // ─────────────────────────── 19 文化旅游体育 ───────────────────────────
  {
    categoryCode: '190101',
    requestTypes: ['REPORT'],
    title: '{street}网吧接纳未成年人上网',
    content: '来电人反映，{street}一家网吧经常接纳未成年人上网，不查验身份证，甚至允许学生通宵上网，附近中学不少学生放学后就钻进网吧。诉求：请相关部门查处。',
  },
  {
    categoryCode: '190101',
    requestTypes: ['COMPLAINT', 'REPORT'],
    title: '{street}酒吧超时营业醉酒闹事',
    content: '来电人反映，{street}一家酒吧营业到凌晨四五点，门口经常有人喝醉闹事，附近居民无法休息，夜间经常有摩托车轰油门。诉求：请相关部门检查处理。',
  },
  {
    categoryCode: '190201',
    requestTypes: ['COMPLAINT'],
    title: '白鹭古村景区周边停车乱收费',
    content: '来电人反映，其在节假日到白鹭古村游玩，景区外停车场收费{amount}元，没有明码标价，收费人员也不开票。诉求：请相关部门核查。',
  },
  {
    categoryCode: '190201',
    requestTypes: ['COMPLAINT'],
    title: '低价旅游团导游强制购物',
    content: '来电人反映，其参加了赣县区一家旅行社组织的低价旅游团，途中导游强制带团进店购物，不购物就态度恶劣。诉求：请相关部门查处。',
  },
  {
    categoryCode: '190301',
    requestTypes: ['REPORT'],
    title: '{village}文化广场健身器材损坏',
    content: '来电人反映，{town}{village}文化广场的健身器材多处损坏，有的螺丝松动，老人小孩使用存在安全隐患。诉求：请相关部门维修更换。',
  },
  {
    categoryCode: '190301',
    requestTypes: ['SUGGESTION'],
    title: '建议学校体育场地错时向社会开放',
    content: '来电人建议，城区学校的体育场馆在节假日和课后时段向社会开放，缓解群众健身场地不足的问题，同时做好安全管理。诉求：请相关部门研究。',
  },
  {
    categoryCode: '190401',
    requestTypes: ['COMPLAINT'],
    title: '{village}有线电视信号中断',
    content: '来电人反映，{town}{village}有线电视信号已中断{days}天，电视无法收看，村里老人没有其他娱乐方式。诉求：请相关部门尽快维修。',
  },
  {
    categoryCode: '190401',
    requestTypes: ['HELP'],
    title: '“户户通”设备故障无人维修',
    content: '来电人反映，其在{town}{village}家中的直播卫星“户户通”接收设备损坏，无法收看节目，联系不到维修人员。诉求：请相关部门安排维修。',
  },

  // ───────────────────────────── 20 其他 ─────────────────────────────
  {
    categoryCode: '200101',
    requestTypes: ['CONSULTATION'],
    title: '咨询人才购房及租房补贴',
    content: '来电人称其为新引进的高校毕业生，在赣县区就业，询问人才购房补贴和租房补贴的申请条件、补贴标准和申报流程。诉求：请相关部门予以解答。',
  },
  {
    categoryCode: '200101',
    requestTypes: ['CONSULTATION'],
    title: '咨询12345热线受理范围',
    content: '来电人询问12345热线可以受理哪些类型的诉求，哪些问题需要拨打110、119等紧急电话，以及工单办理时限。诉求：请予以解答。',
  },
  {
    categoryCode: '200102',
    requestTypes: ['HELP'],
    urgent: true,
    title: '{town}患病老人走失求助',
    content: '来电人反映，其家中患有阿尔茨海默病的老人今天上午从{town}家中走失，至今未归，老人身穿蓝色外套、说本地方言。诉求：请相关部门协助寻找。',
  },
  {
    categoryCode: '200102',
    requestTypes: ['HELP'],
    title: '乘坐出租车遗失手机',
    content: '来电人反映，其今天下午从{place}乘坐出租车到{street}，下车时将手机遗落在车上，未记下车牌号。诉求：请相关部门协助查找。',
  },
  {
    categoryCode: '200201',
    requestTypes: ['PRAISE'],
    title: '表扬{town}便民服务中心工作人员',
    content: '来电人表示，其到{town}便民服务中心办理业务时，工作人员热情耐心，主动帮其填写材料，一次就办好了，特致电表扬。诉求：对工作人员提出表扬。',
  },
  {
    categoryCode: '200201',
    requestTypes: ['PRAISE'],
    title: '表扬出租车司机拾金不昧',
    content: '来电人表示，其前几天将装有现金和证件的包遗落在出租车上，司机发现后通过包内名片主动联系来电人并送还，分文不取。诉求：对该出租车司机提出表扬。',
  },
  {
    categoryCode: '200201',
    requestTypes: ['PRAISE'],
    title: '感谢{town}供电所冒雨抢修',
    content: '来电人表示，其所在{village}前几天因暴雨停电，{town}供电所工作人员冒雨连夜抢修，第二天一早就恢复了供电。诉求：对供电所提出表扬。',
  },
  {
    categoryCode: '200201',
    requestTypes: ['PRAISE'],
    title: '表扬劳动监察帮助追回工资',
    content: '来电人表示，其之前反映的被拖欠工资问题，区劳动监察部门很快介入处理，{days}天内就帮其追回了全部工资。诉求：对相关部门提出表扬。',
  },
  {
    categoryCode: '200202',
    requestTypes: ['SUGGESTION'],
    title: '建议在{place}周边增设停车位',
    content: '来电人建议，城区{place}附近停车难问题突出，建议利用周边闲置空地增设公共停车位，缓解停车压力。诉求：请相关部门研究采纳。',
  },
  {
    categoryCode: '200202',
    requestTypes: ['SUGGESTION'],
    title: '建议{town}集镇增设公共充电桩',
    content: '来电人建议，{town}集镇新能源汽车越来越多，但没有一个公共充电桩，建议在集镇停车场增设充电设施。诉求：请相关部门研究采纳。',
  },
  {
    categoryCode: '200301',
    requestTypes: ['OTHER', 'CONSULTATION'],
    title: '来电反映外省购房质量问题',
    content: '来电人反映，其在外省购买的商品房存在质量问题，希望12345热线帮助处理，经了解该事项不属本区管辖。诉求：请求告知相关反映渠道。',
  },
  {
    categoryCode: '200301',
    requestTypes: ['OTHER', 'COMPLAINT'],
    title: '{village}村务公开栏长期未更新',
    content: '来电人反映，{town}{village}村务公开栏长期未更新，村集体收支、项目建设等情况村民无从知晓。诉求：请相关部门督促村委会按规定公开村务。',
  },
];

/** 乡镇 12 位区划代码 → 村（社区）名称（演示用，部分为虚构） */
export const VILLAGES: Record<string, string[]> = {
  '360704100000': ['梅林社区', '城东社区', '大都村', '山塘村', '樟溪村'], // 梅林镇
  '360704101000': ['王母渡社区', '浓口村', '蔡屋村', '樟坑村', '田心村'], // 王母渡镇
  '360704102000': ['沙地社区', '攸镇村', '黄坊村', '东坑村', '寨下村'], // 沙地镇
  '360704103000': ['江口社区', '旱塘村', '优良村', '腊排村', '和坑村'], // 江口镇
  '360704104000': ['田村社区', '东山村', '马岭村', '黄屋村', '宝华村'], // 田村镇
  '360704105000': ['南塘社区', '大坪村', '清溪村', '石坑村', '龙迳村'], // 南塘镇
  '360704106000': ['茅店社区', '洋塘村', '冬坑村', '楼梯岭村', '和平村'], // 茅店镇
  '360704107000': ['吉埠社区', '坳子村', '赖坑村', '金钩形村', '新屋村'], // 吉埠镇
  '360704108000': ['五云社区', '夏潭村', '枫树村', '龙口村', '中心村'], // 五云镇
  '360704109000': ['湖江社区', '夏府村', '古田村', '辉陂村', '合坑村'], // 湖江镇
  '360704110000': ['储潭社区', '高峰村', '樟树村', '上坪村', '水口村'], // 储潭镇
  '360704111000': ['韩坊社区', '大龙村', '长龙村', '小坌村', '岗面村'], // 韩坊镇
  '360704200000': ['阳埠村', '周屋村', '长坑村', '石门村', '田坑村'], // 阳埠乡
  '360704201000': ['大埠村', '良富村', '坳背村', '下坪村', '上屋村'], // 大埠乡
  '360704202000': ['长洛村', '石含村', '马坑村', '上洛村', '水西村'], // 长洛乡
  '360704203000': ['大田村', '社背村', '石井村', '中坝村', '龙源村'], // 大田乡
  '360704204000': ['石芫村', '夏塘村', '王坑村', '湾口村', '横溪村'], // 石芫乡
  '360704205000': ['三溪村', '坑口村', '中坊村', '岭背村', '上溪村'], // 三溪乡
  '360704206000': ['白鹭村', '东龙村', '白石村', '鹭溪村', '梅坑村'], // 白鹭乡
};

/** 场所类型 */
export const PLACES: string[] = [
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
  '滨江公园',
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

/** 虚构企业与商户名称 */
export const COMPANIES: string[] = [
  '鑫隆超市',
  '顺达物流有限公司',
  '宏泰建筑工程有限公司',
  '赣源建设工程有限公司',
  '贡江物业服务有限公司',
  '金橙果业专业合作社',
  '恒通汽车运输有限公司',
  '华美电子科技有限公司',
  '鸿运纺织厂',
  '瑞丰家具制造有限公司',
  '兴旺建材有限公司',
  '盛达劳务有限公司',
  '宝源新材料有限公司',
  '天成房地产开发有限公司',
  '惠民大药房',
  '永佳食品有限公司',
  '佳和家政服务有限公司',
  '新锐机械制造有限公司',
  '润禾农业开发有限公司',
  '长富石材厂',
  '聚源电子有限公司',
  '联创鞋业有限公司',
  '宏发砖厂',
  '乐万家超市',
  '福满楼酒家',
  '绿源环保科技有限公司',
  '诚信装饰工程有限公司',
  '金鹏汽车修理厂',
  '明珠酒店',
  '丰华水泥制品有限公司',
  '同心物业管理有限公司',
  '大成路桥工程有限公司',
  '万家福商贸有限公司',
  '亿鑫五金厂',
];

/** 常见姓氏（含复姓） */
export const SURNAMES: string[] = [
  '李',
  '王',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '林',
  '罗',
  '高',
  '郑',
  '梁',
  '谢',
  '宋',
  '唐',
  '许',
  '韩',
  '冯',
  '邓',
  '曹',
  '彭',
  '曾',
  '肖',
  '田',
  '董',
  '袁',
  '潘',
  '蔡',
  '蒋',
  '余',
  '杜',
  '叶',
  '程',
  '魏',
  '苏',
  '吕',
  '丁',
  '钟',
  '卢',
  '廖',
  '邱',
  '温',
  '赖',
  '江',
  '傅',
  '钟离',
  '欧阳',
  '上官',
  '刁',
  '揭',
];

/** 常见名字用字 */
export const GIVEN_NAME_CHARS: string[] = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀',
  '霞',
  '平',
  '刚',
  '桂',
  '英',
  '华',
  '建',
  '国',
  '文',
  '辉',
  '林',
  '红',
  '春',
  '梅',
  '兰',
  '玉',
  '珍',
  '海',
  '波',
  '斌',
  '宇',
  '浩',
  '鑫',
  '鹏',
  '俊',
  '峰',
  '亮',
  '晨',
  '欣',
  '婷',
  '雪',
  '琳',
  '凤',
  '金',
  '福',
  '荣',
  '生',
  '发',
  '德',
  '志',
  '新',
  '永',
  '小',
  '云',
  '莲',
  '清',
  '晓',
  '东',
  '安',
  '宏',
  '水',
  '根',
  '贵',
  '财',
  '琴',
  '萍',
  '菊',
  '燕',
  '丹',
  '佳',
  '思',
  '子',
];

/** 城区道路名称（演示用） */
export const STREETS: string[] = [
  '赣新大道',
  '城南路',
  '贡江大道',
  '建设路',
  '长征大道',
  '文明路',
  '人民路',
  '解放路',
  '迎宾大道',
  '滨江大道',
  '健康路',
  '梅林大道',
  '和谐路',
  '振兴路',
  '站前路',
  '五云路',
  '城北路',
  '新华路',
  '工业大道',
  '紫阳路',
];

/** 承办单位答复模板 */
export const REPLY_TEMPLATES: Record<'RESOLVED' | 'PARTIALLY_RESOLVED' | 'UNRESOLVED' | 'EXPLAINED', string[]> = {
  RESOLVED: [
    '经核实，来电人反映情况属实。我单位接件后立即安排工作人员赴现场处置，问题已于{days}日内整改到位，已电话回访来电人，来电人对处理结果表示满意。',
    '经核实，{town}{place}附近确存在来电人反映的问题。我单位已联合属地乡镇责令相关方立即整改，现已整改完毕，后续将加强日常巡查，防止问题反弹。',
    '接到工单后，我单位会同{town}人民政府进行了调查核实，并组织双方协调，目前相关款项已足额支付到位。已与来电人联系告知处理结果，来电人表示认可。',
    '经核实，该问题系设施设备故障所致。我单位已安排维修人员现场抢修，目前已恢复正常。已告知来电人处理情况，如再出现类似问题可随时联系我单位。',
    '我单位已按来电人诉求办理完毕：已指导来电人准备齐全相关材料并完成受理，相关业务已于{days}个工作日内办结，来电人对办理情况表示满意。',
  ],
  PARTIALLY_RESOLVED: [
    '经核实，来电人反映的问题部分属实。我单位已督促相关方完成部分整改，剩余问题涉及资金及审批等环节，预计在{days}日内完成，我单位将持续跟踪督办。',
    '经调查，{town}{place}附近的相关问题已初步处置，现场已清理完毕，但根本解决需纳入后续建设计划统筹安排。已向来电人说明情况，来电人表示理解。',
    '我单位已协调责任方支付部分款项，剩余部分双方约定分期支付。已告知来电人如对方未按约定履行，可通过劳动仲裁或诉讼途径依法维权。',
    '经核实，我单位已对现场进行了临时处置，消除了紧迫的安全隐患，但彻底整改需协调多个部门共同推进，目前正在制定方案，预计{days}日内完成。',
    '接件后我单位已与相关企业对接，企业同意对来电人的部分诉求予以解决，其余诉求双方仍存在分歧。已引导来电人通过调解或法律途径解决。',
  ],
  UNRESOLVED: [
    '经核实，来电人反映的问题涉及历史遗留原因，目前暂不具备解决条件。我单位已将相关情况上报，待政策明确后再予处理，并已向来电人做好解释工作。',
    '我单位工作人员多次赴{town}现场核实，并多次电话联系被反映方，对方均拒不配合。已告知来电人可通过司法途径维护自身合法权益。',
    '经调查，来电人提出的诉求超出现行政策规定范围，我单位无法满足。已将相关政策规定向来电人进行解释，来电人对答复不满意，我单位将继续做好沟通。',
    '经核实，该问题所涉项目资金尚未落实，短期内无法解决。我单位已将情况报送上级部门，待资金到位后将第一时间组织实施。',
    '我单位接件后组织双方进行了调解，但因双方分歧较大未能达成一致意见。已告知来电人可向人民法院提起诉讼或申请仲裁。',
  ],
  EXPLAINED: [
    '经核实，来电人咨询的事项已有明确政策规定。我单位工作人员已电话联系来电人，详细解释了相关政策内容、申请条件和办理流程，来电人表示清楚。',
    '经核实，来电人所反映事项不属于我单位职责范围，应由相关主管部门办理。已告知来电人正确的反映渠道和联系方式，来电人表示理解。',
    '经现场核实，{town}{place}附近相关设施符合规范要求，未发现来电人所述问题。已向来电人说明核查情况，如发现新情况可随时反映。',
    '经查，该项补贴发放需经过审核、公示、拨付等环节，目前正在按程序办理，预计{days}个工作日内到账。已向来电人做好解释说明。',
    '经核实，相关收费标准符合价格主管部门核定标准，并已在经营场所公示。已向来电人解释收费依据，来电人表示理解。',
  ],
};
