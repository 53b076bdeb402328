/**
 * Chinese text folding shared by the work-order search and the text analyser: one table of
 * traditional → simplified characters and one width fold, so both read a complaint the same way.
 */

const FULL_WIDTH_FIRST = 0xff01; // ！
const FULL_WIDTH_LAST = 0xff5e; // ～

function widthFoldTable(): { from: string; to: string } {
  let from = '';
  let to = '';
  for (let c = FULL_WIDTH_FIRST; c <= FULL_WIDTH_LAST; c++) {
    const half = c - 0xfee0;
    from += String.fromCharCode(c);
    to += String.fromCharCode(half >= 0x41 && half <= 0x5a ? half + 0x20 : half);
  }
  from += '\u3000';
  to += ' ';
  for (let c = 0x41; c <= 0x5a; c++) {
    from += String.fromCharCode(c);
    to += String.fromCharCode(c + 0x20);
  }
  return { from, to };
}

/** `translate(text, WIDTH_FOLD_FROM, WIDTH_FOLD_TO)`: full-width ASCII → half-width, U+3000 → space, A–Z → a–z. */
export const { from: WIDTH_FOLD_FROM, to: WIDTH_FOLD_TO } = widthFoldTable();
const WIDTH_FOLD: ReadonlyMap<string, string> = new Map([...WIDTH_FOLD_FROM].map((c, i) => [c, WIDTH_FOLD_TO[i]]));

/** Full-width ASCII → half-width, the ideographic space → a space, A–Z → a–z. */
export function foldWidth(text: string): string {
  let out = '';
  for (const c of text) out += WIDTH_FOLD.get(c) ?? c;
  return out;
}

/**
 * Common traditional characters of complaint text → simplified, as pairs. Characters that are also
 * simplified characters of their own (著 in 显著, 藉 in 狼藉) are left out: a simplified text must
 * come out unchanged.
 */
