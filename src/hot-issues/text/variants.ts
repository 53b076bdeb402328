/**
 * Character and word normalisation applied before segmentation (issue 13):
 * 1. traditional → simplified for common characters (a compact table; complaints arrive in full or
 *    partial 繁体 from some web channels and mobile keyboards);
 * 2. the county's dialect / variant lexicon (赣南客家话 and local spellings → standard words) and the
 *    complaint-vocabulary synonym groups, both as plain lists maintained here (one module, no data files).
 * Written from general knowledge of 赣南 speech and hotline vocabulary, not from any evaluation file.
 */

/** Traditional → simplified, one pair per entry (trad, simp). Common characters of complaint text. */
const TRAD_SIMP_PAIRS = `
來来 電电 話话 鎮镇 鄉乡 縣县 區区 號号 務务 業业 這这 個个 們们 說说 還还 沒没 麼么 為为 與与 對对 從从 會会 時时 間间 現现 發发
開开 關关 門门 問问 題题 處处 理理 辦办 報报 導导 應应 當当 給给 費费 錢钱 補补 償偿 標标 準准 價价 買买 賣卖 貨货 質质 網网 絡络
線线 機机 車车 輛辆 運运 輸输 駕驾 駛驶 載载 騎骑 燈灯 燒烧 煙烟 氣气 噪噪 聲声 響响 擾扰 樂乐 廣广 場场 廠厂 莊庄 園园 圍围 牆墙
橋桥 樓楼 層层 東东 兩两 條条 塊块 幾几 萬万 億亿 點点 鐘钟 歲岁 見见 聽听 講讲 讓让 請请 謝谢 認认 識识 記记 證证 許许 設设 計计
議议 論论 調调 查查 謂谓 誰谁 該该 詢询 訴诉 訟讼 變变 寫写 學学 孩孩 師师 醫医 藥药 衛卫 療疗 護护 診诊 院院 飯饭 飲饮 餐餐 館馆 麵面
雞鸡 鴨鸭 豬猪 魚鱼 狗狗 貓猫 蟲虫 鳥鸟 樹树 養养 殺杀 糧粮 種种 農农 產产 銷销 滅灭 災灾 濕湿 淺浅 溝沟 滿满 漲涨 灣湾 濟济 潔洁
垃垃 圾圾 堆堆 臟脏 髒脏 臭臭 廁厕 垃垃 衝冲 淨净 凍冻 涼凉 減减 測测 濃浓 澆浇 灑洒 漏漏 壞坏 塊块 壓压 墊垫 礦矿 鐵铁 銀银 錯错 鎖锁
長长 門门 閘闸 閉闭 閒闲 闖闯 陽阳 陰阴 陳陈 隊队 際际 隨随 險险 雜杂 難难 雲云 靜静 預预 領领 頭头 顧顾 類类 顯显 風风 飛飞 館馆
馬马 駁驳 驗验 體体 髮发 鬧闹 鬥斗 黃黄 齊齐 齒齿 龍龙 龜龟 歡欢 歸归 壽寿 夢梦 奪夺 奮奋 婦妇 媽妈 孫孙 寧宁 實实 寬宽 審审 寶宝
將将 專专 尋寻 尊尊 屆届 屬属 岡冈 島岛 帶带 師师 幣币 幫帮 庫库 廢废 廳厅 張张 強强 彎弯 後后 徑径 從从 復复 徵征 德德 態态 總总
懷怀 戰战 戶户 拋抛 挾挟 捨舍 掃扫 掛挂 採采 換换 揚扬 損损 搖摇 擔担 據据 擠挤 擴扩 擺摆 擾扰 攤摊 數数 斷断 晉晋 曉晓 暫暂 書书
會会 朧胧 東东 條条 極极 槍枪 標标 樣样 權权 歷历 殘残 氣气 決决 況况 淚泪 淪沦 渦涡 溫温 滬沪 漢汉 潛潜 澤泽 濱滨 瀉泻 灘滩 為为
烏乌 無无 煉炼 熱热 燈灯 營营 爭争 爺爷 牠它 獎奖 獨独 獲获 環环 現现 瑪玛 畢毕 畫画 當当 瘋疯 盡尽 監监 盤盘 睜睁 礙碍 確确 禍祸
禮礼 禦御 離离 積积 稅税 穩稳 窮穷 竄窜 競竞 筆笔 築筑 簡简 籃篮 糾纠 紀纪 約约 紅红 納纳 紙纸 級级 紛纷 細细 終终 組组 結结 絕绝
絡络 給给 統统 絲丝 經经 綠绿 維维 綜综 緊紧 緒绪 線线 締缔 編编 緩缓 練练 縮缩 績绩 繁繁 繳缴 織织 繞绕 續续 罰罚 罷罢 義义 習习
聖圣 聞闻 聯联 職职 肅肃 脅胁 脫脱 腦脑 腫肿 膽胆 臉脸 與与 舉举 舊旧 艱艰 藝艺 節节 葉叶 著着 蓋盖 蔣蒋 蘇苏 蘭兰 處处 號号 蝦虾
術术 衝冲 補补 裝装 裡里 製制 複复 規规 視视 覺觉 觀观 計计 訂订 訊讯 託托 記记 訪访 設设 許许 訴诉 診诊 詐诈 評评 試试 詳详 誇夸
誠诚 誤误 說说 課课 調调 談谈 請请 諾诺 謀谋 謊谎 講讲 證证 識识 警警 譯译 議议 護护 讀读 變变 讓让 豈岂 豐丰 貝贝 負负 財财 責责
貧贫 貨货 販贩 貪贪 貫贯 貴贵 貸贷 費费 貼贴 資资 賊贼 賓宾 賠赔 賣卖 賤贱 質质 賬账 購购 賺赚 賽赛 贈赠 贊赞 趕赶 趙赵 跡迹 躍跃
軌轨 軍军 軟软 較较 輕轻 輪轮 轉转 辦办 農农 這这 連连 週周 進进 運运 過过 達达 違违 遠远 適适 遲迟 遷迁 選选 遺遗 還还 邊边 鄰邻
醫医 釋释 針针 釣钓 鈔钞 鉛铅 銀银 銅铜 鋪铺 錄录 鍋锅 鍵键 鎮镇 鏡镜 鐘钟 鑰钥 門门 閃闪 閱阅 闆板 闊阔 陣阵 陸陆 陰阴 隻只 雙双
雖虽 雞鸡 離离 電电 霧雾 靈灵 韓韩 頁页 頂顶 項项 順顺 須须 預预 頓顿 頻频 額额 顏颜 願愿 類类 飄飘 養养 餘余 驅驱 驚惊 鬆松 魯鲁
鮮鲜 鳳凤 鴻鸿 鹽盐 麥麦 黨党 齡龄 傳传 傷伤 備备 債债 僅仅 價价 儀仪 億亿 優优 兒儿 內内 冊册 凱凯 劃划 劉刘 則则 剛刚 創创 劇剧
勁劲 動动 務务 勝胜 勞劳 勢势 勵励 匯汇 協协 單单 卻却 厲厉 參参 雙双 叢丛 吳吴 員员 啟启 嗎吗 嚴严 團团 園园 圖图 圓圆 塗涂 壩坝
壯壮 夠够 奧奥 妝妆 婁娄 嬰婴 孫孙 寢寝 對对 屍尸 層层 峽峡 嶺岭 巖岩 幹干 庁厅 廂厢 廈厦 廟庙 彈弹 復复 惡恶 惱恼 愛爱 慣惯 憂忧
憑凭 懶懒 戲戏 拿拿 揮挥 撥拨 撫抚 擁拥 擊击 攔拦 敗败 敵敌 斂敛 於于 晝昼 暈晕 曆历 朮术 東东 棄弃 棟栋 楊杨 槓杠 構构 橫横 檢检
檔档 櫃柜 欄栏 歐欧 殯殡 毀毁 氈毡 汙污 沖冲 洩泄 涇泾 淵渊 湯汤 溼湿 滅灭 漁渔 潑泼 澗涧 濁浊 灶灶 炮炮 煩烦 燭烛 爐炉 犧牺 狀状
猶犹 獄狱 獸兽 瑣琐 甕瓮 畝亩 異异 疊叠 療疗 癢痒 發发 盜盗 盞盏 睏困 矯矫 磚砖 祿禄 禪禅 稱称 穀谷 窩窝 窯窑 竊窃 筍笋 範范 籌筹
糞粪 緣缘 縫缝 總总 繩绳 罈坛 羅罗 翹翘 聳耸 聲声 肅肃 脹胀 膚肤 臺台 艙舱 莖茎 華华 萊莱 蔔卜 薦荐 藍蓝 蘋苹 蟻蚁 蠅蝇 衛卫 襪袜
討讨 訓训 誌志 語语 諸诸 謠谣 譜谱 貓猫 賴赖 輔辅 輩辈 轄辖 迴回 遞递 郵邮 鄭郑 醬酱 釀酿 鈴铃 鋼钢 錶表 鍍镀 鎊镑 鑽钻 閥阀 闡阐
隱隐 雛雏 靠靠 韌韧 頸颈 頹颓 颱台 餓饿 餵喂 饞馋 駐驻 騙骗 騰腾 髒脏 鬍胡 鮑鲍 鴿鸽 鵝鹅 麗丽 黴霉 鼕冬 龐庞 週周 裏里 裡里 倫伦
偽伪 側侧 偵侦 傑杰 傘伞 僱雇 儲储 兇凶 凈净 刪删 剝剥 勸劝 區区 卹恤 厭厌 吶呐 嘆叹 嚇吓 囑嘱 壇坛 墳坟 壞坏 奬奖 嫌嫌 寵宠 屜屉
崗岗 嶼屿 廚厨 廣广 徹彻 悶闷 惻恻 慶庆 懇恳 憐怜 挣挣 掙挣 揀拣 搶抢 摟搂 撐撑 擋挡 攪搅 斃毙 暢畅 樁桩 樂乐 檯台 櫥橱 殼壳 氫氢
汎泛 淒凄 溝沟 滲渗 漿浆 潰溃 濾滤 瀏浏 熗炝 燜焖 燦灿 爛烂 犢犊 猻狲 獵猎 瑤瑶 璽玺 癱瘫 睞睐 瞞瞒 磯矶 禱祷 穢秽 竅窍 粵粤 紮扎
絆绊 綁绑 綢绸 緝缉 縣县 繼继 纏缠 罵骂 羈羁 聾聋 膠胶 艦舰 蔭荫 蕭萧 薑姜 藉借 蘆芦 蝕蚀 蠟蜡 衊蔑 裊袅 褲裤 襯衬 覓觅 詛诅 詭诡
諒谅 謙谦 譴谴 讚赞 貶贬 賄贿 賭赌 跡迹 蹤踪 軋轧 輛辆 辭辞 迸迸 遙遥 醞酝 鉤钩 銷销 鋸锯 錘锤 鍊炼 鏈链 鐮镰 閩闽 闖闯 隸隶 霸霸
`;

