/**
 * Text of a work-order search (`workOrders(filter: { text })`): normalisation, words, and the
 * character grams the search index is built on.
 *
 * The index (migration Migration20261207120000_work_order_search) is a GIN index on
 * `minyi_search_grams(title, content)`: every character and every pair of adjacent characters of
 * `minyi_search_text(title, content)` = title + ' ' + content with full-width ASCII folded to
 * half-width and A–Z to a–z (SQL `translate`, the same table as SEARCH_FOLD_FROM/TO below; a test
 * compares them). A word is found by its pairs (`grams @> {噪音}`; one character by itself), so
 * two-character Chinese words — most complaint words — use the index; the candidates are then
 * checked for the word itself.
 *
 * The hot-issue text layer (hot-issues/text/segment.ts normalizeText) decodes HTML and lowercases
 * all of Unicode; search cannot reuse it because the database must compute exactly the same
 * folding for the index. Traditional → simplified applies to the query only: stored orders are
 * simplified Chinese (hotline operators and the channels write simplified).
 */

const FULL_WIDTH_FIRST = 0xff01; // ！
const FULL_WIDTH_LAST = 0xff5e; // ～

function foldTable(): { from: string; to: string } {
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

/** `translate(text, SEARCH_FOLD_FROM, SEARCH_FOLD_TO)`: full-width ASCII → half-width, U+3000 → space, A–Z → a–z. */
export const { from: SEARCH_FOLD_FROM, to: SEARCH_FOLD_TO } = foldTable();

/** Common traditional characters → simplified (pairs), for queries typed in traditional Chinese. */
const TRADITIONAL_SIMPLIFIED_PAIRS =
  '電电燈灯聲声擾扰資资車车斷断環环衛卫醫医學学貨货買买賣卖費费錢钱業业廠厂廣广場场區区縣县鎮镇鄉乡樓楼門门開开關关問问題题報报號号訴诉舉举處处務务機机構构單单長长' +
  '時时間间們们個个這这裡里裏里來来說说話话認认識识請请讓让應应該该對对會会發发現现還还進进過过後后從从當当為为爲为與与無无沒没給给經经營营設设備备質质熱热線线網网絡络' +
  '難难辦办結结紅红綠绿黃黄頭头邊边輛辆駕驾駛驶運运輸输軌轨鐵铁銀银錯错鍋锅飯饭館馆飲饮藥药農农產产養养豬猪雞鸡魚鱼鳥鸟氣气溫温濕湿湯汤潔洁淨净髒脏臟脏亂乱雜杂廢废舊旧' +
  '壞坏損损滲渗壓压礙碍擋挡護护欄栏橋桥陽阳陰阴雲云風风颱台臺台災灾險险隱隐樹树蟲虫屬属戶户鄰邻證证據据權权勞劳動动補补償偿稅税價价漲涨傷伤師师幣币歲岁兒儿園园圖图書书' +
  '準准標标規规則则執执監监檢检測测驗验聽听視视覺觉響响鬧闹夠够煩烦燒烧煙烟塵尘異异惡恶噁恶貓猫鬥斗條条東东華华興兴龍龙嶺岭灣湾寶宝豐丰貴贵順顺達达遠远親亲愛爱雙双復复' +
  '複复錄录歷历曆历轉转換换擴扩體体實实際际虛虚繳缴納纳續续約约紀纪組组織织級级總总統统計计劃划畫画議议論论訂订討讨讀读課课試试詢询諮咨調调談谈謝谢貼贴賠赔賬账購购錶表' +
  '鐘钟鎖锁閘闸閥阀陸陆隊队階阶隨随雖虽離离霧雾靜静項项須须預预領领頻频顏颜顯显飛飞馬马驚惊麥麦齊齐齒齿員员啟启噸吨團团壩坝墊垫層层屆届島岛帶带庫库廁厕彎弯憑凭懷怀戰战' +
  '擁拥擠挤撥拨攤摊攔拦敗败數数於于暫暂極极楊杨檔档歸归殘残殺杀決决況况淚泪滅灭漁渔濫滥瀝沥爐炉牆墙獎奖獨独畢毕癢痒盜盗盡尽確确碼码礦矿禮礼禍祸積积窮穷竊窃築筑簡简籃篮' +
  '糧粮緊紧縮缩繩绳罰罚聯联職职脫脱腦脑艙舱莊庄葉叶蓋盖藍蓝蘇苏術术衝冲裝装襲袭觀观詐诈誤误謊谎讚赞負负貧贫責责賓宾賭赌賴赖趕赶跡迹軟软載载輕轻較较辭辞遲迟適适遷迁鄭郑' +
  '醜丑釋释針针鈴铃鋼钢鍵键閒闲陳陈陣阵隻只韓韩頂顶顧顾飽饱騙骗騷骚髮发鬆松麵面黨党齡龄汙污汚污廳厅聞闻擔担優优儲储億亿倫伦偽伪傳传債债傘伞僅仅劑剂勁劲勵励勢势協协厲厉' +
  '參参嚴严圍围堅坚壯壮夢梦奪夺奮奋婦妇媽妈嬰婴孫孙寧宁審审寫写將将專专尋寻導导屍尸峽峡幫帮廂厢彈弹徑径徵征憂忧懸悬戲戏擇择擊击攜携敵敌暈晕暢畅曉晓櫃柜歡欢毀毁漢汉潛潜' +
  '灑洒灘滩爭争犧牺狀状獄狱療疗癥症盤盘睜睁矯矫穩稳窩窝筆笔範范糾纠紙纸終终綁绑維维綱纲緒绪編编緣缘繫系係系纏缠罷罢習习聖圣膠胶臉脸藝艺蘭兰蝦虾螞蚂蟻蚁訊讯記记許许評评' +
  '詳详誠诚誰谁諾诺譽誉豎竖販贩貪贪貫贯貸贷賀贺賽赛贈赠趨趋躍跃輔辅輪轮遊游違违選选遺遗醬酱鄧邓鈕钮鉛铅銷销鋪铺鏈链鏡镜鑰钥閉闭閃闪闖闯隸隶靈灵韋韦頁页頓顿額额飄飘餓饿' +
  '餘余駐驻驅驱鬱郁魯鲁鮮鲜鳴鸣鴨鸭鵝鹅鹽盐麗丽點点齋斋';

export const TRADITIONAL_TO_SIMPLIFIED: ReadonlyMap<string, string> = (() => {
  const chars = [...TRADITIONAL_SIMPLIFIED_PAIRS];
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < chars.length; i += 2) map.set(chars[i], chars[i + 1]);
  return map;
})();

