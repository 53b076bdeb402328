/**
 * 症状词表 Symptom lexicon (issue 13): callers describe one symptom in words that share nothing
 * (水龙头一滴都不出 / 停水, 水是黄的烧开有沉淀 / 水质差, 吵得睡不着 / 噪音, 熏得不敢开窗 / 臭). Each pattern below
 * recognises a colloquial description of a water, power, road (closure), public-transport, phone-signal, noise,
 * smoke, smell, spoiled-food, business-gone or food-poisoning symptom in the
 * normalised text and adds its canonical word (the first word of its synonym group, variants.ts) to
 * the token stream when the text does not already use it — so two reports of one symptom share at
 * least that word.
 *
 * Written from general knowledge of how the symptoms are described, not from any evaluation file; a
 * maintained list: add patterns for symptoms, never words of one matter. Patterns are deliberately
 * anchored on the object (水龙头, 电器, 路面) so that a streetlight (灯不亮) or a phone line (电话断了)
 * does not read as a power cut.
 */
export const SYMPTOMS: ReadonlyArray<readonly [canonical: string, pattern: RegExp]> = [
  // Water supply cut.
  [
    '停水',
    /停水|断水|不来水|没水用|水停了|水断了|自来水.{0,12}停(?!车)|(?:水龙头|龙头|水管|家里).{0,6}(?:不出水|没水|没有水|干了|一滴)|滴水不出|一滴水(?:都|也)(?:没|不)|(?:没|不)出水|洗不了澡|做不了饭|(?:提|挑|买)水(?:吃|喝|用)/,
  ],
  // Tap water quality.
  [
    '水质差',
    /水质|(?:自来水|水龙头|龙头|出水|来水|饮用水|喝的水|吃的水|家里的水|放出来的?水|接的水).{0,12}(?:发?黄|黄色|浑|浊|锈|沉淀|杂质|泥沙|怪味|异味|漂白粉|消毒水?味|腥|不干净|白色|红色|有虫|不能喝|不敢喝|没法喝)|[黄浑浊锈]汤?水(?![泥果平管费电库塘])|水.{0,3}(?:黄黄的|浑浑的|黄得|浑得|浊得)|(?<![泥污雨汗口])水(?![沟泥塘库田管渠坝池费电果沙])[^,.;!?，。；！？]{0,10}(?:有点|有些|还是|还有点|仍然|依然|又)(?:发)?[黄浑](?![泥土狗牛瓜])/,
  ],
  // Water pressure.
  ['水压小', /水压|水.{0,2}(?:很小|太小|小得|细得|上不去|上不来)|(?:楼上|高层|顶楼|几楼).{0,6}(?:没水|没有水|不出水|水上不)/],
  // Power cut.
  ['停电', /停电|断电|没电|没有电|跳闸|拉闸|电停了|电断了|(?:电器|空调|冰箱|家电|风扇|电饭煲).{0,4}(?:用不了|开不了|不能用|都停了)|黑灯瞎火|一片漆黑|摸黑/],
  // Voltage.
  ['电压不稳', /电压.{0,3}(?:低|不稳|不够|不足|太高)|忽明忽暗|(?:空调|电器|冰箱|水泵|电机).{0,5}(?:带不动|启动不了|开不起来|烧坏|烧了)/],
  // Road surface.
  [
    '坑',
    /坑坑洼洼|坑洼|(?:路面|马路|道路|公路|村道|水泥路|柏油路|路上|这条路|那条路|进村的路).{0,5}(?:烂|坑|破|裂|碎|塌|翻浆)|(?:一下雨|下雨天?).{0,8}(?:积水|全是泥|烂泥|水坑)|车.{0,6}(?:颠|托底|爆胎|陷进)|(?:大|深)坑/,
  ],
  // Road blocked or washed out.
  ['塌陷', /滑坡|泥石流|山塌|塌下来|垮下来|冲垮|冲毁|路基.{0,3}(?:塌|垮|沉)/],
  // Road or bridge blocked or closed (a landslide, works, a closure without notice).
  [
    '交通中断',
    /交通中断|断道|断交|封路|封桥|禁止通行|封闭(?:施工|检修|交通)|(?:路|道路|公路|村道|路口|桥|桥面|桥头).{0,4}(?:堵死|封了|封住|封闭|断了|冲断|过不去|走不了|不通|拦起来|拦住)|桥.{0,3}一封|(?:摆|放|设)了?.{0,3}(?:水马|路障)|车(?:子)?(?:过不去|进不来|开不进|开不过)/,
  ],
  // Public transport: too few buses (service cut, long waits, overcrowded) and a route or stop changed.
  [
    '班次少',
    /班次.{0,4}(?:减少|少|减|太少|不够|延长)|发车间隔|(?:公交|班车|客车|车).{0,2}(?:少了|太少|不够|减少)|车辆不足|(?:钟头|小时)(?:才)?(?:一趟|一班)|等了?(?:一个|半个|两个)?(?:钟头|小时|[二三四五六七八九十]{1,3}分钟)(?:才|都|也|车)|挤不上|加车(?![费钱款])|增加车辆|增加班次|加密班次|增开班次|加开班次/,
  ],
  [
    '改线',
    /改线|改道|改了?线路?|线路.{0,3}(?:调整|改了|改变|变了)|调整.{0,2}线路|取消.{0,8}站点|(?:不|没)(?:再)?(?:进|经过)(?:老街|街上|街|村里|村|镇上|城)了/,
  ],
  // Phone signal or internet cut or weak (a cable dug up, the network down).
  [
    '没信号',
    /(?:信号|宽带|网络|光缆|光纤|通信|通讯|上网|网速).{0,8}(?:中断|断了|断掉|挖断|时有时无|时有时没有|时好时坏|断断续续)|信号.{0,2}(?:很差|太差|差得|很弱|太弱|不好)|一格信号|打不了电话|上不了网|发不出去/,
  ],
  // Noise.
  ['噪音', /吵|噪|轰隆|嗡嗡|响个不停|声音.{0,3}(?:很大|太大|大得|响)|睡不着|睡不好|无法入睡|没法睡|不能睡|影响休息|震得/],
  // Smell.
  [
    '臭',
    /臭|异味|怪味|气味.{0,3}(?:大|重|难闻|刺鼻)|味道.{0,4}(?:大|重|难闻|刺鼻|冲)|刺鼻|熏得|呛|不敢开窗|喘不过气|闻得到|闻到|(?:化工|油漆|塑料|橡胶|烧焦|农药|汽油|柴油|硫磺|药水)味|毒气|废气/,
  ],
  // Smoke.
  ['冒烟', /黑烟|冒烟|浓烟|烟雾|烟尘|烟囱/],
  // Food gone bad (sold spoiled: sour, rancid, mouldy) — 过期 is the canonical word of its group (变质).
  ['过期', /馊|发霉|霉变|长毛了|变味|(?:有|发)酸味|(?:吃|咬).{0,4}(?:是|就是|有点)?酸的|过了?保质期/],
  // A business or its owner gone (a school, a shop, a buyer closed up and left with the money).
  ['失联', /失联|跑路|人去楼空|卷款|卷钱|卷跑|(?:桌椅|设备|器材|家具).{0,4}(?:搬走|搬空|拉走)|(?:老板|负责人|校长).{0,2}(?:跑了|不见了|找不到|联系不上)/],
  // Food poisoning (a canteen, a banquet, a shop's food): vomiting, diarrhoea, stomach ache after eating.
  ['食物中毒', /食物中毒|中毒|上吐下泻|呕吐|吐泻|吐了|拉肚子|腹泻|拉稀|肚子(?:痛|疼)|腹痛|肠胃炎|吃坏|(?:吃|喝|食用).{0,12}(?:不舒服|发烧|送医|住院|进了医院)/],
];

/** The canonical symptom words a normalised text describes (in lexicon order). */
export function symptomWords(normalised: string): string[] {
  return SYMPTOMS.filter(([, p]) => p.test(normalised)).map(([w]) => w);
}