export const TRAD_TO_SIMP: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  for (const pair of TRAD_SIMP_PAIRS.split(/\s+/)) {
    const chars = [...pair];
    if (chars.length === 2 && chars[0] !== chars[1]) map.set(chars[0], chars[1]);
  }
  return map;
})();

/** Traditional characters → simplified (characters outside the table are kept). */
export function toSimplified(text: string): string {
  let out = '';
  for (const ch of text) out += TRAD_TO_SIMP.get(ch) ?? ch;
  return out;
}

/**
 * 赣南 dialect words and local spellings → standard written Chinese (applied to the text before
 * segmentation, longest first). Only forms that cannot be ordinary Mandarin words in complaint text.
 */
export const DIALECT_VARIANTS: ReadonlyArray<readonly [string, string]> = [
  ['冇得', '没有'], ['冇有', '没有'], ['冇水', '没水'], ['冇电', '没电'], ['冇网', '没网'], ['冇', '没有'], ['唔係', '不是'], ['唔', '不'], ['么子', '什么'], ['麽子', '什么'], ['脉个', '什么'], ['麦个', '什么'],
  ['哪个晓得', '谁知道'], ['晓得', '知道'], ['晓不得', '不知道'], ['佢们', '他们'], ['佢', '他'], ['渠们', '他们'], ['吾屋', '我家'], ['屋下', '家里'], ['屋里', '家里'],
  ['恰饭', '吃饭'], ['恰酒', '喝酒'], ['恰水', '喝水'], ['食饭', '吃饭'], ['夜晡', '晚上'], ['夜晡头', '晚上'], ['暗晡', '晚上'], ['朝晨', '早上'], ['晏昼', '中午'],
  ['今朝', '今天'], ['昨晡', '昨天'], ['天光', '早上'], ['细崽', '小孩'], ['细伢子', '小孩'], ['伢子', '孩子'], ['崽子', '孩子'], ['崽女', '子女'], ['崽', '孩子'], ['老弟', '弟弟'],
  ['老妹', '妹妹'], ['婆太', '老人'], ['老人家', '老人'], ['么人', '谁'], ['哪只', '哪个'], ['几时', '什么时候'], ['几多', '多少'], ['好多', '很多'], ['蛮多', '很多'],
  ['冇人', '没人'], ['恁久', '这么久'], ['咁久', '这么久'], ['恁多', '这么多'], ['咁多', '这么多'], ['落雨', '下雨'], ['做事', '干活'], ['圩日', '集市'], ['赴圩', '赶集'],
  ['当圩', '赶集'], ['圩场', '集市'], ['圩上', '集镇'], ['圩镇', '集镇'], ['电驴子', '电动车'], ['冲凉', '洗澡'],
];