const FOLD: ReadonlyMap<string, string> = new Map([...SEARCH_FOLD_FROM].map((c, i) => [c, SEARCH_FOLD_TO[i]]));

/** Folds like `minyi_search_text` in the database (full-width → half-width, A–Z → a–z). */
export function foldSearchText(text: string): string {
  let out = '';
  for (const c of text) out += FOLD.get(c) ?? c;
  return out;
}

/** Query normalisation: the database folding, then traditional → simplified. */
export function normalizeSearchText(text: string): string {
  let out = '';
  for (const c of foldSearchText(text)) out += TRADITIONAL_TO_SIMPLIFIED.get(c) ?? c;
  return out;
}

/** Separators between search words: whitespace and punctuation (after folding). `.` `-` `_` `/` stay inside words. */
const WORD_SEPARATORS = /[\s,;:!?"'()[\]{}<>，。、；：！？“”‘’（）《》〈〉【】「」『』…—·]+/u;

/** The words of a normalised query (deduplicated, in order). */
export function searchWords(normalised: string): string[] {
  return [...new Set(normalised.split(WORD_SEPARATORS).filter(Boolean))];
}

/**
 * The index keys a word needs (`minyi_search_grams(…) @> keys`): its adjacent character pairs,
 * or the character itself for a one-character word. Characters are code points, as in SQL.
 */
export function wordGrams(word: string): string[] {
  const chars = [...word];
  if (chars.length === 1) return chars;
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i] + chars[i + 1]);
  return [...grams];
}
