/**
 * 检索同义词表 Search synonyms for `workOrders(filter: { text })`.
 *
 * One group per line: a search for any word of a group also finds orders that use any other word
 * of it (噪声 finds 噪音 and 扰民). A word inside a longer search word is replaced too (工地噪声 →
 * 工地噪音, 工地扰民). Keep groups small and unambiguous — each word widens every search that
 * contains it — and write words in simplified Chinese, lowercase, half-width, at least 2
 * characters, each word in one group only (test/search.test.ts checks all of this).
 *
 * This list is for search recall. The hot-issue detector has its own canonicalising table
 * (hot-issues/text/lexicon.ts SYNONYM_GROUPS), tuned for similarity scores.
 */
export const SEARCH_SYNONYM_GROUPS: readonly (readonly string[])[] = [
  // 环境 / 噪声
  ['噪音', '噪声', '扰民', '吵闹'],
  ['油烟', '油烟味'],
  ['露天焚烧', '焚烧垃圾', '烧垃圾'],
  ['异味', '臭味', '恶臭'],
  // 劳动保障
  ['欠薪', '拖欠工资', '讨薪', '拖欠工钱', '欠工资', '不发工资', '工资拖欠'],
  ['社保', '社会保险'],
  ['医保', '医疗保险'],
  ['养老金', '退休金'],
  ['低保', '最低生活保障'],
  // 水电气
  ['停水', '断水', '没水', '没有水'],
  ['停电', '断电', '没电', '没有电'],
  ['停气', '断气', '燃气中断'],
  ['漏水', '渗水', '渗漏'],
  ['积水', '内涝'],
  // 市政设施
  ['路灯', '街灯'],
  ['窨井盖', '井盖', '下水道盖'],
  ['垃圾桶', '垃圾箱'],
  ['路面破损', '道路破损', '路面坑洼', '坑洼'],
  ['电梯故障', '电梯坏了', '电梯停运'],
  // 交通
  ['出租车', '的士', '出租汽车', '计程车'],
  ['拒载', '拒绝载客'],
  ['不打表', '拒绝打表', '不按表计价'],
  ['黑车', '非法营运'],
  ['电动车', '电瓶车', '电动自行车'],
  ['违停', '违章停车', '乱停车', '乱停乱放'],
  // 市场 / 城管
  ['占道经营', '占道摆摊', '摆摊占道'],
  ['违建', '违章建筑', '违法建筑', '违章搭建'],
  ['过期食品', '过期食物'],
  ['乱收费', '违规收费', '多收费'],
  ['假货', '假冒伪劣'],
  ['信号差', '没信号', '信号不好'],
];

/** At most this many spellings of one search word are tried (the rest are ignored). */
export const MAX_VARIANTS_PER_WORD = 12;

/** Word → its group (every word of SEARCH_SYNONYM_GROUPS). */
const GROUP_OF: ReadonlyMap<string, readonly string[]> = new Map(SEARCH_SYNONYM_GROUPS.flatMap((group) => group.map((word) => [word, group] as const)));

/** Group words, longest first, so that 拖欠工资 is taken before any shorter word inside it. */
const WORDS_LONGEST_FIRST: readonly string[] = [...GROUP_OF.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));

/**
 * The spellings a search word stands for: the word itself first, then the word with each synonym
 * group word it contains (leftmost, longest first, not overlapping) replaced by the other words of
 * its group. `term` is already normalised (search-text.ts normalizeSearchText).
 */
export function expandSynonyms(term: string): string[] {
  // Split the term into literal pieces and group words.
  const pieces: Array<string | readonly string[]> = [];
  let literal = '';
  for (let i = 0; i < term.length; ) {
    const word = WORDS_LONGEST_FIRST.find((w) => term.startsWith(w, i));
    if (word) {
      if (literal) pieces.push(literal);
      literal = '';
      // The word as written first, then the others of its group in list order.
      const group = GROUP_OF.get(word)!;
      pieces.push([word, ...group.filter((w) => w !== word)]);
      i += word.length;
    } else {
      literal += term[i];
      i += 1;
    }
  }
  if (literal) pieces.push(literal);

  let variants = [''];
  for (const piece of pieces) {
    const options = typeof piece === 'string' ? [piece] : piece;
    const next: string[] = [];
    // Breadth first over the options so that the term as written stays first and single
    // substitutions come before double ones when the cap cuts the list.
    for (const option of options) for (const prefix of variants) next.push(prefix + option);
    variants = next.slice(0, MAX_VARIANTS_PER_WORD * 4);
  }
  const unique = [...new Set([term, ...variants])];
  return unique.slice(0, MAX_VARIANTS_PER_WORD);
}