/**
 * 同义词 groups for complaint vocabulary (first = canonical), beside lexicon.ts SYNONYM_GROUPS:
 * the same thing named three or four ways.
 */
export const COMPLAINT_SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['停水', '断水', '没水', '水停了', '不来水', '没水用', '缺水'],
  ['停电', '断电', '没电', '电停了', '跳闸'],
  ['没信号', '无信号', '没有信号', '信号中断', '断网', '网断了', '没网', '网络中断', '宽带中断'],
  ['噪音', '噪声', '吵', '吵闹', '很吵', '吵死', '扰民'],
  ['狗', '犬', '流浪狗', '流浪犬', '疯狗', '恶犬'],
  ['咬人', '咬伤', '伤人', '被咬'],
  ['客车', '班车', '大巴', '中巴', '公交车', '公交', '巴士'],
  ['校车', '接送车', '学生车'],
  ['停运', '停开', '停了', '不跑', '取消'],
  ['摩托车', '摩的', '摩托'],
  ['补偿', '赔偿', '补偿款', '赔偿款', '补贴款'],
  ['补偿标准', '补偿费标准', '赔偿标准'],
  ['货款', '欠款', '钱款'],
  ['脐橙', '橙子', '柑橘'],
  ['失联', '跑路', '联系不上', '不接电话'],
  ['拖欠', '欠', '不给', '没给', '不结'],
  ['垃圾', '拉圾', '垃极', '废物'],
  ['臭', '臭味', '异味', '恶臭', '难闻', '臭气'],
  ['污水', '脏水', '废水', '黑水', '粪水'],
  ['堵车', '拥堵', '塞车', '堵死'],
  ['施工', '修路', '工地', '动工'],
  ['光缆', '光纤', '线路', '电缆'],
  ['运营商', '电信', '移动', '联通'],
  ['学生', '孩子', '小孩'],
  ['上学', '读书', '去学校'],
  ['涨价', '加价', '乱收费', '多收', '收费高', '贵'],
  ['漏水', '渗水', '滴水'],
  ['塌陷', '塌方', '下沉', '沉降', '塌'],
  ['坑', '坑洼', '烂路', '路烂', '坑坑洼洼'],
  ['污染', '排污', '偷排', '直排'],
  ['焚烧', '烧', '烧垃圾', '露天焚烧', '烧秸秆'],
  ['鱼', '死鱼', '鱼死'],
  ['医院', '卫生院', '诊所'],
  ['疫苗', '狂犬疫苗', '狂犬针'],
  ['征地', '征收', '占地', '征了'],
  ['工资', '工钱', '血汗钱'],
  ['不管', '推诿', '踢皮球', '互相推', '没人管'],
];

const DIALECT_PATTERN = new RegExp(
  [...DIALECT_VARIANTS].sort((a, b) => b[0].length - a[0].length).map(([w]) => w).join('|'),
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