const TRADITIONAL_SIMPLIFIED_PAIRS =
  '電电燈灯聲声擾扰資资車车斷断環环衛卫醫医學学貨货買买賣卖費费錢钱業业廠厂廣广場场區区縣县鎮镇鄉乡樓楼門门開开關关問问題题報报號号訴诉舉举處处務务機机構构單单長长時时間间們们個个這这裡里裏里來来' +
  '說说話话認认識识請请讓让應应該该對对會会發发現现還还進进過过後后從从當当為为爲为與与無无沒没給给經经營营設设備备質质熱热線线網网絡络難难辦办結结紅红綠绿黃黄頭头邊边輛辆駕驾駛驶運运輸输軌轨鐵铁' +
  '銀银錯错鍋锅飯饭館馆飲饮藥药農农產产養养豬猪雞鸡魚鱼鳥鸟氣气溫温濕湿湯汤潔洁淨净髒脏臟脏亂乱雜杂廢废舊旧壞坏損损滲渗壓压礙碍擋挡護护欄栏橋桥陽阳陰阴雲云風风颱台臺台災灾險险隱隐樹树蟲虫屬属戶户' +
  '鄰邻證证據据權权勞劳動动補补償偿稅税價价漲涨傷伤師师幣币歲岁兒儿園园圖图書书準准標标規规則则執执監监檢检測测驗验聽听視视覺觉響响鬧闹夠够煩烦燒烧煙烟塵尘異异惡恶噁恶貓猫鬥斗條条東东華华興兴龍龙' +
  '嶺岭灣湾寶宝豐丰貴贵順顺達达遠远親亲愛爱雙双復复複复錄录歷历曆历轉转換换擴扩體体實实際际虛虚繳缴納纳續续約约紀纪組组織织級级總总統统計计劃划畫画議议論论訂订討讨讀读課课試试詢询諮咨調调談谈謝谢' +
  '貼贴賠赔賬账購购錶表鐘钟鎖锁閘闸閥阀陸陆隊队階阶隨随雖虽離离霧雾靜静項项須须預预領领頻频顏颜顯显飛飞馬马驚惊麥麦齊齐齒齿員员啟启噸吨團团壩坝墊垫層层屆届島岛帶带庫库廁厕彎弯憑凭懷怀戰战擁拥擠挤' +
  '撥拨攤摊攔拦敗败數数於于暫暂極极楊杨檔档歸归殘残殺杀決决況况淚泪滅灭漁渔濫滥瀝沥爐炉牆墙獎奖獨独畢毕癢痒盜盗盡尽確确碼码礦矿禮礼禍祸積积窮穷竊窃築筑簡简籃篮糧粮緊紧縮缩繩绳罰罚聯联職职脫脱腦脑' +
  '艙舱莊庄葉叶蓋盖藍蓝蘇苏術术衝冲裝装襲袭觀观詐诈誤误謊谎讚赞負负貧贫責责賓宾賭赌賴赖趕赶跡迹軟软載载輕轻較较辭辞遲迟適适遷迁鄭郑醜丑釋释針针鈴铃鋼钢鍵键閒闲陳陈陣阵隻只韓韩頂顶顧顾飽饱騙骗騷骚' +
  '髮发鬆松麵面黨党齡龄汙污汚污廳厅聞闻擔担優优儲储億亿倫伦偽伪傳传債债傘伞僅仅劑剂勁劲勵励勢势協协厲厉參参嚴严圍围堅坚壯壮夢梦奪夺奮奋婦妇媽妈嬰婴孫孙寧宁審审寫写將将專专尋寻導导屍尸峽峡幫帮廂厢' +
  '彈弹徑径徵征憂忧懸悬戲戏擇择擊击攜携敵敌暈晕暢畅曉晓櫃柜歡欢毀毁漢汉潛潜灑洒灘滩爭争犧牺狀状獄狱療疗癥症盤盘睜睁矯矫穩稳窩窝筆笔範范糾纠紙纸終终綁绑維维綱纲緒绪編编緣缘繫系係系纏缠罷罢習习聖圣' +
  '膠胶臉脸藝艺蘭兰蝦虾螞蚂蟻蚁訊讯記记許许評评詳详誠诚誰谁諾诺譽誉豎竖販贩貪贪貫贯貸贷賀贺賽赛贈赠趨趋躍跃輔辅輪轮遊游違违選选遺遗醬酱鄧邓鈕钮鉛铅銷销鋪铺鏈链鏡镜鑰钥閉闭閃闪闖闯隸隶靈灵韋韦頁页' +
  '頓顿額额飄飘餓饿餘余駐驻驅驱鬱郁魯鲁鮮鲜鳴鸣鴨鸭鵝鹅鹽盐麗丽點点齋斋麼么騎骑樂乐兩两塊块幾几萬万見见講讲謂谓訟讼變变診诊種种淺浅溝沟滿满濟济凍冻涼凉減减濃浓澆浇類类駁驳龜龟壽寿寬宽岡冈張张強强' +
  '態态拋抛挾挟捨舍掃扫掛挂採采揚扬搖摇擺摆晉晋朧胧槍枪樣样淪沦渦涡滬沪澤泽濱滨瀉泻烏乌煉炼爺爷牠它獲获瑪玛瘋疯禦御竄窜競竞紛纷細细絕绝絲丝綜综締缔緩缓練练績绩繞绕義义肅肃脅胁腫肿膽胆艱艰節节蔣蒋' +
  '製制託托訪访誇夸謀谋譯译豈岂貝贝財财賊贼賤贱賺赚贊赞趙赵軍军連连週周釣钓鈔钞銅铜閱阅闆板闊阔願愿鳳凤鴻鸿儀仪內内冊册凱凯劉刘剛刚創创劇剧勝胜匯汇卻却叢丛吳吴嗎吗圓圆塗涂奧奥妝妆婁娄寢寝巖岩幹干' +
  '庁厅廈厦廟庙惱恼慣惯懶懒揮挥撫抚斂敛晝昼朮术棄弃棟栋槓杠橫横歐欧殯殡氈毡沖冲洩泄涇泾淵渊溼湿潑泼澗涧濁浊燭烛猶犹獸兽瑣琐甕瓮畝亩疊叠盞盏睏困磚砖祿禄禪禅稱称穀谷窯窑筍笋籌筹糞粪縫缝罈坛羅罗翹翘' +
  '聳耸脹胀膚肤莖茎萊莱蔔卜薦荐蘋苹蠅蝇襪袜訓训誌志語语諸诸謠谣譜谱輩辈轄辖迴回遞递郵邮釀酿鍍镀鎊镑鑽钻闡阐雛雏韌韧頸颈頹颓餵喂饞馋騰腾鬍胡鮑鲍鴿鸽黴霉鼕冬龐庞側侧偵侦傑杰僱雇兇凶凈净刪删剝剥勸劝' +
  '卹恤厭厌吶呐嘆叹嚇吓囑嘱壇坛墳坟奬奖寵宠屜屉崗岗嶼屿廚厨徹彻悶闷惻恻慶庆懇恳憐怜掙挣揀拣搶抢摟搂撐撑攪搅斃毙樁桩檯台櫥橱殼壳氫氢汎泛淒凄漿浆潰溃濾滤瀏浏熗炝燜焖燦灿爛烂犢犊猻狲獵猎瑤瑶璽玺癱瘫' +
  '睞睐瞞瞒磯矶禱祷穢秽竅窍粵粤紮扎絆绊綢绸緝缉繼继罵骂羈羁聾聋艦舰蔭荫蕭萧薑姜蘆芦蝕蚀蠟蜡衊蔑裊袅褲裤襯衬覓觅詛诅詭诡諒谅謙谦譴谴貶贬賄贿蹤踪軋轧遙遥醞酝鉤钩鋸锯錘锤鍊炼鐮镰閩闽';

export const TRADITIONAL_TO_SIMPLIFIED: ReadonlyMap<string, string> = (() => {
  const chars = [...TRADITIONAL_SIMPLIFIED_PAIRS];
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < chars.length; i += 2) map.set(chars[i], chars[i + 1]);
  return map;
})();

/** Traditional characters → simplified (characters outside the table are kept). */
export function toSimplified(text: string): string {
  let out = '';
  for (const ch of text) out += TRADITIONAL_TO_SIMPLIFIED.get(ch) ?? ch;
  return out;
}
