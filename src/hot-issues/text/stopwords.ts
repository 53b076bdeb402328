/**
 * Stop words for complaint text (the one list; segment.ts, keywords.ts and signature.ts use it).
 *
 * Groups:
 * 1. 虚词 — Chinese function words: particles, pronouns, conjunctions, prepositions, adverbs of
 *    degree and time, modal verbs, measure words. They carry no matter-specific meaning.
 * 2. 热线套话 — hotline boilerplate written by operators on every order (来电人反映…诉求：请相关部门
 *    尽快核实处理). Left in, it makes every pair of orders look alike and ruins precision.
 * 3. Latin noise left over from HTML or mixed input (nbsp, amp…).
 *
 * Single characters are dropped by the segmenter anyway unless listed in MEANINGFUL_SINGLE_CHARS
 * (水, 电, 路 … which on their own identify a matter), so single-character function words need
 * not be listed here; they are, for the keyword extractor and for readability.
 *
 * Punctuation never reaches this list: tokens without a letter or digit are dropped before.
 */

/** 1. 虚词 */
const FUNCTION_WORDS = `
的 地 得 了 着 过 吗 呢 吧 啊 呀 哦 嗯 哈 么 嘛 啦 呗 哟
我 你 您 他 她 它 我们 你们 他们 她们 它们 咱们 自己 本人 自家 大家 人家 别人 有人 某人
这 那 这个 那个 这些 那些 这里 那里 这边 那边 这样 那样 这种 那种 这次 那次 此 其 该 之 某 某个 某些 各 各个 每 每个
是 为 有 在 和 与 及 以及 或 或者 还是 并 并且 而 而且 但 但是 可是 不过 然而 因为 所以 因此 由于 如果 假如 即使 虽然 只是 于是 然后 接着
把 被 对 对于 关于 从 自 自从 向 往 朝 给 跟 同 让 使 由 于 以 按 按照 根据 通过 经过 为了 除了 至于 至 到
也 都 就 还 又 再 才 只 仅 已 已经 曾 曾经 正在 正 将 将要 一直 一起 一下 一些 一个 一次 一点 一种 一样 一般 一定 几 几个
很 非常 十分 特别 比较 太 更 最 极 挺 相当 有点 有些 较 越来越 完全 根本 实在 确实 真的 真是
能 能够 可以 可能 会 要 想 应该 应当 需要 必须 得以 是否 能否 可否 有没有 是不是 没 没有 不 不是 不能 不会 无法
个 位 名 次 些 种 件 处 家 户 条 辆 元 块 天 月 年 日 号 点 分 秒 多 余 左右 上下 以上 以下 以内 以后 以前 之前 之后 之间 期间 时候 时
上 下 中 内 外 里 前 后 旁 边 附近 周边 当地 其中 其他 其它 另外 此外 同时 目前 现在 当前 近日 近期 最近 日前 今天 昨天 前天 今日 昨日 每天 经常 总是 一再 多次 反复 屡次 仍 仍然 依然 至今 迟迟 始终
今天上午 今天下午 今天晚上 昨天上午 昨天下午 昨天晚上 每天晚上 每天早上 晚上 早上 上午 下午 凌晨 半夜
几天 近几天 这几天 前几天 好几天 一周 近一周 一段时间 以来 一直以来 一个多月 半个月 多月 几个月
等 等等 之类 方面 情况 问题 事情 事项 事宜 东西 方式 过程 结果 原因 什么 怎么 怎样 如何 为什么 哪里 哪些 谁
`;

/** 2. 热线套话 */
const HOTLINE_BOILERPLATE = `
来电 来电人 来电者 来电人称 来电称 来电反映 来电咨询 来电投诉 市民 群众 居民 网友 留言 留言人 诉求人 投诉人 举报人 反映人 当事人 本人称
反映 反应 称 表示 声称 说 讲 告知 诉求 诉求内容 内容 主要 具体 详细
希望 要求 请求 请 恳请 恳求 敬请 烦请 麻烦 拜托 建议 盼 望 期望 期盼
相关 有关 相关部门 有关部门 相关单位 有关单位 部门 单位 职能部门 主管部门 政府 领导 工作人员
尽快 尽早 及时 马上 立即 赶紧 抓紧 早日 切实 认真 彻底 依法 严肃 严格
处理 处置 解决 核实 核查 调查 查处 查看 查明 落实 协调 督促 督办 介入 帮助 帮忙 协助 跟进 回复 答复 回访 办理 整改 管理 监管 加强 给予 予以 进行 加以 做好
再次 又 第二次 第三次 之前 此前 催办 再次来电 重复来电 说法 重视 管一管 看看
投诉 举报 咨询 求助 热线 工单 来信 来访 信访 网上 平台 谢谢 感谢 您好 你好 无果 未果 无效 无人 没人管 不管
影响 严重 很大 较大 导致 造成 存在 出现 发生 发现 属于 涉及 情绪 不满 意见
12345 12315 12328 12333
`;

/**
 * 2b. The caller's family — who is affected (其儿子, 佢老伴, 其母亲), not what went wrong: one matter's callers
 * name different relatives. (孩子 / 小孩 stay: 学生 in the synonym table; 老人 and 邻居 stay: often the matter.)
 */
const CALLER_FAMILY = `
儿子 女儿 孙子 孙女 外孙 外孙女 老伴 丈夫 老公 妻子 老婆 爱人 父亲 母亲 老父亲 老母亲 爸爸 妈妈 爷爷 奶奶 外婆 外公 公公 婆婆 家人 亲戚
`;

/** 3. Latin noise */
const LATIN_NOISE = `
nbsp amp lt gt quot apos br p div span http https www com cn html
`;

function words(block: string): string[] {
  return block.split(/\s+/).filter((w) => w.length > 0);
}

/** All stop words (normalised form: half-width, lowercase). */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  ...words(FUNCTION_WORDS),
  ...words(HOTLINE_BOILERPLATE),
  ...words(CALLER_FAMILY),
  ...words(LATIN_NOISE),
]);

/**
 * Single characters that identify a matter on their own and are kept as tokens
 * (jieba often leaves them alone: 停/水, 路/灯 when not in the dictionary, 猪/场…).
 */
export const MEANINGFUL_SINGLE_CHARS: ReadonlySet<string> = new Set(
  words(`
水 电 气 路 桥 灯 井 树 房 屋 田 山 河 江 塘 坝 渠 沟 坡 墙 门 窗 楼 梯 网 线 杆
狗 猫 猪 鸡 鸭 牛 羊 鱼 蛇 鼠 蚊 蝇 虫
烟 油 煤 火 雨 风 砂 沙 土 石 砖 粪 臭 脏 吵 堵 漏 塌 裂 淹 堆 烧 炸 毒 药 酒 肉 菜 米 茶
车 船 票 钱 税 费 表 卡 证 锁 秤 桶 球
`),
);

export function isStopWord(token: string): boolean {
  return STOP_WORDS.has(token);
}
